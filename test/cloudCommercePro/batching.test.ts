import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CredentialStore, runNode } from '../harness';
import type { RunNodeResult } from '../harness';
import { CloudCommerceProSimulator } from '../simulators/cloudCommercePro';
import type { RecordedRequest } from '../simulators/framework';
import { DEMO_CCP_BRAND_ID, DEMO_CCP_SECURITY_HASH, seedCloudCommerceProDemo } from '../simulators/serve';

/** Cloud Commerce Pro's node with several items in flight at once (the Batching option). */

const sim = new CloudCommerceProSimulator({ brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH });
let credentials: CredentialStore;

beforeAll(async () => {
	await sim.start();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
	sim.latencyMs = 0;
	seedCloudCommerceProDemo(sim);
	// A credential n8n has used before: its check (preAuthentication) already passed.
	credentials = new CredentialStore({
		cloudCommerceProApi: { ...newCredentials(), credentialCheck: 'Brand 12 accepted' },
	});
});

function newCredentials() {
	return { environment: 'custom', customUrl: sim.baseUrl, brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH };
}

/** `n` open invoices of 12.00: invoice 900000 + i belongs to order 800000 + i. */
function addInvoices(n: number): void {
	for (let i = 0; i < n; i++) {
		sim.addInvoice({ orderId: 800000 + i, invoiceId: 900000 + i, salesChannelId: 36, customerId: 96354316, netAmount: '10.00', vatAmount: '2.00', amount: '12.00' });
	}
}

const payEach = {
	resource: 'payment',
	operation: 'create',
	intInvoiceID: '={{ $json.invoice }}',
	intSalesChannelID: '36',
	strPaymentReference: '=Ref {{ $json.ref }}',
	dbPaymentAmount: '={{ $json.amount ?? "12.00" }}',
	intCustomerID: '96354316',
	dtPaymentDate: '2021-10-22T12:01:44',
	TransactionTypeID: 'Invoice',
};

const batch = (batchSize: number, batchInterval = 0) => ({ batching: { batch: { batchSize, batchInterval } } });

function items(n: number): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({ invoice: 900000 + i, ref: `R${i}` }));
}

async function run(parameters: INodeParameters, input: IDataObject[], continueOnFail = false): Promise<RunNodeResult> {
	return await runNode({ nodeType: 'cloudCommercePro', parameters, items: input, credentials, continueOnFail });
}

const payments = () => sim.requestsTo('/CCPApiPaymentService.svc');
const referenceOf = (request: RecordedRequest) => /<tem:strPaymentReference>Ref (R\d+)</.exec(request.body)?.[1];

/** Each invoice paid exactly once, and nothing else. */
function expectPaidOnce(invoiceIds: number[]): void {
	expect(sim.payments.map((payment) => payment.invoiceId).sort()).toEqual([...invoiceIds].sort());
}

