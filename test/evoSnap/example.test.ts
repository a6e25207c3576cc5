import { CredentialStore } from '../harness';
import { readExample } from '../harness/examples';
import type { EvoSnapSimulator } from '../simulators/evoSnap';
import { createEvoSnapDemo, evoSnapDemoCredentialData } from '../simulators/evoSnapDemo';
import { CREDENTIAL, run, shown } from './fixtures';

const { nodes, node, codeItems } = readExample('evosnap-create-and-process-invoice.json');

describe('example: create an invoice from an order, then process it', () => {
	let sim: EvoSnapSimulator;
	beforeAll(async () => {
		sim = createEvoSnapDemo();
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});

	test('its nodes reference the simulator credential and run green against a fresh demo simulator', async () => {
		const evoNodes = nodes.filter((entry) => entry.type === 'n8n-nodes-invoice-payments.evoSnap');
		expect(evoNodes.map((entry) => entry.name)).toEqual(['Create Invoice', 'Process Invoice']);
		for (const entry of evoNodes) {
			expect(entry.typeVersion).toBe(1);
			expect(entry.credentials).toEqual({ evoSnapApi: { id: 'evoSnapSimulator', name: 'EVO Snap* (simulator)' } });
		}
		expect(nodes[0].type).toBe('n8n-nodes-base.manualTrigger');

		// The Code node's items (plain JavaScript returning the order).
		const orders = codeItems('Order from the shop');

		const store = new CredentialStore({ [CREDENTIAL]: evoSnapDemoCredentialData(sim.baseUrl) });
		const created = await run(node('Create Invoice').parameters, orders, { credentials: store, nodeName: 'Create Invoice' });
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ status: 'created', Amount: '10.30', MerchantInvoiceId: 'ORD-1001', CurrencyCode: 'USD' });
		const id = created.items[0].json.InvoiceReferenceId as string;
		expect(sim.invoice(id)?.invoice).toMatchObject({
			Amount: 10.3,
			Order: { OrderItems: [{ ProductCode: 'W-1', Amount: 10 }, { ProductCode: 'S-1', Amount: 0.3 }] },
		});
		expect(sim.invoice(id)?.rawBody).toContain('"Amount":10.30,');

		const processed = await run(node('Process Invoice').parameters, created.items.map((item) => item.json), { credentials: store, nodeName: 'Process Invoice' });
		expect(processed.error).toBeUndefined();
		expect(processed.items[0].json).toMatchObject({ status: 'paid', InvoiceReferenceId: id, Status: 'Success', StatusCode: '000' });
		expect(sim.payments.map((payment) => payment.InvoiceReferenceId)).toEqual([id]);
		expect(sim.signOns).toBe(1);
		expect(shown(processed)).not.toContain('4111111111194053');
	});
});
