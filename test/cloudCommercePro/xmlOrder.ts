import { XMLParser } from 'fast-xml-parser';

/** Every element of a document as [path, text] in document order, namespace prefixes kept. */
export function elementsInOrder(xml: string): Array<[string, string]> {
	const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });
	const out: Array<[string, string]> = [];
	const walk = (nodes: Array<Record<string, unknown>>, path: string) => {
		for (const node of nodes) {
			const name = Object.keys(node).find((key) => key !== ':@');
			if (!name || name === '#text') continue;
			const children = node[name] as Array<Record<string, unknown>>;
			const text = children.find((child) => '#text' in child)?.['#text'];
			out.push([`${path}/${name}`, text === undefined ? '' : String(text)]);
			walk(children, `${path}/${name}`);
		}
	};
	walk(parser.parse(xml) as Array<Record<string, unknown>>, '');
	return out;
}
