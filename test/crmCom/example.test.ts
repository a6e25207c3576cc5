import { readExample } from '../harness/examples';
import { run, simulatorForSuite } from './fixtures';

const { nodes, node, codeItems } = readExample('crmcom-pay-invoices.json');

const sim = simulatorForSuite();

describe('examples/crmcom-pay-invoices.json against a fresh demo simulator', () => {
	test('its node references the simulator credential and runs, with the Code node\'s items, as the README says', async () => {
		expect(nodes[0].type).toBe('n8n-nodes-base.manualTrigger');
		const vendorNode = node('Pay Invoice');
		expect(vendorNode.credentials).toEqual({ crmComApi: { id: 'crmComSimulator', name: 'CRM.COM (simulator)' } });
		// The Code node's items (plain JavaScript standing in for a sheet).
		const items = codeItems('Payments to record');
		const result = await run(vendorNode.parameters, items, { continueOnFail: vendorNode.onError === 'continueRegularOutput', nodeName: 'Pay Invoice' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['paid', 'paid', 'skipped: already paid']);
		expect(result.items.map((item) => item.json.payment_amount).slice(0, 2)).toEqual(['225.00', '12.50']);
		expect(sim.payments.map((payment) => payment.invoice_id)).toEqual(['54F3A49F23024C51AFF21B7C728F3549', '0B1C2D3E4F5061728394A5B6C7D8E9F0']);
		// Run again (Check First): the invoices are paid, nothing more is paid.
		const again = await run(vendorNode.parameters, items, { continueOnFail: true });
		expect(again.items.map((item) => item.json.status)).toEqual(['skipped: already paid', 'skipped: already paid', 'skipped: already paid']);
		expect(sim.payments).toHaveLength(2);
	});
});
