/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
import type { INodeParameters } from 'n8n-workflow';

import { BATCH_MODES, withBatching } from '../harness/batching';
import { DEMO_ADILAS_PASSWORD } from '../simulators/adilasDemo';
import { ADD, useAdilasSuite } from './helpers';
import { SEED_RESULTS } from './seed';

const { sim, store, run: runSuite } = useAdilasSuite();
const run = runSuite;

describe('adilas failures are errors with adilas\'s words', () => {
	it.each([
		[
			'dataIn (a money type the corporation does not have)',
			{ ...ADD, MONEY_TYPE_ID: 'byNumber', moneyTypeNumber: '26' },
			'dataIn',
			/corp id, invoice number, merchant setting id or money type id is not found/,
		],
		[
			'dataIn (an invoice that does not exist)',
			{ ...ADD, INVOICE_NUMBER: '4040' },
			'dataIn',
			/not found/,
		],
		['zero (an invoice started without an amount)', { ...ADD, INVOICE_NUMBER: '79' }, 'zero', /invoice amount, invoice date/],
		[
			'db (a check number longer than the database column)',
			{ ...ADD, additionalFields: { PAYMENT_CHECK_NUMBER: 'C'.repeat(60) } },
			'db',
			/The payment was not added/,
		],
	])('%s', async (_name, parameters, status, explanation) => {
		const { error, items } = await run(parameters);
		expect(items).toHaveLength(0);
		expect(error?.message).toBe(
			`adilas addInvoicePayment failed: ${SEED_RESULTS[status][0]} ${SEED_RESULTS[status][1]} [${status}]`,
		);
		expect(error?.description).toMatch(explanation);
		expect(sim.calls.map((call) => call.status)).toEqual([status]);
		expect(sim.payments).toHaveLength(0);
	});

	it('dataIn2 (an impossible date sent through Call Function) carries the seed\'s explanation', async () => {
		const { error } = await run({
			resource: 'other',
			operation: 'callFunction',
			API_CALL_FUNCTION_NAME: 'addInvoicePayment',
			argumentsMode: 'json',
			argumentsJson: JSON.stringify({
				INVOICE_NUMBER: 78,
				MERCHANT_SETTING_ID: 1,
				MONEY_TYPE_ID: 2,
				TRANSACTION_DATE: '2015-02-30',
				TRANSACTION_DATE_TIME: '2015-02-30 11:54:00',
				AMOUNT_PAID: 5,
			}),
		});
		expect(error?.message).toBe(`adilas Call Function failed: ${SEED_RESULTS.dataIn2.join(' ')} [dataIn2]`);
		expect(error?.description).toMatch(/date \(TRANSACTION_DATE \/ TRANSACTION_DATE_TIME\) is not valid/);
		expect(sim.payments).toHaveLength(0);
	});

	it('dataIn2 answered to Add (adilas judging a date invalid) reads as the seed words it', async () => {
		const [main, second] = SEED_RESULTS.dataIn2;
		sim.fail({
			kind: 'status',
			status: 200,
			contentType: 'text/html; charset=UTF-8',
			body: `\r\n{"RET_STATUS":"dataIn2","RET_MAIN_MESSAGE":"${encodeURIComponent(main)}","RET_SECOND_MESSAGE":"${encodeURIComponent(encodeURIComponent(second))}"}`,
		});
		const { error } = await run({ ...ADD, additionalFields: { TRANSACTION_DATE: '1899-12-31' } });
		expect(error?.message).toBe(`adilas addInvoicePayment failed: ${main} ${second} [dataIn2]`);
		expect(error?.description).toContain('adilas returns dataIn2 when the date');
	});

	it('a closed method', async () => {
		sim.enabledMethods.delete('addInvoicePayment');
		const { error } = await run(ADD);
		expect(error?.message).toBe(
			'adilas addInvoicePayment failed: This API method is not enabled for this API user. Ask an adilas admin to turn the method on. [permission]',
		);
		expect(sim.payments).toHaveLength(0);
	});

	it('a wrong password, masked wherever adilas echoes it', async () => {
		const { error } = await run(ADD, { credentials: store({ password: 'wrong-password-123' }) });
		expect(error?.message).toContain('Unable to log in to the API. The corp key, API user name or API password is not valid.');
		expect(error?.message).toContain('[login]');
		// adilas echoing the password (plain or URL-encoded) in a message: it is masked.
		sim.fail({
			kind: 'status',
			status: 200,
			contentType: 'text/html',
			body: `{"RET_STATUS":"login","RET_MAIN_MESSAGE":"Bad password ${encodeURIComponent(DEMO_ADILAS_PASSWORD)}","RET_SECOND_MESSAGE":"${DEMO_ADILAS_PASSWORD}"}`,
		});
		const echoed = await run(ADD);
		expect(echoed.error?.message).toBe('adilas addInvoicePayment failed: Bad password *** *** [login]');
	});

	it('a payee that may not call', async () => {
		const { error } = await run(ADD, { credentials: store({ payeeId: '99' }) });
		expect(error?.message).toContain('This payee may not make API calls.');
		expect(error?.message).toContain('[payee]');
	});

	it('with Continue On Fail the other items still run, each paired with its input', async () => {
		const { items, error } = await run(
			{ ...ADD, INVOICE_NUMBER: '={{ $json.invoice }}', AMOUNT_PAID: '={{ $json.amount }}' },
			{
				continueOnFail: true,
				items: [
					{ invoice: 78, amount: '5.00' },
					{ invoice: 79, amount: '5.00' },
					{ invoice: 'INV-9', amount: '1.00' },
					{ invoice: 78, amount: '2.50' },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json).toMatchObject({ status: 'paid', INVOICE_NUMBER: 78, AMOUNT_PAID: 5 });
		expect(items[1].json.error).toContain('Unable to find the main invoice number requested. Use your back button and try again. [zero]');
		expect(items[2].json.error).toContain('Invoice Number (INVOICE_NUMBER) must be a whole number');
		expect(items[3].json).toMatchObject({ status: 'paid', AMOUNT_PAID: 2.5, amount: '2.50' });
		expect(sim.payments.map((payment) => payment.amount)).toEqual(['5.00', '2.50']);
		expect(sim.invoice(78)?.paid).toBe('7.50');
		// Three calls reached adilas (the bad invoice number was refused before sending).
		expect(sim.calls).toHaveLength(3);
	});
});

describe('bad input fails the item, naming the field, before anything is sent', () => {
	it.each([
		['a non-numeric invoice number', { INVOICE_NUMBER: 'INV-78' }, 'Invoice Number (INVOICE_NUMBER) must be a whole number'],
		['an empty invoice number (nothing mapped)', { INVOICE_NUMBER: '={{ $json.INVOICE_NUMBER }}' }, 'Invoice Number (INVOICE_NUMBER) is required'],
		['a zero amount', { AMOUNT_PAID: '0' }, 'Amount Paid (AMOUNT_PAID) must be greater than zero'],
		['a negative amount', { AMOUNT_PAID: '-5.00' }, 'Amount Paid (AMOUNT_PAID) must be positive'],
		['an amount with three decimals', { AMOUNT_PAID: '12.345' }, 'Amount Paid (AMOUNT_PAID) has more than 2 decimal places'],
		['an amount that is not a number', { AMOUNT_PAID: '12,50' }, 'Amount Paid (AMOUNT_PAID) must be a decimal amount'],
		['an impossible date', { additionalFields: { TRANSACTION_DATE: '2015-02-30' } }, 'Transaction Date (TRANSACTION_DATE) is not a valid date'],
		['an impossible date-time', { additionalFields: { TRANSACTION_DATE_TIME: '2015-03-24 25:61:00' } }, 'Transaction Date Time (TRANSACTION_DATE_TIME) is not a valid date'],
		['a CORP_ID that does not match the corp key', { additionalFields: { CORP_ID: '54' } }, 'CORP_ID 54 does not match the corp key PLA-0053'],
		['a non-numeric money type', { MONEY_TYPE_ID: 'byNumber', moneyTypeNumber: 'cash' }, 'Money Type ID must be a whole number'],
	])('%s', async (_name, change, message) => {
		const { error, items } = await run({ ...ADD, ...change });
		expect(items).toHaveLength(0);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('a corp key that is not like PLA-0053 is refused, naming the credential field', async () => {
		const { error } = await run(ADD, { credentials: store({ corpKey: '53' }) });
		expect(error?.message).toContain('Corp Key (API_CORP_KEY_ID) must look like PLA-0053');
		expect(sim.requests).toHaveLength(0);
	});

	it('Start refuses a mismatching CORP_ID and a bad customer too', async () => {
		const start = { resource: 'invoice', operation: 'start', CUSTOMER_ID: '1', INVOICE_TYPE_ID: 2, INVOICE_AMOUNT: '10' };
		expect((await run({ ...start, additionalFields: { CORP_ID: '7' } })).error?.message).toContain('CORP_ID 7 does not match');
		expect((await run({ ...start, CUSTOMER_ID: 'walk-in' })).error?.message).toContain('Customer ID (CUSTOMER_ID) must be a whole number');
		expect((await run({ ...start, INVOICE_AMOUNT: '-1' })).error?.message).toContain('Invoice Amount (INVOICE_AMOUNT) must be positive');
		expect(sim.requests).toHaveLength(0);
	});
});

// The payment's no-double-payment tests, one item at a time and with 10 items in flight at once.
describe.each(BATCH_MODES)('transport failures (%s)', (_mode, batching) => {
	const run = async (parameters: INodeParameters) => await runSuite(withBatching(parameters, batching));

	it('a payment whose answer is lost is not sent again, and the error says to check first', async () => {
		sim.fail({ kind: 'reset', afterProcessing: true });
		const { error } = await run(ADD);
		expect(error?.message).toContain('closed before an answer arrived');
		expect(error?.description).toContain('It was not sent again');
		expect(sim.requests).toHaveLength(1);
		expect(sim.payments).toHaveLength(1);
	});

	it('a timeout is reported once, never retried', async () => {
		sim.fail({ kind: 'hang' });
		const { error } = await run({ ...ADD, options: { timeout: 1000 } });
		expect(error?.message).toContain('No answer before the timeout');
		expect(sim.requests).toHaveLength(1);
	});

	it('an HTML error page and a cut-off answer are clear errors', async () => {
		sim.fail({ kind: 'html', status: 500 });
		expect((await run(ADD)).error?.message).toContain('HTTP 500, an HTML page instead of an API answer: 500 Internal Server Error');
		sim.fail({ kind: 'malformed' });
		expect((await run(ADD)).error?.message).toContain('The answer was not JSON');
		sim.fail({ kind: 'status', status: 200, contentType: 'text/html', body: '<html><head><title>adilas login</title></head></html>' });
		expect((await run(ADD)).error?.message).toContain('an HTML page, not an adilas API answer: adilas login');
	});

	it('a 503 with Retry-After is sent again (adilas did not process it)', async () => {
		sim.fail({ kind: 'status', status: 503, retryAfter: 0 });
		const { error, items } = await run(ADD);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('paid');
		expect(sim.requests).toHaveLength(2);
		expect(sim.payments).toHaveLength(1);
	});
});
