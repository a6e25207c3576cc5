import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { expectNoSecretsShown, runPay } from '../faults/recorder';
import type { NodeKind, VendorEntry } from '../faults/vendors';
import { payRequestsFor, VENDORS } from '../faults/vendors';

/**
 * The paths by which n8n runs a paying node again in another execution, over the paying
 * operation of every vendor node and of Pay Invoice (the fault suite's vendor table):
 * - a failed execution retried from the execution list (n8n's ExecutionService.retry: mode
 *   `retry`, the failed execution's data, the failed node run again on the same input), with the
 *   failed execution's context data as n8n keeps it, and without it;
 * - the same payment asked for by two executions (a webhook delivered twice), with an
 *   Idempotency Key: through the workflow's static data n8n saved, and through the process.
 */

interface Variant {
	label: string;
	vendor: VendorEntry;
	kind: NodeKind;
	parameters?: INodeParameters;
}

const VARIANTS: Variant[] = VENDORS.flatMap((vendor) => [
	{ label: `${vendor.name} vendor node`, vendor, kind: 'vendorNode' as const },
	{ label: `${vendor.name} Pay Invoice`, vendor, kind: 'payInvoice' as const },
	...(vendor.key === 'cnbsWebAr'
		? [
				{ label: `${vendor.name} vendor node, all items in one request`, vendor, kind: 'vendorNode' as const, parameters: { requestMode: 'combined' } },
				// The open amount as Get Many read it, and the check on: a document paid by the failed
				// execution is "already paid", not "changed since it was read".
				{
					label: `${vendor.name} Pay Invoice, open amount given, Check Balance First`,
					vendor,
					kind: 'payInvoice' as const,
					parameters: { cnbsWebArOpenAmount: '={{ $json.open_amount }}', options: { checkBalanceFirst: true } },
				},
			]
		: []),
]);

/** Whether the operation reads the balance before paying the vendor table's payment (full balance). */
function checksBalance(variant: Variant): boolean {
	if (variant.vendor.key === 'adilas') return false;
	// Cloud Commerce Pro's Create Payment pays a given amount and reads nothing first.
	if (variant.vendor.key === 'cloudCommercePro' && variant.kind === 'vendorNode') return false;
	return true;
}

const times = (paid: string[], ref: string) => paid.filter((entry) => entry === ref).length;

