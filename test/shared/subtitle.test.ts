/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test code: runs in Node and jest, never ships to n8n */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage } from '../harness';

/**
 * The subtitle under every vendor node on the canvas reads "<Resource>: <Operation>" in the
 * names the node's own dropdowns show, for every resource and operation the node has (taken from
 * the built node descriptions): never the raw values ("payInvoice: payment").
 */
const VENDOR_NODES = ['adilas', 'cloudCommercePro', 'cnbsWebAr', 'crmCom', 'evoSnap'];

function evaluate(subtitle: string, parameters: Record<string, string>): unknown {
	// n8n evaluates the text between ={{ and }} with the node's parameters as $parameter.
	return new Function('$parameter', `return ${subtitle.replace(/^={{/, '').replace(/}}$/, '')}`)(parameters) as unknown;
}

function combinations(properties: INodeProperties[]): Array<{ resource: string; resourceName: string; operation: string; operationName: string }> {
	const resources = properties.find((property) => property.name === 'resource')?.options ?? [];
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			((property.displayOptions?.show?.resource as string[] | undefined) ?? []).flatMap((resource) =>
				(property.options ?? []).map((option) => ({
					resource,
					resourceName: (resources.find((entry) => 'value' in entry && entry.value === resource) as { name: string }).name,
					operation: String((option as { value: string }).value),
					operationName: option.name,
				})),
			),
		);
}

describe('the subtitle under each vendor node on the canvas', () => {
	test.each(VENDOR_NODES)('%s: every resource and operation in words', async (nodeName) => {
		const { nodeTypes } = await loadPackage();
		const description = nodeTypes.getByNameAndVersion(`n8n-nodes-invoice-payments.${nodeName}`).description as INodeTypeDescription;
		const all = combinations(description.properties);
		expect(all.length).toBeGreaterThan(0);
		for (const { resource, resourceName, operation, operationName } of all) {
			expect(evaluate(String(description.subtitle), { resource, operation })).toBe(`${resourceName}: ${operationName}`);
		}
	});
});
