import { expectNoSecretsShown, runPay } from './recorder';
import type { NodeKind } from './vendors';
import { payRequestsFor, VENDORS } from './vendors';

/**
 * Maximum Amount on the paying operation of every vendor node and of Pay Invoice (the fault
 * suite's vendor table, every invoice of 12.00): below the payment's amount, the item is refused
 * naming the field and no payment request is sent (a full-balance payment may read the balance
 * first, to know the amount); at or above it, the invoice is paid once.
 */
const KINDS: NodeKind[] = ['vendorNode', 'payInvoice'];
const CASES = VENDORS.flatMap((vendor) => KINDS.map((kind) => ({ label: `${vendor.name} ${kind}`, vendor, kind })));

describe('Maximum Amount on every paying operation', () => {
	afterAll(() => expectNoSecretsShown(1));

	test('every paying operation offers it', async () => {
		const { loadPackage } = await import('../harness');
		const { nodeTypes } = await loadPackage();
		for (const { vendor, kind } of CASES) {
			const type = kind === 'payInvoice' ? 'payInvoice' : vendor.key;
			const properties = nodeTypes.getByNameAndVersion(`n8n-nodes-invoice-payments.${type}`).description.properties;
			const parameters = vendor.parameters[kind];
			const options = properties.filter(
				(property) =>
					property.name === 'options' &&
					Object.entries(property.displayOptions?.show ?? {}).every(([name, values]) => (values as unknown[]).includes(parameters[name])),
			);
			expect({ type, names: options.flatMap((option) => (option.options ?? []).map((entry) => entry.name)) }).toEqual({
				type,
				names: expect.arrayContaining(['maximumAmount', 'idempotencyKey']),
			});
		}
	});

	test.concurrent.each(CASES)('$label: 12.00 above a Maximum Amount of 10.00 is refused, nothing paid; 12.00 within 12.00 is paid', async ({ vendor, kind }) => {
		const sim = vendor.create();
		await sim.start();
		try {
			const [refused, paid] = vendor.load(sim, 2);
			const over = await runPay(vendor, kind, sim, { items: [refused.item], options: { maximumAmount: '10.00' } });
			expect(String(over.items[0].json.error)).toMatch(/^The payment of 12\.00 is above the Maximum Amount of 10\.00: nothing was paid/);
			expect(payRequestsFor(vendor, sim)).toHaveLength(0);
			const within = await runPay(vendor, kind, sim, { items: [paid.item], options: { maximumAmount: '12.00' } });
			expect({ status: within.items[0].json.status, error: within.items[0].json.error }).toEqual({ status: 'paid', error: null });
			expect(vendor.paidRefs(sim)).toEqual([paid.ref]);
		} finally {
			await sim.stop();
		}
	});
});
