import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { expectNoSecretsShown, runPay } from '../faults/recorder';
import type { Invoice, NodeKind, VendorEntry } from '../faults/vendors';
import { mentions, payRequestsFor, VENDORS } from '../faults/vendors';
import type { VendorSimulator } from '../simulators/framework';

/**
 * n8n's Retry On Fail over the paying operation of every vendor node and of Pay Invoice (the
 * vendor table of the fault suite), three invoices, the vendor refusing one: n8n runs the whole
 * node again when it throws, or with Continue On Fail when the first output item has an error
 * (n8n-core's `checkFailure`). Generated over n8n's retry settings (2 to 5 tries), both error
 * modes, the refused item first, in the middle and last, one item at a time and 10 at once.
 * In every case each invoice is paid at most once, the simulator received one payment request
 * for each invoice it paid, and every item says what happened.
 */

const KINDS: NodeKind[] = ['vendorNode', 'payInvoice'];
const TRIES = [2, 3, 4, 5];
const POSITIONS = [0, 1, 2];
const BATCH_SIZES = [1, 10];

interface Variant {
	label: string;
	vendor: VendorEntry;
	kind: NodeKind;
	/** Parameters over the vendor table's (e.g. CNBS's one request for all items). */
	parameters?: INodeParameters;
}

const VARIANTS: Variant[] = VENDORS.flatMap((vendor) => [
	...KINDS.map((kind) => ({ label: `${vendor.name} ${kind}`, vendor, kind })),
	// CNBS's "All Items in One Request": every try would send the whole batch again.
	...(vendor.key === 'cnbsWebAr'
		? [{ label: `${vendor.name} vendorNode, all items in one request`, vendor, kind: 'vendorNode' as const, parameters: { requestMode: 'combined' } }]
		: []),
]);

interface Case {
	label: string;
	variant: Variant;
	tries: number;
	continueOnFail: boolean;
	refused: number;
	batchSize: number;
}

const CASES: Case[] = [];
for (const variant of VARIANTS) {
	for (const tries of TRIES) {
		for (const continueOnFail of [false, true]) {
			for (const refused of POSITIONS) {
				for (const batchSize of BATCH_SIZES) {
					CASES.push({
						label: `${variant.label}: ${tries} tries, ${continueOnFail ? 'Continue On Fail' : 'stop on fail'}, item ${refused} refused, batch ${batchSize}`,
						variant,
						tries,
						continueOnFail,
						refused,
						batchSize,
					});
				}
			}
		}
	}
}

/** Runs the case's node with Retry On Fail; returns what the run, the simulator and the ledger say. */
async function runCase(sim: VendorSimulator, testCase: Case, invoices: Invoice[]) {
	const { variant, tries, continueOnFail, refused, batchSize } = testCase;
	const refusal = variant.vendor.refuse(sim, invoices[refused], variant.kind);
	const items = invoices.map((invoice, index) => (index === refused ? refusal.item : invoice.item));
	const result = await runPay(variant.vendor, variant.kind, sim, {
		items,
		batchSize,
		continueOnFail,
		parameters: variant.parameters,
		nodeSettings: { retryOnFail: true, maxTries: tries, waitBetweenTries: 1 },
		label: `retry ${testCase.label}`,
	});
	return { result, refusal, items };
}

describe('Retry On Fail never pays twice', () => {
	afterAll(() => expectNoSecretsShown(1));

	test(`covers ${CASES.length} cases (${VARIANTS.length} paying operations x ${TRIES.length} tries x 2 error modes x ${POSITIONS.length} positions x ${BATCH_SIZES.length} batch sizes)`, () => {
		// 5 vendor nodes + CNBS's combined mode + 5 Pay Invoice vendors.
		expect(VARIANTS).toHaveLength(11);
		expect(CASES).toHaveLength(VARIANTS.length * TRIES.length * 2 * POSITIONS.length * BATCH_SIZES.length);
	});

	test.concurrent.each(CASES)('$label', async (testCase) => {
		const { vendor } = testCase.variant;
		const sim = vendor.create();
		await sim.start();
		try {
			const invoices = vendor.load(sim, 3);
			const { result, refusal } = await runCase(sim, testCase, invoices);
			const paid = vendor.paidRefs(sim);
			const others = invoices.filter((_, index) => index !== testCase.refused);

			// The ledger: no invoice paid twice, and every invoice paid got exactly one payment request.
			for (const invoice of invoices) {
				const times = paid.filter((ref) => ref === invoice.ref).length;
				expect({ invoice: invoice.ref, times: Math.min(times, 1) }).toEqual({ invoice: invoice.ref, times });
				if (times === 1) expect({ invoice: invoice.ref, requests: payRequestsFor(vendor, sim, invoice.ref).length }).toEqual({ invoice: invoice.ref, requests: 1 });
			}
			expect(paid.filter((ref) => ref === invoices[testCase.refused].ref)).toEqual([]);

			if (testCase.continueOnFail) {
				// Every item says what happened: the refused one its refusal, the others paid (once).
				expect(result.error).toBeUndefined();
				expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
				result.items.forEach((item, index) => {
					if (index === testCase.refused) expect(String(item.json.error)).toMatch(refusal.message);
					else expect({ index, status: item.json.status, error: item.json.error }).toEqual({ index, status: 'paid', error: null });
				});
				for (const invoice of others) expect(paid).toContain(invoice.ref);
			} else {
				// The node fails with the refusal; what it paid before, it paid once.
				expect(String(result.error?.message)).toMatch(refusal.message);
				for (const invoice of others) expect(paid.filter((ref) => ref === invoice.ref).length).toBeLessThanOrEqual(1);
			}
			expect(sim.handlerErrors).toEqual([]);
		} finally {
			await sim.stop();
		}
	});
});

describe('Retry On Fail after a lost answer', () => {
	// The answer to the first item's payment is lost (the connection reset after the vendor processed it):
	// every later try reports it as possibly paid and never sends it again.
	test.concurrent.each(VARIANTS.flatMap((variant) => TRIES.map((tries) => ({ label: `${variant.label}, ${tries} tries`, variant, tries }))))(
		'$label',
		async ({ variant, tries }) => {
			const { vendor, kind } = variant;
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, 3);
				const target = invoices[0];
				sim.fail({ kind: 'reset', afterProcessing: true }, { when: (request) => vendor.isPayment(request) && mentions(request, target.ref) });
				const result = await runPay(vendor, kind, sim, {
					items: invoices.map((invoice) => invoice.item),
					continueOnFail: true,
					parameters: variant.parameters,
					nodeSettings: { retryOnFail: true, maxTries: tries, waitBetweenTries: 1 },
					label: `lost answer ${variant.label}`,
				});
				expect(payRequestsFor(vendor, sim, target.ref)).toHaveLength(1);
				const first = result.items[0].json as IDataObject;
				expect(`${String(first.error)} ${String(first.errorDescription)}`).toMatch(/may have reached|was not sent again/);
				const paid = vendor.paidRefs(sim);
				for (const invoice of invoices) expect(paid.filter((ref) => ref === invoice.ref).length).toBeLessThanOrEqual(1);
				for (const invoice of invoices.slice(1)) expect(paid).toContain(invoice.ref);
			} finally {
				await sim.stop();
			}
		},
	);
});
