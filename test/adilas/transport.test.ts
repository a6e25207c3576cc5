/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
// The wire: the call object adilas receives, its answers read, its failures mapped, timeouts and retries.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { decodeAdilasText, decodeAdilasValues, parseAdilasAnswer, readAdilasResult } from '../../nodes/Adilas/transport';
import { CredentialStore, runNode } from '../harness';
import { BATCH_MODES, withBatching } from '../harness/batching';
import { DEMO_ADILAS_PASSWORD } from '../simulators/adilasDemo';
import { ADD, run as runSuite, simulatorForSuite, storeFor } from './fixtures';
import { AdilasSimulator } from '../simulators/adilas';
import { SEED_ADD_PARAMETERS, SEED_RESULTS, SEED_SAMPLE, SEED_SAMPLE_JSON } from './seed';

const sim = simulatorForSuite();

const run = runSuite;

describe('reading adilas answers', () => {
	it('URL-decodes string values, repeatedly where they were encoded more than once', () => {
		expect(decodeAdilasText('Successfully%20added')).toBe('Successfully added');
		expect(decodeAdilasText(encodeURIComponent(encodeURIComponent('A & B 100%')))).toBe('A & B 100%');
		expect(decodeAdilasText(encodeURIComponent(encodeURIComponent(encodeURIComponent('x/y?z'))))).toBe('x/y?z');
		// Form encoding: "+" is a space when the text has escapes and no space.
		expect(decodeAdilasText('Unable+to+record%2E')).toBe('Unable to record.');
		// Plain text is left alone: a "+" in a phone number, a lone "%".
		expect(decodeAdilasText('+1 555 0100')).toBe('+1 555 0100');
		expect(decodeAdilasText('50% off')).toBe('50% off');
		expect(decodeAdilasText('bad %E0%A4%A escape')).toBe('bad %E0%A4%A escape');
		expect(decodeAdilasValues({ A: ['x%20y', { B: 'p%2520q', N: 5 }], C: null })).toEqual({ A: ['x y', { B: 'p q', N: 5 }], C: null });
	});

	it('parses JSON padded with whitespace or a BOM, and reports an HTML page or other text clearly', () => {
		expect(parseAdilasAnswer('\uFEFF\r\n\t{"RET_STATUS":"ok"}\r\n')).toEqual({ RET_STATUS: 'ok' });
		expect(parseAdilasAnswer('debug line\n{"RET_STATUS":"ok"}\n<!-- 12ms -->')).toEqual({ RET_STATUS: 'ok' });
		expect(() => parseAdilasAnswer('<html><title>Error Occurred</title></html>')).toThrow(/HTML page.*Error Occurred/);
		expect(() => parseAdilasAnswer('')).toThrow(/not JSON \(empty\)/);
		expect(() => parseAdilasAnswer('[1,2]')).toThrow(/not an adilas API answer/);
	});

	it('ok and success are successes; any other status fails with both messages and the status as code', () => {
		expect(readAdilasResult({ RET_STATUS: 'success', X: 'a%20b' }, 'x')).toEqual({ RET_STATUS: 'success', X: 'a b' });
		expect(readAdilasResult({ RET_STATUS: 'OK' }, 'x').RET_STATUS).toBe('OK');
		expect(() => readAdilasResult({ RET_STATUS: 'somethingNew', RET_MAIN_MESSAGE: 'Nope%2E' }, 'x')).toThrow('Nope.');
		try {
			readAdilasResult({ RET_STATUS: 'zero', RET_MAIN_MESSAGE: SEED_RESULTS.zero[0], RET_SECOND_MESSAGE: SEED_RESULTS.zero[1] }, 'addInvoicePayment');
			throw new Error('no error');
		} catch (error) {
			expect((error as Error).message).toBe(SEED_RESULTS.zero.join(' '));
			expect((error as { details: { code: string; description: string } }).details).toMatchObject({
				code: 'zero',
				description: expect.stringContaining('start the invoice with an amount first'),
			});
		}
		expect(() => readAdilasResult({ hello: 'world' }, 'x')).toThrow(/no RET_STATUS/);
	});
});

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
		const { error } = await run(ADD, undefined, { credentials: storeFor(sim, { password: 'wrong-password-123' }) });
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
		const { error } = await run(ADD, undefined, { credentials: storeFor(sim, { payeeId: '99' }) });
		expect(error?.message).toContain('This payee may not make API calls.');
		expect(error?.message).toContain('[payee]');
	});

	it('with Continue On Fail the other items still run, each paired with its input', async () => {
		const { items, error } = await run({ ...ADD, INVOICE_NUMBER: '={{ $json.invoice }}', AMOUNT_PAID: '={{ $json.amount }}' }, [
					{ invoice: 78, amount: '5.00' },
					{ invoice: 79, amount: '5.00' },
					{ invoice: 'INV-9', amount: '1.00' },
					{ invoice: 78, amount: '2.50' },
				], { continueOnFail: true });
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

describe('adilas call object against the seed sample', () => {
	// A simulator holding the seed's own credentials (PLA-0053 / demo / 1234, payee "3") and invoice 78.
	const sim = new AdilasSimulator({
		corpKey: 'PLA-0053',
		userName: 'demo',
		password: '1234',
		payeeIds: ['3'],
		merchantSettingIds: [1, 4],
	});

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => {
		sim.reset();
		sim.addInvoice({ invoiceNumber: 78, amount: '15.00' });
	});

	function credentials(requestStyle: string): CredentialStore {
		return new CredentialStore({
			adilasApi: { apiUrl: sim.endpointUrl, requestStyle, corpKey: 'PLA-0053', userName: 'demo', password: '1234', payeeId: '3' },
		});
	}

	it.each([
		['formField', 'application/x-www-form-urlencoded'],
		['jsonBody', 'application/json'],
	])('request style %s: the object sent equals the seed JSON key by key, types and order included', async (style, contentType) => {
		const { items, error } = await runNode({ nodeType: 'adilas', parameters: SEED_ADD_PARAMETERS, credentials: credentials(style) });
		expect(error).toBeUndefined();
		expect(sim.requests).toHaveLength(1);
		const [request] = sim.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/web/adilas_api_calls.cfm');
		expect(request.headers['content-type']).toBe(contentType);
		const sentJson =
			style === 'formField' ? new URLSearchParams(request.body).get('call_function_data') ?? '' : request.body;
		if (style === 'formField') expect([...new URLSearchParams(request.body).keys()]).toEqual(['call_function_data']);
		const sent = JSON.parse(sentJson) as Record<string, unknown>;
		for (const [key, value] of Object.entries(SEED_SAMPLE)) {
			expect([key, sent[key], typeof sent[key]]).toEqual([key, value, typeof value]);
		}
		expect(Object.keys(sent)).toEqual(Object.keys(SEED_SAMPLE));
		// Byte for byte: same keys, order, values and JSON types.
		expect(sentJson).toBe(SEED_SAMPLE_JSON);
		expect(sim.calls[0].style).toBe(style);
		// The seed's success answer, read back decoded (the simulator URL-encodes it, the second message twice).
		expect(items[0].json).toMatchObject({
			status: 'paid',
			RET_STATUS: 'ok',
			RET_MAIN_MESSAGE: SEED_RESULTS.ok[0],
			RET_SECOND_MESSAGE: SEED_RESULTS.ok[1],
			INVOICE_NUMBER: 78,
			AMOUNT_PAID: 15,
			amount: '15.00',
		});
		expect(sim.payments).toHaveLength(1);
		expect(sim.invoice(78)?.paid).toBe('15.00');
	});

	it('the dry run shows the same object with the password masked, in the chosen style, and sends nothing', async () => {
		for (const style of ['formField', 'jsonBody']) {
			const { items, error } = await runNode({
				nodeType: 'adilas',
				parameters: { ...SEED_ADD_PARAMETERS, options: { dryRun: true } },
				credentials: credentials(style),
			});
			expect(error).toBeUndefined();
			const request = items[0].json.request as IDataObject;
			expect(items[0].json.status).toBe('dry run');
			expect(request.callObject).toEqual({ ...SEED_SAMPLE, API_USER_PASSWORD: '***' });
			expect(request.url).toBe(sim.endpointUrl);
			expect(request.requestStyle).toBe(style);
			const masked = SEED_SAMPLE_JSON.replace('"API_USER_PASSWORD":"1234"', '"API_USER_PASSWORD":"***"');
			expect(request.body).toBe(style === 'formField' ? `call_function_data=${encodeURIComponent(masked)}` : masked);
			expect(JSON.stringify(items)).not.toContain('1234');
		}
		expect(sim.requests).toHaveLength(0);
	});

	it('keeps text that looks like a number as text where the seed sends text, and amounts as numbers', async () => {
		const { error } = await runNode({
			nodeType: 'adilas',
			parameters: {
				...SEED_ADD_PARAMETERS,
				AMOUNT_PAID: '12.50',
				additionalFields: {
					...SEED_ADD_PARAMETERS.additionalFields,
					PAYMENT_CHECK_NUMBER: '0042',
					ACTUAL_TRANS_NUMBER: 'ch_3Kx9',
					TRANSACTION_NUMBER: '007',
				},
			},
			credentials: credentials('jsonBody'),
		});
		expect(error).toBeUndefined();
		const sent = sim.payments[0].call;
		expect(sent.AMOUNT_PAID).toBe(12.5);
		expect(sent.PAYMENT_CHECK_NUMBER).toBe('0042');
		expect(sent.ACTUAL_TRANS_NUMBER).toBe('ch_3Kx9');
		expect(sent.TRANSACTION_NUMBER).toBe('007');
		expect(sim.calls[0].style).toBe('jsonBody');
		expect(sim.requests[0].body).toContain('"AMOUNT_PAID":12.5,');
	});
});
