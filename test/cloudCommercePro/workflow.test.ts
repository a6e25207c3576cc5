import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { CredentialStore, runNode, testCredential } from '../harness';
import type { RunNodeResult } from '../harness';
import { CloudCommerceProSimulator } from '../simulators/cloudCommercePro';
import { DEMO_CCP_BRAND_ID, DEMO_CCP_SECURITY_HASH, seedCloudCommerceProDemo } from '../simulators/serve';
import { elementsInOrder } from './xmlOrder';
import { SEED_REQUEST } from './seed';

const sim = new CloudCommerceProSimulator({ brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH });
let credentials: CredentialStore;
/** Everything a run showed a user: output items and errors, to search for secrets. */
const shown: string[] = [];

beforeAll(async () => {
	await sim.start();
});
afterAll(async () => {
	await sim.stop();
	// The Security Hash never appears in any output item, error message or description.
	expect(shown.length).toBeGreaterThan(20);
	for (const text of shown) expect(text).not.toContain(DEMO_CCP_SECURITY_HASH);
	expect(shown.join('\n')).not.toContain(DEMO_CCP_SECURITY_HASH.slice(0, 40));
});
beforeEach(() => {
	sim.reset();
	seedCloudCommerceProDemo(sim);
	// A credential n8n has used before: its check (preAuthentication) already passed.
	credentials = new CredentialStore({ cloudCommerceProApi: { ...credentialData(), credentialCheck: 'Brand 12 accepted' } });
});

function credentialData(): ICredentialDataDecryptedObject {
	return { environment: 'custom', customUrl: sim.baseUrl, brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH };
}

async function run(parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false): Promise<RunNodeResult> {
	return await runPayments(parameters, items, continueOnFail);
}

async function runPayments(parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false): Promise<RunNodeResult> {
	const result = await runNode({ nodeType: 'cloudCommercePro', parameters, items, credentials, continueOnFail });
	shown.push(JSON.stringify(result.items));
	if (result.error) shown.push(JSON.stringify(result.error), String(result.error.message), String(result.error.description));
	return result;
}

const seedPayment = {
	resource: 'payment',
	operation: 'create',
	intInvoiceID: '86592563',
	intSalesChannelID: '36',
	strPaymentReference: 'Payment made against external order: TEST23456',
	dbPaymentAmount: '12.00',
	intCustomerID: '96354316',
	dtPaymentDate: '2021-10-22T12:01:44',
	TransactionTypeID: 'Invoice',
};

