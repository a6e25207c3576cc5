import { readExample } from '../harness/examples';
import { run, simulatorForSuite } from './fixtures';

const { nodes, node, codeItems } = readExample('ccp-pay-orders-from-sheet.json');

const sim = simulatorForSuite();

describe('examples/ccp-pay-orders-from-sheet.json against a fresh demo simulator', () => {
	test('its node references the simulator credential and runs, with the Code node\'s items, as the README says', async () => {
		expect(nodes[0].type).toBe('n8n-nodes-base.manualTrigger');
		const vendorNode = node('Pay Order in Full');
		expect(vendorNode.credentials).toEqual({ cloudCommerceProApi: { id: 'ccpSimulator', name: 'Cloud Commerce Pro (simulator)' } });
		// The Code node's items (plain JavaScript standing in for a sheet).
		const items = codeItems('Orders to pay');
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
