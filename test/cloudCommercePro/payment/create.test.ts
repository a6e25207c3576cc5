import type { IDataObject } from 'n8n-workflow';

import { CredentialStore } from '../../harness';
import { credentialsFor, run, seedPayment, simulatorForSuite, testCredentials, useCredentials } from '../fixtures';
import type { RecordedRequest } from '../../simulators/framework';
import { elementsInOrder } from '../xmlOrder';
import { SEED_REQUEST } from '../seed';

const sim = simulatorForSuite();

function createPaymentRequests() {
	return sim.requestsTo('/CCPApiPaymentService.svc');
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

const payments = () => sim.requestsTo('/CCPApiPaymentService.svc');
const referenceOf = (request: RecordedRequest) => /<tem:strPaymentReference>Ref (R\d+)</.exec(request.body)?.[1];

/** Each invoice paid exactly once, and nothing else. */
function expectPaidOnce(invoiceIds: number[]): void {
	expect(sim.payments.map((payment) => payment.invoiceId).sort()).toEqual([...invoiceIds].sort());
}

describe('Cloud Commerce Pro node in the n8n engine', () => {
	describe('Payment > Create', () => {
		it('sends the seed request byte for byte in content and pays the invoice', async () => {
			const { items, error } = await run(seedPayment);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ status: 'paid', paymentId: '84975726', amount: '12.00', invoiceId: '86592563' });
			const [request] = createPaymentRequests();
			expect(request.headers.soapaction).toBe('"http://tempuri.org/ICCPApiPaymentService/CreatePayment"');
			expect(request.headers['content-type']).toBe('text/xml; charset=utf-8');
			expect(elementsInOrder(request.body)).toEqual(elementsInOrder(SEED_REQUEST));
			expect(sim.invoice(86592563)?.outstanding).toBe('0.00');
			expect(sim.payments).toHaveLength(1);
		});

		it('pairs each output item with its input item and evaluates expressions per item', async () => {
			sim.addInvoice({ orderId: 7001, invoiceId: 7101, salesChannelId: 36, customerId: 96354316, netAmount: '50.00', vatAmount: '10.00', amount: '60.00' });
			const { items, error } = await run({ ...seedPayment, intInvoiceID: '={{ $json.invoice }}', dbPaymentAmount: '={{ $json.amount }}', strPaymentReference: '=Order {{ $json.ref }}' }, [
					{ invoice: 86592563, amount: '5.00', ref: 'A' },
					{ invoice: 7101, amount: 20.5, ref: 'B' },
					{ invoice: 7101, amount: '39.50', ref: 'C' },
				]);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items.map((item) => item.json.amount)).toEqual(['5.00', '20.50', '39.50']);
			expect(sim.payments.map((payment) => [payment.invoiceId, payment.amount, payment.reference])).toEqual([
				[86592563, '5.00', 'Order A'],
				[7101, '20.50', 'Order B'],
				[7101, '39.50', 'Order C'],
			]);
			expect(sim.invoice(7101)?.outstanding).toBe('0.00');
			expect(sim.invoice(86592563)?.outstanding).toBe('7.00');
		});

		it('sends the optional public-code fields and a Card Payment', async () => {
			const { error } = await run({
				...seedPayment,
				TransactionTypeID: 'CardPayment',
				additionalFields: { intBankAccountID: '3', dbPaymentNetAmount: '10', dbPaymentTaxAmount: '2', GatewayType: 'Stripe' },
			});
			expect(error).toBeUndefined();
			expect(sim.payments[0].transactionType).toBe('CardPayment');
			expect(sim.payments[0].content).toMatchObject({ intBankAccountID: '3', dbPaymentNetAmount: '10.00', dbPaymentTaxAmount: '2.00', GatewayType: 'Stripe' });
		});

		it('keeps <, & and quotes in the payment reference intact (escaped on the wire)', async () => {
			const reference = `Order <A&B> "quoted" 'single'`;
			const { error } = await run({ ...seedPayment, strPaymentReference: reference });
			expect(error).toBeUndefined();
			expect(sim.payments[0].reference).toBe(reference);
			expect(createPaymentRequests()[0].body).toContain('Order &lt;A&amp;B&gt; &quot;quoted&quot; &apos;single&apos;');
		});

		it('dry run returns the exact envelope with the Security Hash masked and sends nothing', async () => {
			const { items, error } = await run({ ...seedPayment, options: { dryRun: true } });
			expect(error).toBeUndefined();
			expect(sim.requests).toHaveLength(0);
			const request = items[0].json.request as IDataObject;
			expect(items[0].json.status).toBe('dry run');
			expect(request.url).toBe(`${sim.baseUrl}/CCPApiPaymentService.svc`);
			expect(request.body).toContain('<tem:SecurityHash>***</tem:SecurityHash>');
			expect(elementsInOrder(String(request.body)).filter(([path]) => !path.endsWith('SecurityHash'))).toEqual(
				elementsInOrder(SEED_REQUEST).filter(([path]) => !path.endsWith('SecurityHash')),
			);
		});
	});

	describe('refuses bad input before anything is sent', () => {
		it.each([
			['a missing invoice ID (expression gives nothing)', { intInvoiceID: '={{ $json.invoiceId }}' }, 'Invoice ID (intInvoiceID) is required'],
			['a non-numeric invoice ID', { intInvoiceID: 'INV-1' }, 'Invoice ID (intInvoiceID) must be a whole number'],
			['a missing customer', { intCustomerID: ' ' }, 'Customer ID (intCustomerID) is required'],
			['a zero amount', { dbPaymentAmount: '0' }, 'Amount (dbPaymentAmount) must be greater than zero'],
			['a negative amount', { dbPaymentAmount: '-5.00' }, 'Amount (dbPaymentAmount) must be positive'],
			['a three-decimal amount', { dbPaymentAmount: '12.005' }, 'Amount (dbPaymentAmount) has more than 2 decimal places'],
			['an impossible date', { dtPaymentDate: '2021-02-30T10:00:00' }, 'Payment Date (dtPaymentDate) is not a valid date'],
			['an empty reference', { strPaymentReference: "={{ $json.reference ?? '' }}" }, 'Payment Reference (strPaymentReference) is required'],
		])('%s', async (_case, change, message) => {
			const { error, items } = await run({ ...seedPayment, ...change });
			expect(items).toHaveLength(0);
			expect(error?.message).toContain(message);
			expect(error?.context?.itemIndex).toBe(0);
			expect(sim.requests).toHaveLength(0);
		});
	});

	it('an empty required field is refused by n8n itself before the node runs', async () => {
		await expect(run({ ...seedPayment, intInvoiceID: '' })).rejects.toThrow('Parameter "Invoice ID (intInvoiceID)" is required');
		expect(sim.requests).toHaveLength(0);
	});
});

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
		const { items: output, error } = await run({ ...payEach, options: batch(10) }, input, { continueOnFail: true });
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
		const { items: output, error } = await run({ ...payEach, options: { ...batch(10), timeout: 1000 } }, items(10), { continueOnFail: true });
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

	it('reads the credential once for the items and once more to mask the output, however many items', async () => {
		addInvoices(12);
		const reads = { count: 0 };
		const credentials = testCredentials();
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
		const credentials = useCredentials(new CredentialStore({ cloudCommerceProApi: credentialsFor(sim) }));
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
