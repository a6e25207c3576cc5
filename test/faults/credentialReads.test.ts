import { expectNoSecretsShown, runPay } from './recorder';
import type { NodeKind } from './vendors';
import { VENDORS } from './vendors';

/**
 * The credential is read a fixed number of times per run, however many invoices it pays: in real
 * n8n every read is a database query and a decryption, so a read per request made the session
 * vendors (whose token n8n keeps) twice as slow as n8n's HTTP Request node. Every vendor, both
 * the vendor node and Pay Invoice, Batching on and off.
 */
const KINDS: NodeKind[] = ['vendorNode', 'payInvoice'];
const ROWS = VENDORS.flatMap((vendor) =>
	KINDS.flatMap((kind) => [1, 10].map((batchSize) => ({ label: `${vendor.name} ${kind} batch ${batchSize}`, vendor, kind, batchSize }))),
);

describe('credential reads per run', () => {
	afterAll(() => expectNoSecretsShown(1));

	test.concurrent.each(ROWS)('$label: as many for 20 invoices as for 2', async ({ vendor, kind, batchSize }) => {
		const reads: number[] = [];
		for (const count of [2, 20]) {
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, count);
				const result = await runPay(vendor, kind, sim, { items: invoices.map((invoice) => invoice.item), batchSize });
				expect(result.items.map((item) => item.json.status)).toEqual(invoices.map(() => 'paid'));
				expect(vendor.paidRefs(sim).sort()).toEqual(invoices.map((invoice) => invoice.ref).sort());
				reads.push(result.credentials.decryptions[vendor.credentialType] ?? 0);
			} finally {
				await sim.stop();
			}
		}
		expect(reads[0]).toBeGreaterThan(0);
		expect(reads[1]).toBe(reads[0]);
	});
});