describe('a retried execution', () => {
	afterAll(() => expectNoSecretsShown(1));

	describe.each(VARIANTS)('$label', (variant) => {
		const { vendor, kind } = variant;

		test('with the failed execution\'s data: the items it paid keep their outcome, nothing is sent twice', async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, 3);
				const refusal = vendor.refuse(sim, invoices[2], kind);
				const items = [invoices[0].item, invoices[1].item, refusal.item];
				const failed = await runPay(vendor, kind, sim, { items, continueOnFail: false, parameters: variant.parameters, mode: 'webhook' });
				expect(String(failed.error?.message)).toMatch(refusal.message);
				const paidBefore = vendor.paidRefs(sim);
				const requestsBefore = invoices.map((invoice) => payRequestsFor(vendor, sim, invoice.ref).length);

				const retried = await failed.retry();
				expect(retried.run.mode).toBe('retry');
				// The refusal is still there: the retry fails on it again, and pays nothing more.
				expect(String(retried.error?.message)).toMatch(refusal.message);
				const paid = vendor.paidRefs(sim);
				for (const invoice of invoices) expect({ ref: invoice.ref, times: times(paid, invoice.ref) }).toEqual({ ref: invoice.ref, times: times(paidBefore, invoice.ref) });
				for (const invoice of invoices.slice(0, 2)) expect(times(paid, invoice.ref)).toBeLessThanOrEqual(1);
				// Only the refused item may be sent again (a refused payment is not a payment).
				invoices.slice(0, 2).forEach((invoice, index) => {
					expect(payRequestsFor(vendor, sim, invoice.ref)).toHaveLength(requestsBefore[index]);
				});
			} finally {
				await sim.stop();
			}
		});

		test('with the paid items replayed, Continue On Fail: each paid item shows its first outcome', async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, 3);
				const refusal = vendor.refuse(sim, invoices[2], kind);
				const items = [invoices[0].item, invoices[1].item, refusal.item];
				const failed = await runPay(vendor, kind, sim, { items, continueOnFail: false, parameters: variant.parameters, mode: 'webhook' });
				expect(failed.error).toBeDefined();
				// The user switches Continue On Fail on and retries with the saved workflow ("Retry with currently saved workflow").
				failed.node.onError = 'continueRegularOutput';
				const retried = await failed.retry();
				expect(retried.error).toBeUndefined();
				expect(retried.items.map((item) => item.json.status)).toEqual(['paid', 'paid', ...(kind === 'payInvoice' ? ['failed'] : [retried.items[2].json.status])]);
				expect(String(retried.items[2].json.error)).toMatch(refusal.message);
				const paid = vendor.paidRefs(sim);
				for (const invoice of invoices.slice(0, 2)) expect(times(paid, invoice.ref)).toBe(1);
				for (const invoice of invoices.slice(0, 2)) expect(payRequestsFor(vendor, sim, invoice.ref)).toHaveLength(1);
			} finally {
				await sim.stop();
			}
		});

		test(`without the failed execution's data: ${checksBalance(variant) ? 'the balance is read first, paid invoices are skipped' : 'every item is refused, nothing is sent'}`, async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, 3);
				const refusal = vendor.refuse(sim, invoices[2], kind);
				const items = [invoices[0].item, invoices[1].item, refusal.item];
				const failed = await runPay(vendor, kind, sim, { items, continueOnFail: false, parameters: variant.parameters, mode: 'webhook' });
				expect(failed.error).toBeDefined();
				const requestsBefore = sim.requests.filter((request) => vendor.isPayment(request)).length;
				failed.node.onError = 'continueRegularOutput';
				const retried = await failed.retry({ withoutContext: true });
				expect(retried.error).toBeUndefined();
				const paid = vendor.paidRefs(sim);
				for (const invoice of invoices) expect(times(paid, invoice.ref)).toBeLessThanOrEqual(1);
				if (!checksBalance(variant)) {
					expect(sim.requests.filter((request) => vendor.isPayment(request))).toHaveLength(requestsBefore);
					for (const item of retried.items) {
						expect(String(item.json.error)).toMatch(/retry of a failed execution.*cannot tell whether the failed execution already paid this item: nothing was sent/);
					}
				} else {
					for (const invoice of invoices.slice(0, 2)) expect(payRequestsFor(vendor, sim, invoice.ref)).toHaveLength(1);
					for (const item of retried.items.slice(0, 2)) expect({ status: item.json.status, error: item.json.error }).toEqual({ status: 'skipped: already paid', error: null });
				}
			} finally {
				await sim.stop();
			}
		});
	});
});

