// The wire: the SOAP envelope built and read, CCP's failures mapped, timeouts and retries.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { paymentContentElements } from '../../nodes/CloudCommercePro/helpers/payment';
import { buildEnvelope } from '../../nodes/CloudCommercePro/transport/credential';
import { readCcpResult } from '../../nodes/CloudCommercePro/transport';
import { SEED_REQUEST, SEED_SECURITY_HASH, SEED_SUCCESS_RESPONSE } from './seed';
import { run, seedPayment, simulatorForSuite, testCredentials } from './fixtures';
import { elementsInOrder } from './xmlOrder';

const sim = simulatorForSuite();

const runPayments = run;

function createPaymentRequests() {
	return sim.requestsTo('/CCPApiPaymentService.svc');
}

describe('Cloud Commerce Pro envelope', () => {
	const seedValues = {
		intInvoiceID: '86592563',
		intBrandID: '12',
		intSalesChannelID: '36',
		strPaymentReference: 'Payment made against external order: TEST23456',
		dbPaymentAmount: '12.00',
		intCustomerID: '96354316',
		dtPaymentDate: '2021-10-22T12:01:44',
		TransactionTypeID: 'Invoice',
		additional: {},
	};

	it('equals the seed request element by element, in the seed order', () => {
		const built = buildEnvelope('CreatePayment', '12', paymentContentElements(seedValues), SEED_SECURITY_HASH);
		expect(elementsInOrder(built)).toEqual(elementsInOrder(SEED_REQUEST));
	});

	it('leaves a placeholder for the Security Hash that only the credential fills', () => {
		const built = buildEnvelope('CreatePayment', '12', paymentContentElements(seedValues));
		expect(built).toContain('<tem:SecurityHash><!--secret:SecurityHash--></tem:SecurityHash>');
		expect(built).not.toContain(SEED_SECURITY_HASH);
	});

	it('puts the optional fields after the seed eight and leaves empty ones out', () => {
		const built = buildEnvelope(
			'CreatePayment',
			'12',
			paymentContentElements({ ...seedValues, additional: { intBankAccountID: '7', dbPaymentTaxAmount: '2', GatewayType: '' } }),
		);
		const names = elementsInOrder(built).map(([path]) => path.split('/').pop());
		expect(names.slice(names.indexOf('tem:TransactionTypeID'))).toEqual([
			'tem:TransactionTypeID',
			'tem:intBankAccountID',
			'tem:dbPaymentTaxAmount',
		]);
		expect(built).toContain('<tem:dbPaymentTaxAmount>2.00</tem:dbPaymentTaxAmount>');
	});

	it('reads the seed success response as PaymentID 84975726', () => {
		const result = readCcpResult(SEED_SUCCESS_RESPONSE, 'CreatePayment');
		expect(result.Success).toBe('true');
		expect(result.Content).toBe('84975726');
	});

	it('reads Success=false as a failure with the vendor message and code', () => {
		const answer = SEED_SUCCESS_RESPONSE.replace('<Success>true</Success>', '<Success>false</Success>')
			.replace('<ErrorLevel>0</ErrorLevel>', '<ErrorLevel>1</ErrorLevel>')
			.replace('<ErrorMessage />', '<ErrorMessage>Invoice not found</ErrorMessage>')
			.replace(
				'<Errors />',
				'<Errors><ApiFault><RequestNodeIndex>0</RequestNodeIndex><ErrorCode>3001</ErrorCode><FaultType>Business</FaultType><ElementName>intInvoiceID</ElementName><Detail /><Message>Invoice not found</Message></ApiFault></Errors>',
			);
		expect(() => readCcpResult(answer, 'CreatePayment')).toThrow(
			expect.objectContaining({
				message: 'Invoice not found',
				details: expect.objectContaining({ code: '3001', description: expect.stringContaining('ElementName: intInvoiceID') }),
			}),
		);
	});
});

describe('Cloud Commerce Pro node in the n8n engine', () => {
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
			testCredentials().patch('cloudCommerceProApi', { securityHash: 'wrong-hash-value-123' });
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
			const { items, error } = await run({ ...seedPayment, intInvoiceID: '={{ $json.invoice }}', dbPaymentAmount: '={{ $json.amount }}' }, [
					{ invoice: 86592563, amount: '2.00' },
					{ invoice: 424242, amount: '2.00' },
					{ invoice: 86592563, amount: 'ten' },
					{ invoice: 86592563, amount: '3.00' },
				], { continueOnFail: true });
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
});

function httpCodeOf(error: unknown): string | undefined {
	return (error as { httpCode?: string } | undefined)?.httpCode;
}
