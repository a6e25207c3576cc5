import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { kindOf } from '../../nodes/shared/fieldKinds';
import { loadPackage } from '../harness';

/**
 * Issue 18: every field of every operation of every node (paying or not) is declared once with
 * its kind. Generated from the built node descriptions: a new field without a kind fails here.
 */
const NOT_INPUT = new Set(['resource', 'operation', 'vendor', 'toolDescription']);

type Choice = { resource?: string; operation?: string };

/** Whether a property's resource/operation display conditions admit the choice (other conditions: all their cases). */
function belongsTo(property: INodeProperties, choice: Choice): boolean {
	const { show, hide } = property.displayOptions ?? {};
	for (const key of ['resource', 'operation'] as const) {
		const value = choice[key];
		if (value === undefined) continue;
		const shown = show?.[key] as unknown[] | undefined;
		if (shown && !shown.includes(value)) return false;
		const hidden = hide?.[key] as unknown[] | undefined;
		if (hidden?.includes(value)) return false;
	}
	return true;
}

function undeclaredIn(properties: INodeProperties[], path: string[]): string[] {
	const found: string[] = [];
	for (const property of properties) {
		if (property.type === 'notice' || NOT_INPUT.has(property.name)) continue;
		const here = [...path, property.name];
		if (property.type === 'collection') {
			found.push(...undeclaredIn(property.options as INodeProperties[], here));
		} else if (property.type === 'fixedCollection') {
			for (const group of property.options as INodePropertyCollection[]) found.push(...undeclaredIn(group.values, [...here, group.name]));
		} else if (kindOf(property) === undefined) {
			found.push(here.join('.'));
		}
	}
	return found;
}

function optionValues(property: INodeProperties | undefined): string[] {
	return ((property?.options ?? []) as Array<{ value: string }>).map((option) => option.value);
}

describe('every field of every operation of every node declares its kind', () => {
	let operations: Array<{ label: string; properties: INodeProperties[] }> = [];

	beforeAll(async () => {
		const pkg = await loadPackage();
		operations = pkg.nodeTypes.shortNames.flatMap((short) => {
			const { properties, displayName } = pkg.nodeTypes.getByNameAndVersion(pkg.nodeTypes.resolveName(short)).description;
			const resources = properties.filter((property) => property.name === 'resource');
			const resourceValues = resources.length ? [...new Set(resources.flatMap(optionValues))] : [undefined];
			return resourceValues.flatMap((resource) => {
				const operationProperties = properties.filter((property) => property.name === 'operation' && belongsTo(property, { resource }));
				const operationValues = operationProperties.length ? [...new Set(operationProperties.flatMap(optionValues))] : [undefined];
				return operationValues.map((operation) => ({
					label: `${displayName} ${resource ?? ''}/${operation ?? ''}`,
					properties: properties.filter((property) => belongsTo(property, { resource, operation })),
				}));
			});
		});
	});

	test('the walk finds every node and many operations', () => {
		expect(new Set(operations.map(({ label }) => label.split(' ')[0])).size).toBeGreaterThanOrEqual(6);
		expect(operations.length).toBeGreaterThan(20);
	});

	test('no field of any operation is undeclared', () => {
		const undeclared = operations.flatMap(({ label, properties }) => undeclaredIn(properties, []).map((field) => `${label}: ${field}`));
		expect(undeclared).toEqual([]);
	});
});