describe('Cloud Commerce Pro at batch size 10', () => {
	it('keeps output order and pairing equal to the input while answers come back in another order', async () => {
		addInvoices(25);
		sim.latencyMs = 30;
		// The first items are answered last.
		for (const ref of ['R0', 'R1', 'R2']) sim.fail({ kind: 'delay', ms: 300 }, { when: (request) => request.body.includes(`Ref ${ref}<`) });
		const input = items(25);
		const { items: output, error } = await run({ ...payEach, options: batch(10) }, input);
		expect(error).toBeUndefined();
		expect(sim.maxInFlight).toBe(10);
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(output.map((item) => item.json.invoiceId)).toEqual(input.map((entry) => String(entry.invoice)));
		expect(output.map((item) => item.json.reference)).toEqual(input.map((entry) => `Ref ${String(entry.ref)}`));
		expectPaidOnce(input.map((entry) => Number(entry.invoice)));
	});

	it('without the Batching option sends one at a time, as before', async () => {
		addInvoices(5);
		sim.latencyMs = 20;
		const { error } = await run(payEach, items(5));
		expect(error).toBeUndefined();
		expect(sim.maxInFlight).toBe(1);
		expect(payments().map(referenceOf)).toEqual(['R0', 'R1', 'R2', 'R3', 'R4']);
	});

	it('with Continue On Fail a failure in the middle of a batch fails that item only', async () => {
		addInvoices(10);
		sim.latencyMs = 20;
		const input = items(10);
		input[4] = { invoice: 424242, ref: 'R4' }; // unknown to CCP
		input[6] = { ...input[6], amount: 'ten' }; // refused before sending
		const { items: output, error } = await run({ ...payEach, options: batch(10) }, input, true);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(output.map((item) => item.json.status ?? 'failed')).toEqual(['paid', 'paid', 'paid', 'paid', 'failed', 'paid', 'failed', 'paid', 'paid', 'paid']);
		expect(output[4].json.error).toBe('Cloud Commerce Pro CreatePayment failed: Invoice not found [3001]');
		expect(output[6].json.error).toContain('Amount (dbPaymentAmount) must be a decimal amount');
		expectPaidOnce([0, 1, 2, 3, 5, 7, 8, 9].map((i) => 900000 + i));
		expect(payments()).toHaveLength(9);
	});

	it('a timeout in the middle of a batch fails that payment, which is sent once; the others are paid once', async () => {
		addInvoices(10);
		sim.fail({ kind: 'delay', ms: 2500 }, { when: (request) => request.body.includes('Ref R3<') });
		const { items: output, error } = await run({ ...payEach, options: { ...batch(10), timeout: 1000 } }, items(10), true);
		expect(error).toBeUndefined();
		expect(output[3].json.error).toBe('Cloud Commerce Pro CreatePayment failed: No answer before the timeout');
		expect(output.filter((item) => item.json.status === 'paid')).toHaveLength(9);
		expect(payments()).toHaveLength(10);
		// The vendor processed the timed-out payment too: the node never sent it again.
		expectPaidOnce(items(10).map((entry) => Number(entry.invoice)));
	});

	it('a 429 with Retry-After in the middle of a batch makes the rest wait, and pays each invoice once', async () => {
		addInvoices(30);
		sim.latencyMs = 20;
		sim.fail({ kind: 'status', status: 429, retryAfter: 1 }, { when: (request) => request.body.includes('Ref R12<') });
		const input = items(30);
		const { items: output, error } = await run({ ...payEach, options: batch(10) }, input);
		expect(error).toBeUndefined();
		expect(output.every((item) => item.json.status === 'paid')).toBe(true);
		expectPaidOnce(input.map((entry) => Number(entry.invoice)));
		// 30 payments and the one refused request (not processed, so sent again).
		expect(payments()).toHaveLength(31);
		const refused = payments().find((request) => referenceOf(request) === 'R12')!;
		const after = payments().filter((request) => request.at > refused.at);
		// Only requests already on their way when the 429 came are answered in the next second...
		expect(after.filter((request) => request.at > refused.at + 250 && request.at < refused.at + 900)).toEqual([]);
		// ...the rest (the refused one included) waited for the Retry-After.
		const waited = after.filter((request) => request.at >= refused.at + 900);
		expect(waited.map(referenceOf)).toContain('R12');
		expect(waited.length).toBeGreaterThanOrEqual(5);
	});

	it('honours the Batch Interval: each batch is sent after the previous one, with the pause in between', async () => {
		addInvoices(6);
		const { error } = await run({ ...payEach, options: batch(2, 400) }, items(6));
		expect(error).toBeUndefined();
		const sent = payments();
		const batchOf = (request: RecordedRequest) => Math.floor(Number(referenceOf(request)!.slice(1)) / 2);
		expect(sent.map(batchOf)).toEqual([0, 0, 1, 1, 2, 2]);
		const first = (k: number) => Math.min(...sent.filter((request) => batchOf(request) === k).map((request) => request.at));
		const last = (k: number) => Math.max(...sent.filter((request) => batchOf(request) === k).map((request) => request.at));
		expect(first(1) - last(0)).toBeGreaterThanOrEqual(300);
		expect(first(2) - last(1)).toBeGreaterThanOrEqual(300);
	});

	it('Pay Order in Full: items for the same order go one after the other, so the order is paid once', async () => {
		sim.latencyMs = 20;
		const { items: output, error } = await run(
			{ resource: 'payment', operation: 'payOrderInFull', orderId: '={{ $json.order }}', options: batch(10) },
			[{ order: 5001 }, { order: 5001 }, { order: 5002 }, { order: 5001 }],
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.status)).toEqual(['paid', 'skipped: already paid', 'skipped: already paid', 'skipped: already paid']);
		expect(sim.payments).toHaveLength(1);
		expect(sim.invoice(86592563)?.outstanding).toBe('0.00');
	});

	it('reads the credential once for the items and once more to mask the output, however many items', async () => {
		addInvoices(12);
		const reads = { count: 0 };
		const original = credentials.get.bind(credentials);
		credentials.get = (type: string) => {
			reads.count++;
			return original(type);
		};
		const { error } = await run({ ...payEach, options: batch(10) }, items(12));
		expect(error).toBeUndefined();
		expectPaidOnce(items(12).map((entry) => Number(entry.invoice)));
		// One read shared by the 12 items; one after them, for the secrets the output is masked of.
		expect(reads.count).toBe(2);
	});

	it('new credentials are checked once, by the first request alone, while 10 items are in flight', async () => {
		credentials = new CredentialStore({ cloudCommerceProApi: newCredentials() });
		addInvoices(12);
		const { error } = await run({ ...payEach, options: batch(10) }, items(12));
		expect(error).toBeUndefined();
		expect(credentials.preAuthenticationCalls.cloudCommerceProApi).toBe(1);
		// The check's two summary reads, then the payments.
		expect(sim.requests.slice(0, 2).map((request) => request.path)).toEqual(['/CCPApiOrderService.svc', '/CCPApiOrderService.svc']);
		expect(sim.requestsTo('/CCPApiOrderService.svc')).toHaveLength(2);
		expectPaidOnce(items(12).map((entry) => Number(entry.invoice)));
	});
});
