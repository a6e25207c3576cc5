/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import * as fs from 'fs';
import * as path from 'path';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { CredentialStore, REPO_ROOT, runNode } from '../harness';
import { cnbsWebArDemoCredentialData, createCnbsWebArDemo } from '../simulators/cnbsWebArDemo';
import { CREDENTIAL, paymentRequests } from './fixtures';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'cnbs-pay-open-invoices.json');
const NODE_TYPE = 'n8n-nodes-invoice-payments.cnbsWebAr';

interface Example {
	nodes: INode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as Example;

/** The example's nodes in the order its connections run them. */
function chain(): INode[] {
	const byName = new Map(example.nodes.map((node) => [node.name, node]));
	const ordered: INode[] = [];
	let current: INode | undefined = example.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	while (current) {
		ordered.push(current);
		const next: string | undefined = example.connections[current.name]?.main[0]?.[0]?.node;
		current = next ? byName.get(next) : undefined;
	}
	return ordered;
}

describe('examples/cnbs-pay-open-invoices.json against a fresh demo simulator', () => {
	const sim = createCnbsWebArDemo();
	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});

	test('the example is a Manual Trigger, then CNBS WebAR nodes with the simulator credential', () => {
		const [trigger, ...rest] = chain();
		expect(trigger.type).toBe('n8n-nodes-base.manualTrigger');
		expect(rest.map((node) => [node.type, node.typeVersion, node.parameters.operation])).toEqual([
			[NODE_TYPE, 1, 'getMany'],
			[NODE_TYPE, 1, 'payInvoices'],
		]);
		for (const node of rest) {
			expect(node.credentials).toEqual({ cnbsWebArApi: { id: 'cnbsWebArSimulator', name: 'CNBS WebAR (simulator)' } });
		}
	});

	test('its nodes, run with its parameters, pay every open invoice of payer 3000 in one request', async () => {
		const credentials = new CredentialStore({ [CREDENTIAL]: cnbsWebArDemoCredentialData(sim.baseUrl) });
		const [, list, pay] = chain();
		const listed = await runNode({ nodeType: NODE_TYPE, parameters: list.parameters as INodeParameters, credentials });
		expect(listed.error).toBeUndefined();
		const documents = listed.items.map((item) => item.json);
		expect(documents.map((document) => document.document_number_finance)).toEqual(['1400000229', '1400000230']);

		const paid = await runNode({ nodeType: NODE_TYPE, parameters: pay.parameters as INodeParameters, credentials, items: documents as IDataObject[] });
		expect(paid.error).toBeUndefined();
		expect(paid.items.map((item) => [item.json.status, item.json.document_number_finance, item.json.amount_to_process])).toEqual([
			['paid', '1400000229', '7000.50'],
			['paid', '1400000230', '250.00'],
		]);
		expect(paymentRequests(sim)).toHaveLength(1);
		expect(sim.openAmount('1400000229')).toBe('0.00');
		expect(sim.openAmount('1400000230')).toBe('0.00');
		expect(sim.openAmount('1400000232')).toBe('99.90');
	});
});
