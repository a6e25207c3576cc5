/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { REPO_ROOT } from './package-loader';

export interface ExampleNode {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: INodeParameters & { jsCode?: string };
	onError?: string;
	credentials?: Record<string, { id: string; name: string }>;
}

/** An example workflow of examples/, its nodes by name, and the items its Code nodes make. */
export function readExample(file: string) {
	const example = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8')) as { nodes: ExampleNode[] };
	const node = (name: string) => example.nodes.find((entry) => entry.name === name)!;
	/** The items a Code node returns (plain JavaScript standing in for a sheet or a shop). */
	const codeItems = (name: string) =>
		(new Function(node(name).parameters.jsCode!)() as Array<{ json: IDataObject }>).map((item) => item.json);
	return { nodes: example.nodes, node, codeItems };
}