function createPaymentRequests() {
	return sim.requestsTo('/CCPApiPaymentService.svc');
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
			const { items, error } = await run(
				{ ...seedPayment, intInvoiceID: '={{ $json.invoice }}', dbPaymentAmount: '={{ $json.amount }}', strPaymentReference: '=Order {{ $json.ref }}' },
				[
					{ invoice: 86592563, amount: '5.00', ref: 'A' },
					{ invoice: 7101, amount: 20.5, ref: 'B' },
					{ invoice: 7101, amount: '39.50', ref: 'C' },
				],
			);
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

	describe('failures carry the operation and the vendor words', () => {
		it('Success=false (overpayment) fails with the vendor message and code', async () => {
			const { error } = await run({ ...seedPayment, dbPaymentAmount: '20.00' });
			expect(error?.message).toBe('Cloud Commerce Pro CreatePayment failed: Payment amount 20.00 exceeds outstanding balance 12.00 [3003]');
			expect(error?.description).toContain('ElementName: dbPaymentAmount');
			expect(sim.payments).toHaveLength(0);
		});

		it('an unknown invoice fails with Success=false', async () => {
			const { error } = await run({ ...seedPayment, intInvoiceID: '999' });
			expect(error?.message).toContain('CreatePayment failed: Invoice not found');
		});

		it('a wrong Security Hash fails without showing either hash', async () => {
			credentials.patch('cloudCommerceProApi', { securityHash: 'wrong-hash-value-123' });
			const { error } = await run(seedPayment);
			expect(error?.message).toContain('Invalid security credentials');
			expect(JSON.stringify(error)).not.toContain('wrong-hash-value-123');
		});

		it('a SOAP Fault fails with its faultstring', async () => {
			sim.soapFaultNext('a:InternalServiceFault', 'The server was unable to process the request due to an internal error.');
			const { error } = await run(seedPayment);
			expect(error?.message).toBe(
				'Cloud Commerce Pro CreatePayment failed: SOAP Fault: The server was unable to process the request due to an internal error. [a:InternalServiceFault]',
			);
			expect(httpCodeOf(error)).toBe('500');
		});

		it('an HTML 500 page fails with its title, not the page', async () => {
			sim.fail({ kind: 'html', status: 500 });
			const { error } = await run(seedPayment);
			expect(error?.message).toMatch(/^Cloud Commerce Pro CreatePayment failed: HTTP 500, an HTML page instead of an API answer: .*500/);
			expect(error?.message).not.toContain('<html');
		});

		it('malformed XML fails clearly', async () => {
			sim.fail({ kind: 'malformed' });
			const { error } = await run(seedPayment);
			expect(error?.message).toMatch(/^Cloud Commerce Pro CreatePayment failed: The answer was not valid XML/);
		});

		it('with Continue On Fail the failing item carries its error and the others still run', async () => {
			const { items, error } = await run(
				{ ...seedPayment, intInvoiceID: '={{ $json.invoice }}', dbPaymentAmount: '={{ $json.amount }}' },
				[
					{ invoice: 86592563, amount: '2.00' },
					{ invoice: 424242, amount: '2.00' },
					{ invoice: 86592563, amount: 'ten' },
					{ invoice: 86592563, amount: '3.00' },
				],
				true,
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			expect(items[0].json.status).toBe('paid');
			expect(items[1].json.error).toBe('Cloud Commerce Pro CreatePayment failed: Invoice not found [3001]');
			expect(items[2].json.error).toContain('Amount (dbPaymentAmount) must be a decimal amount');
			expect(items[3].json.status).toBe('paid');
			expect(sim.payments.map((payment) => payment.amount)).toEqual(['2.00', '3.00']);
		});
	});

	// The same tests one item at a time (no Batching option) and with 10 items in flight at once.
	describe.each([
		['one at a time', {}],
		['at batch size 10', { batching: { batch: { batchSize: 10 } } }],
	])('a payment is never sent twice (%s)', (_mode, batching: IDataObject) => {
		const run = (parameters: INodeParameters) =>
			runPayments({ ...parameters, options: { ...(parameters.options as IDataObject | undefined), ...batching } as INodeParameters });

		it('after a timeout: reported as failed, sent once, and the user is told to check', async () => {
			sim.fail({ kind: 'delay', ms: 2500 });
			const { error } = await run({ ...seedPayment, options: { timeout: 1000 } });
			expect(error?.message).toBe('Cloud Commerce Pro CreatePayment failed: No answer before the timeout');
			expect(error?.description).toContain('was not sent again');
			expect(createPaymentRequests()).toHaveLength(1);
			expect(sim.payments).toHaveLength(1);
		});

		it('after a connection reset: reported as failed and sent once', async () => {
			sim.fail({ kind: 'reset', afterProcessing: true });
			const { error } = await run(seedPayment);
			expect(error?.message).toBe('Cloud Commerce Pro CreatePayment failed: The connection was closed before an answer arrived');
			expect(createPaymentRequests()).toHaveLength(1);
			expect(sim.payments).toHaveLength(1);
		});

		it('after a 500: reported, not retried', async () => {
			sim.fail({ kind: 'status', status: 500 });
			await run(seedPayment);
			expect(createPaymentRequests()).toHaveLength(1);
		});

		it('a 503 with Retry-After (not processed) is sent again, once, and pays once', async () => {
			sim.fail({ kind: 'status', status: 503, retryAfter: 0 });
			const { items, error } = await run(seedPayment);
			expect(error).toBeUndefined();
			expect(items[0].json.status).toBe('paid');
			expect(createPaymentRequests()).toHaveLength(2);
			expect(sim.payments).toHaveLength(1);
		});

		it('a 429 that never clears gives up after two retries', async () => {
			sim.fail({ kind: 'status', status: 429, retryAfter: 0 }, { times: 5 });
			const { error } = await run(seedPayment);
			expect(error?.message).toMatch(/^Cloud Commerce Pro CreatePayment failed: /);
			expect(httpCodeOf(error)).toBe('429');
			expect(createPaymentRequests()).toHaveLength(3);
			expect(sim.payments).toHaveLength(0);
		});
	});

	describe('Payment > Pay Order in Full', () => {
		const payOrder = { resource: 'payment', operation: 'payOrderInFull', orderId: '={{ $json.order }}' };

		it('pays what is open, skips what is paid and refuses an order without invoice', async () => {
			const { items, error } = await run(payOrder, [{ order: 5001 }, { order: 5002 }, { order: 5003 }], true);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ status: 'paid', orderId: '5001', invoiceId: '86592563', amount: '12.00', paymentId: '84975726' });
			expect(items[1].json).toMatchObject({ status: 'skipped: already paid', orderId: '5002', amount: '0.00' });
			expect(items[2].json.error).toContain('Order 5003 has no invoice (InvoiceID 0');
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(sim.payments).toHaveLength(1);
			expect(sim.payments[0]).toMatchObject({ invoiceId: 86592563, amount: '12.00', salesChannelId: 36, customerId: 96354316, reference: 'Payment made against order 5001' });
			// Only one CreatePayment went out: the paid order and the invoiceless one sent none.
			expect(createPaymentRequests()).toHaveLength(1);
		});

		it('pays the rest of a partly paid invoice, then skips it', async () => {
			sim.addInvoice({ orderId: 6001, invoiceId: 6101, salesChannelId: 36, customerId: 96354316, netAmount: '0.25', vatAmount: '0.05', amount: '0.30', amountPaid: '0.10' });
			const first = await run(payOrder, [{ order: 6001 }]);
			expect(first.items[0].json).toMatchObject({ status: 'paid', amount: '0.20' });
			const second = await run(payOrder, [{ order: 6001 }]);
			expect(second.items[0].json.status).toBe('skipped: already paid');
			expect(sim.payments.map((payment) => payment.amount)).toEqual(['0.20']);
		});

		it('dry run reads the summary but sends no payment', async () => {
			const { items } = await run({ ...payOrder, options: { dryRun: true } }, [{ order: 5001 }]);
			expect(items[0].json).toMatchObject({ status: 'dry run', amount: '12.00' });
			expect(String((items[0].json.request as IDataObject).body)).toContain('<tem:dbPaymentAmount>12.00</tem:dbPaymentAmount>');
			expect(createPaymentRequests()).toHaveLength(0);
		});
	});

	describe('Invoice > Get Summary for Order', () => {
		it('returns every summary field and the open amount', async () => {
			const { items, error } = await run({ resource: 'invoice', operation: 'getSummaryForOrder', orderId: '5001' });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				OrderID: '5001',
				ID: '86592563',
				SalesChannelID: '36',
				CustomerID: '96354316',
				Amount: '12.00',
				AmountPaid: '0.00',
				OutstandingAmount: '12.00',
			});
			for (const field of ['ProformaID', 'BrandID', 'InvoiceDate', 'NetAmount', 'VATAmount']) expect(items[0].json).toHaveProperty(field);
			expect(sim.requestsTo('/CCPApiOrderService.svc')[0].headers.soapaction).toBe('"http://tempuri.org/ICCPApiOrderService/getInvoiceSummaryForOrderID"');
		});

		it('an unknown order fails with the vendor message', async () => {
			const { error } = await run({ resource: 'invoice', operation: 'getSummaryForOrder', orderId: '999999' });
			expect(error?.message).toContain('getInvoiceSummaryForOrderID failed: Order not found');
		});
	});

	describe('Customer > Add', () => {
		const customer = {
			resource: 'customer',
			operation: 'add',
			SalesChannelID: '36',
			CompanyName: 'Acme & Sons',
			TradingName: 'Acme',
			FirstName: 'Jane',
			LastName: 'Doe',
			EmailAddress: '={{ $json.email }}',
			additionalFields: { otherFields: { field: [{ name: 'Telephone', value: '0123 456' }, { name: 'Mobile', value: '' }] } },
		};

		it('adds a customer, and returns the existing one for the same e-mail', async () => {
			const { items, error } = await run(customer, [{ email: 'jane@acme.test' }, { email: 'JANE@acme.test' }]);
			expect(error).toBeUndefined();
			expect(items[0].json.customerId).toBe(items[1].json.customerId);
			expect(sim.customers.filter((entry) => entry.emailAddress.toLowerCase() === 'jane@acme.test')).toHaveLength(1);
			const added = sim.customers.find((entry) => entry.emailAddress === 'jane@acme.test');
			expect(added?.companyName).toBe('Acme & Sons');
			expect(added?.fields).toHaveProperty('Telephone', '0123 456');
			expect(added?.fields).not.toHaveProperty('Mobile');
		});

		it('refuses a malformed e-mail before sending', async () => {
			const { error } = await run(customer, [{ email: 'not-an-email' }]);
			expect(error?.message).toContain('Email Address (EmailAddress) is not an e-mail address');
			expect(sim.requests).toHaveLength(0);
		});
	});

	describe('credential test (declarative, so n8n\'s community-package scanner accepts it)', () => {
		const data = () => credentialData();
		const orderRequests = () => sim.requestsTo('/CCPApiOrderService.svc');
		const hashesSent = () => orderRequests().map((request) => /<tem:SecurityHash>([^<]*)</.exec(request.body)?.[1]);

		it('succeeds with the right hash: the hash is proven against a made-up one, then n8n\'s own test request', async () => {
			const result = await testCredential('cloudCommerceProApi', data());
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(hashesSent()).toEqual([DEMO_CCP_SECURITY_HASH, 'n8n-credential-check-not-a-security-hash', DEMO_CCP_SECURITY_HASH]);
			expect(orderRequests().every((request) => /<tem:Content>0<\/tem:Content>/.test(request.body))).toBe(true);
			expect(sim.payments).toHaveLength(0);
		});

		it.each([
			['a wrong hash', { securityHash: 'not-the-hash-0000' }],
			['a wrong Brand ID', { brandId: 13 }],
		])('fails on %s with CCP\'s words, without showing the hash', async (_, change) => {
			const result = await testCredential('cloudCommerceProApi', { ...data(), ...change });
			expect(result.status).toBe('Error');
			expect(result.message).toBe(
				'Cloud Commerce Pro credential check failed: the Brand ID or Security Hash was refused: Invalid security credentials',
			);
			shown.push(result.message);
		});

		it.each([
			['an unreachable URL', () => 'http://127.0.0.1:1', /the connection to 127\.0\.0\.1:1 was refused \(is the URL right\?\)/],
			['a URL that is not a CCP service', () => `${sim.baseUrl}/not-ccp`, /HTTP 404 from .*not-ccp\/CCPApiOrderService\.svc/],
		])('fails on %s', async (_, url, expected) => {
			const result = await testCredential('cloudCommerceProApi', { ...data(), customUrl: url() });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(expected);
		});
	});

	describe('the first call with new credentials proves them, once', () => {
		beforeEach(() => {
			credentials = new CredentialStore({ cloudCommerceProApi: credentialData() });
		});

		it('checks the hash before the first payment, stores the result and does not check again', async () => {
			const first = await run(seedPayment);
			expect(first.items[0].json.status).toBe('paid');
			expect(credentials.get('cloudCommerceProApi')?.credentialCheck).toBe('Brand 12 accepted');
			expect(sim.requests.map((request) => request.path)).toEqual([
				'/CCPApiOrderService.svc',
				'/CCPApiOrderService.svc',
				'/CCPApiPaymentService.svc',
			]);
			sim.reset();
			seedCloudCommerceProDemo(sim);
			await run(seedPayment);
			expect(sim.requests.map((request) => request.path)).toEqual(['/CCPApiPaymentService.svc']);
		});

		it('a refused hash fails the item in CCP\'s words before any payment is sent', async () => {
			credentials.patch('cloudCommerceProApi', { securityHash: 'wrong-hash-value-123' });
			const { error } = await run(seedPayment);
			expect(error?.message).toBe(
				'Cloud Commerce Pro CreatePayment failed: credential check failed: the Brand ID or Security Hash was refused: Invalid security credentials',
			);
			expect(createPaymentRequests()).toHaveLength(0);
			expect(JSON.stringify(error)).not.toContain('wrong-hash-value-123');
		});
	});
});

function httpCodeOf(error: unknown): string | undefined {
	return (error as { httpCode?: string } | undefined)?.httpCode;
}
