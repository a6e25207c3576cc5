import type { INodeProperties, INodePropertyCollection, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage } from '../harness';

/**
 * n8n's resource locator shows the chosen mode in a 92 px selector and cuts what does not fit
 * ("By Numb"). Every mode of every resource locator of every node (from the loaded descriptions)
 * has a label short enough to read there, one label per mode, and a hint that names it in full.
 * The browser suite measures the same in Chromium (CRM.COM group).
 */
/**
 * A label's width in rough character units of n8n's font: narrow letters half, capitals and m/w
 * more. Measured in Chromium: "Number" (6.1), "Medium" (6.3), "Pref Alt" (5.9) fit; "BO Code"
 * (7.1) was cut.
 */
const WIDEST_LABEL = 6.5;
function labelWidth(label: string): number {
	return [...label].reduce((width, char) => {
		if (' .,:;iljtfrI'.includes(char)) return width + 0.5;
		if ('MWmw'.includes(char)) return width + 1.4;
		return width + (char >= 'A' && char <= 'Z' ? 1.2 : 1);
	}, 0);
}

function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(
			(property.options ?? []).flatMap((option) =>
				'values' in option ? (option as INodePropertyCollection).values : 'displayName' in option ? [option as INodeProperties] : [],
			),
		),
	]);
}

describe('resource locator modes', () => {
	test('every mode of every node reads whole in n8n\'s mode selector', async () => {
		const { loader } = await loadPackage();
		const locators = Object.values(loader.nodeTypes).flatMap(({ type }) => {
			const description = (type as { description: INodeTypeDescription }).description;
			return allProperties(description.properties)
				.filter((property) => property.type === 'resourceLocator')
				.map((property) => ({ node: description.displayName, property }));
		});
		expect(locators.length).toBeGreaterThan(10);
		const problems: string[] = [];
		for (const { node, property } of locators) {
			const labels = (property.modes ?? []).map((mode) => mode.displayName);
			if (new Set(labels).size !== labels.length) problems.push(`${node} ${property.name}: labels repeat: ${labels.join(', ')}`);
			for (const mode of property.modes ?? []) {
				if (labelWidth(mode.displayName) > WIDEST_LABEL) problems.push(`${node} ${property.name}: "${mode.displayName}" is too wide`);
				if (!mode.hint) problems.push(`${node} ${property.name}: mode "${mode.displayName}" has no hint`);
			}
		}
		expect(problems).toEqual([]);
		expect(labelWidth('BO Code')).toBeGreaterThan(WIDEST_LABEL);
	});
});