describe('the same payment asked for twice (Idempotency Key)', () => {
	afterAll(() => expectNoSecretsShown(1));

	describe.each(VARIANTS)('$label', (variant) => {
		const { vendor, kind } = variant;
		const keyed = (items: IDataObject[], prefix: string) => items.map((item, index) => ({ ...item, eventId: `${prefix}-${index}` }));
		const options = { idempotencyKey: '={{ $json.eventId }}' };

		test('a webhook delivered twice pays once: through the static data n8n saved, and in the same process', async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, 3);
				const items = keyed(invoices.map((invoice) => invoice.item), randomUUID());
				const first = await runPay(vendor, kind, sim, { items, options, parameters: variant.parameters, mode: 'webhook' });
				expect(first.items.map((item) => item.json.status)).toEqual(['paid', 'paid', 'paid']);
				const staticData = JSON.parse(JSON.stringify(first.workflow.staticData)) as IDataObject;
				const requests = sim.requests.filter((request) => vendor.isPayment(request)).length;

				// Another process (another node id, so that this process's memory does not know the keys) with the saved static data.
				const second = await runPay(vendor, kind, sim, {
					items,
					options,
					parameters: variant.parameters,
					mode: 'webhook',
					staticData,
					nodeSettings: { id: 'another-process' },
				});
				// The same process, without the static data (e.g. a manual run, which n8n does not save).
				const third = await runPay(vendor, kind, sim, { items, options, parameters: variant.parameters, mode: 'manual' });
				for (const run of [second, third]) {
					expect(run.items.map((item) => item.json.status)).toEqual(Array(3).fill('skipped: idempotency key used before'));
					expect(run.items.map((item) => item.json.idempotencyKey)).toEqual(items.map((item) => item.eventId));
				}
				expect(sim.requests.filter((request) => vendor.isPayment(request))).toHaveLength(requests);
				const paid = vendor.paidRefs(sim);
				for (const invoice of invoices) expect(times(paid, invoice.ref)).toBe(1);
			} finally {
				await sim.stop();
			}
		});

		test('two items of one run with the same key: the second is not sent; a refused payment keeps its key free', async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, 2);
				const prefix = randomUUID();
				const refusal = vendor.refuse(sim, invoices[1], kind);
				const items = [
					{ ...invoices[0].item, eventId: `${prefix}-a` },
					{ ...invoices[0].item, eventId: `${prefix}-a` },
					{ ...refusal.item, eventId: `${prefix}-b` },
				];
				const run = await runPay(vendor, kind, sim, { items, options, parameters: variant.parameters, mode: 'webhook' });
				expect(run.items[0].json.status).toBe('paid');
				expect(run.items[1].json).toMatchObject({ status: 'skipped: idempotency key used before', idempotencyKey: `${prefix}-a` });
				expect(String(run.items[2].json.error)).toMatch(refusal.message);
				expect(times(vendor.paidRefs(sim), invoices[0].ref)).toBe(1);
				// The refused payment's key was not kept: asked again, it is tried again.
				const again = await runPay(vendor, kind, sim, { items: [items[2]], options, parameters: variant.parameters, mode: 'webhook', staticData: run.workflow.staticData as IDataObject });
				expect(String(again.items[0].json.error)).toMatch(refusal.message);
			} finally {
				await sim.stop();
			}
		});

		test('an Idempotency Key that is not text is refused naming the field, nothing sent', async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, 1);
				const run = await runPay(vendor, kind, sim, {
					items: [{ ...invoices[0].item, eventId: { id: 7 } }],
					options,
					parameters: variant.parameters,
				});
				expect(String(run.items[0].json.error)).toMatch(/Idempotency Key must be a key of at most 100 characters.*, got an object/);
				expect(sim.requests).toHaveLength(0);
			} finally {
				await sim.stop();
			}
		});
	});
});

describe("CRM.COM's own uniqueness key: the Idempotency Key as the back office code", () => {
	const crm = VENDORS.find((vendor) => vendor.key === 'crmCom')!;

	test.each(['vendorNode', 'payInvoice'] as const)('%s: another worker, which knows nothing of the first, does not pay again', async (kind) => {
		const sim = crm.create();
		await sim.start();
		try {
			const invoices = crm.load(sim, 2);
			const prefix = `crm-${kind}-${randomUUID()}`;
			const items = invoices.map((invoice, index) => ({ ...invoice.item, eventId: `${prefix}-${index}` }));
			const options = { idempotencyKey: '={{ $json.eventId }}' };
			const first = await runPay(crm, kind, sim, { items, options, mode: 'webhook' });
			expect(first.items.map((item) => item.json.status)).toEqual(['paid', 'paid']);
			const codes = sim.requests.filter((request) => crm.isPayment(request)).map((request) => (request.json as IDataObject).back_office_code);
			expect(codes).toEqual(items.map((item) => item.eventId));

			// Another worker: neither this process's memory (another node id) nor the static data.
			const second = await runPay(crm, kind, sim, { items, options, mode: 'webhook', nodeSettings: { id: 'another-worker' } });
			const expected = kind === 'vendorNode' ? 'skipped: idempotency key used before' : 'skipped: already paid';
			expect(second.items.map((item) => item.json.status)).toEqual([expected, expected]);
			const paid = crm.paidRefs(sim);
			for (const invoice of invoices) expect(times(paid, invoice.ref)).toBe(1);
		} finally {
			await sim.stop();
		}
	});
});
