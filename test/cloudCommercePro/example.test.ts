/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { REPO_ROOT } from '../harness';
import { run, simulatorForSuite } from './fixtures';

interface ExampleNode {
	name: string;
	type: string;
	parameters: INodeParameters & { jsCode?: string };
	onError?: string;
	credentials?: Record<string, { id: string; name: string }>;
}

const example = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', 'ccp-pay-orders-from-sheet.json'), 'utf8')) as { nodes: ExampleNode[] };
const node = (name: string) => example.nodes.find((entry) => entry.name === name)!;

const sim = simulatorForSuite();

describe('examples/ccp-pay-orders-from-sheet.json against a fresh demo simulator', () => {
	test('its node references the simulator credential and runs, with the Code node\'s items, as the README says', async () => {
		expect(example.nodes[0].type).toBe('n8n-nodes-base.manualTrigger');
		const vendorNode = node('Pay Order in Full');
		expect(vendorNode.credentials).toEqual({ cloudCommerceProApi: { id: 'ccpSimulator', name: 'Cloud Commerce Pro (simulator)' } });
		// The Code node's items (plain JavaScript standing in for a sheet).
		const items = (new Function(node('Orders to pay').parameters.jsCode!)() as Array<{ json: IDataObject }>).map((item) => item.json);
		const result = await run(vendorNode.parameters, items, { continueOnFail: vendorNode.onError === 'continueRegularOutput', nodeName: 'Pay Order in Full' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'paid', orderId: '5001', invoiceId: '86592563', amount: '12.00' });
		expect(result.items[1].json).toMatchObject({ status: 'skipped: already paid', orderId: '5002' });
		expect(result.items[2].json.error).toMatch(/Order 5003 has no invoice/);
		expect(sim.payments.map((payment) => [payment.invoiceId, payment.amount])).toEqual([[86592563, '12.00']]);
		// Run again: everything is paid, nothing more is sent.
		const again = await run(vendorNode.parameters, items, { continueOnFail: true });
		expect(again.items[0].json.status).toBe('skipped: already paid');
		expect(sim.payments).toHaveLength(1);
	});
});
