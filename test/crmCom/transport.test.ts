import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { CRM_INVALID_TOKEN, CrmComSimulator } from '../simulators/crmCom';
import { DEMO_CRM_ACCOUNTS_RECEIVABLE, DEMO_CRM_PASSWORD, DEMO_CRM_WEB_API_KEY } from '../simulators/serve';
import { CREDENTIAL, paymentsPerInvoice, payParameters, rl, run, storeFor, simulatorForSuite } from './fixtures';
import { CrmComApi } from '../../credentials/CrmComApi.credentials';
import { apiBaseUrl, isTokenRefused, parseSignInFailure } from '../../nodes/CrmCom/transport/credential';
import { buildCrmRequest, describeCrmRequest, readCrmAnswer, readCrmErrorBody } from '../../nodes/CrmCom/transport';
import { VendorError } from '../../nodes/shared/errors';
import { SEED_EXAMPLE_1_RESPONSE, SEED_EXAMPLE_2_RESPONSE, SEED_EXAMPLE_3_RESPONSE } from './seed';

const sim: CrmComSimulator = simulatorForSuite();

/** Adds `count` open invoices B001.. on the demo accounts receivable; returns their numbers. */
function addInvoices(count: number): string[] {
	return Array.from({ length: count }, (_, index) => {
		const number = `B${String(index + 1).padStart(3, '0')}`;
		sim.addInvoice({
			number,
			reference_number: `R${number}`,
			total_amount: '10.00',
			outstanding_amount: `${index + 1}.25`,
			accounts_receivable: DEMO_CRM_ACCOUNTS_RECEIVABLE,
		});
		return number;
	});
}

const byNumber = payParameters({ invoice_identifier: rl('number', '={{ $json.invoice }}') });

/** Makes every token expire just before the `nth` payment request reaches the ledger. */
function expireTokensBeforePayment(nth: number): void {
	let payments = 0;
	sim.fail(
		{ kind: 'delay', ms: 0 },
		{
			when: (request) => {
				if (request.path.endsWith('payments/pay_invoice') && ++payments === nth) sim.expireAllTokens();
				return false;
			},
		},
	);
}

function expectEveryInvoicePaidOnce(numbers: string[]): void {
	expect(sim.payments).toHaveLength(numbers.length);
	const counts = paymentsPerInvoice(sim);
	for (const number of numbers) expect(counts.get(sim.invoice({ number })!.id)).toBe(1);
	for (const number of numbers) expect(sim.invoice({ number })!.outstanding_amount).toBe('0.00');
}

/** Everything a run produced, as text: output items, the error, the whole run data. */
function everything(result: Awaited<ReturnType<typeof run>>): string {
	return JSON.stringify({ items: result.items, error: result.error, run: result.run });
}

function issuedTokens(): string[] {
	return [...sim.tokens.keys(), ...sim.releasedTokens];
}

describe('one sign-in per run, the token kept in n8n\'s credential store', () => {
	test('50 invoices are paid with exactly one sign-in; the next run reuses the stored token', async () => {
		const numbers = addInvoices(50);
		const store = storeFor(sim);
		const result = await run(byNumber, numbers.map((invoice) => ({ invoice })), { credentials: store });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(50);
		expect(result.items.every((item) => item.json.status === 'paid')).toBe(true);
		expect(result.items.map((item) => item.pairedItem)).toEqual(numbers.map((_, item) => ({ item })));
		expect(result.items.map((item) => (item.json.invoice_identifier as IDataObject).number)).toEqual(numbers);
		expect(sim.signIns).toBe(1);
		expect(store.preAuthenticationCalls[CREDENTIAL]).toBe(1);
		expectEveryInvoicePaidOnce(numbers);

		const token = store.get(CREDENTIAL)?.sessionToken as string;
		expect(sim.isTokenValid(token)).toBe(true);
		expect(new Set(sim.requestsTo('payments/pay_invoice').map((request) => (request.json as IDataObject).token))).toEqual(
			new Set([token]),
		);

		sim.addInvoice({ number: 'C001', reference_number: 'RC1', total_amount: '5.00', outstanding_amount: '5.00' });
		const next = await run(byNumber, [{ invoice: 'C001' }], { credentials: store });
		expect(next.items[0].json.status).toBe('paid');
		expect(sim.signIns).toBe(1);
	});

	test.each([
		['HTTP 200 with status INVALID_TOKEN (CRM.COM\'s way)', 200],
		['HTTP 401', 401],
	] as const)('a token expiring mid-run (%s) is renewed once; every invoice is paid exactly once', async (_, httpStatus) => {
		sim.invalidTokenHttpStatus = httpStatus;
		const numbers = addInvoices(50);
		expireTokensBeforePayment(21);
		const store = storeFor(sim);
		const result = await run(byNumber, numbers.map((invoice) => ({ invoice })), { credentials: store });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(numbers.map(() => 'paid'));
		expect(sim.signIns).toBe(2);
		expect(store.preAuthenticationCalls[CREDENTIAL]).toBe(2);
		// 50 payments and the one refused request, sent again once with the new token.
		const requests = sim.requestsTo('payments/pay_invoice');
		expect(requests).toHaveLength(51);
		const tokens = requests.map((request) => (request.json as IDataObject).token);
		expect(new Set(tokens.slice(0, 21)).size).toBe(1);
		expect(new Set(tokens.slice(21)).size).toBe(1);
		expect(tokens[21]).not.toBe(tokens[20]);
		expect(tokens[21]).toBe(store.get(CREDENTIAL)?.sessionToken);
		expect((requests[20].json as IDataObject).invoice_identifier).toEqual({ number: numbers[20] });
		expect((requests[21].json as IDataObject).invoice_identifier).toEqual({ number: numbers[20] });
		expectEveryInvoicePaidOnce(numbers);
	});

	test('a token that expired between runs is renewed on the first call', async () => {
		const store = storeFor(sim, { sessionToken: sim.issueToken() });
		sim.expireAllTokens();
		const result = await run(payParameters(), undefined, { credentials: store });
		expect(result.items[0].json.status).toBe('paid');
		expect(sim.signIns).toBe(1);
		expect(sim.isTokenValid(store.get(CREDENTIAL)?.sessionToken as string)).toBe(true);
	});

	test('the invoice check (a GET, token in the query) is renewed the same way', async () => {
		const store = storeFor(sim, { sessionToken: 'A'.repeat(32) });
		const result = await run(payParameters({ options: { checkFirst: true } }), undefined, { credentials: store });
		expect(result.items[0].json.status).toBe('paid');
		const shows = sim.requestsTo('invoices/show');
		expect(shows.map((request) => request.query.token)).toEqual(['A'.repeat(32), store.get(CREDENTIAL)?.sessionToken]);
		expect(sim.signIns).toBe(1);
	});

	test.each([200, 401] as const)(
		'a token refused right after sign-in (HTTP %i) is not renewed again: the item fails, nothing is paid',
		async (httpStatus) => {
			sim.invalidTokenHttpStatus = httpStatus;
			sim.tokenTtlMs = 0;
			const result = await run(payParameters());
			expect(result.error?.message).toBe(
				`CRM.COM payments/pay_invoice failed: The token is invalid or has expired [${CRM_INVALID_TOKEN}]`,
			);
			if (httpStatus === 200) expect(result.error?.description).toMatch(/refused a token it had just issued/);
			expect(sim.signIns).toBe(2);
			expect(sim.requestsTo('payments/pay_invoice')).toHaveLength(2);
			expect(sim.payments).toHaveLength(0);
		},
	);

	test('web API key: signs in with HTTP Basic (the key as user, empty password) and pays', async () => {
		const store = storeFor(sim, {
			authMethod: 'webApiKey',
			webApiKey: DEMO_CRM_WEB_API_KEY,
			username: '',
			password: '',
			organisation: '',
		});
		const result = await run(payParameters(), undefined, { credentials: store });
		expect(result.items[0].json.status).toBe('paid');
		const [signIn] = sim.requestsTo('authentication/web_api_key/token');
		expect(signIn.headers.authorization).toBe(`Basic ${Buffer.from(`${DEMO_CRM_WEB_API_KEY}:`).toString('base64')}`);
		expect([...sim.tokens.values()][0].via).toBe('web_api_key');
	});

	test('the unit is sent at sign-in when given', async () => {
		const result = await run(payParameters(), undefined, { credentials: storeFor(sim, { unit: 'EE63A82C4FEBE02FF34E90DD1EBA5ABE' }) });
		expect(result.items[0].json.status).toBe('paid');
		expect(sim.requestsTo('authentication/token')[0].json).toEqual({
			username: 'demo',
			password: DEMO_CRM_PASSWORD,
			organisation: 'DEMO',
			unit: 'EE63A82C4FEBE02FF34E90DD1EBA5ABE',
		});
	});
});

describe('secrets', () => {
	test('password, web API key and tokens appear in no output and no error', async () => {
		const numbers = addInvoices(3);
		expireTokensBeforePayment(2);
		const store = storeFor(sim);
		const paid = await run(byNumber, numbers.map((invoice) => ({ invoice })), { credentials: store });
		expect(paid.items.map((item) => item.json.status)).toEqual(['paid', 'paid', 'paid']);

		const failing = await run(byNumber, [{ invoice: 'INV999' }, { invoice: numbers[0] }], { credentials: store, continueOnFail: true });
		expect(failing.items.map((item) => item.json.error)).toEqual([
			'CRM.COM payments/pay_invoice failed: Invoice not found: number=INV999 [NOT_FOUND]',
			expect.stringContaining('[INVOICE_ALREADY_PAID]'),
		]);
		const dryRun = await run(payParameters({ options: { dryRun: true } }), undefined, { credentials: store });
		const keyStore = storeFor(sim, { authMethod: 'webApiKey', webApiKey: DEMO_CRM_WEB_API_KEY });
		const byKey = await run(payParameters({ invoice_identifier: rl('number', 'INV999') }), undefined, { credentials: keyStore });
		expect(byKey.error?.message).toMatch(/NOT_FOUND/);

		const tokens = issuedTokens();
		expect(tokens.length).toBeGreaterThanOrEqual(3);
		for (const result of [paid, failing, dryRun, byKey]) {
			const text = everything(result);
			expect(text).not.toContain(DEMO_CRM_PASSWORD);
			expect(text).not.toContain(DEMO_CRM_WEB_API_KEY);
			for (const token of tokens) expect(text).not.toContain(token);
		}
	});
});

describe('reading CRM.COM answers', () => {
	test('the seed\'s three answers are read as successes with their payment data', () => {
		expect(readCrmAnswer(SEED_EXAMPLE_1_RESPONSE, 'POST')).toEqual({
			status: { code: 'OK', message: '', description: '' },
			data: {
				payment_amount: 225,
				issued_on: '2014-07-14T16:49:11',
				life_cycle_state: 'POSTED',
				number: '100',
				id: '83DFE781350877933A6FA2A51EF0F102',
				reference_number: '115',
				posted_on: '2014-07-14T16:49:11',
			},
		});
		expect(readCrmAnswer(JSON.parse(SEED_EXAMPLE_2_RESPONSE), 'POST').data).toEqual({
			payment_amount: 55,
			issued_on: '2016-06-09T13:15:44',
			number: '367',
			id: '10303722803F4FAAAF420243C30889F9',
			reference_number: '388',
		});
		expect(readCrmAnswer(SEED_EXAMPLE_3_RESPONSE, 'POST').data.currency_rate_period).toBeNull();
	});

	test('an answer without status.code is an error whose outcome is unknown after a POST only', () => {
		const post = (() => {
			try {
				readCrmAnswer('<html>', 'POST');
			} catch (error) {
				return error as VendorError;
			}
			return undefined;
		})();
		expect(post).toBeInstanceOf(VendorError);
		expect(post?.details.outcomeUnknown).toBe(true);
		expect(() => readCrmAnswer({ data: {} }, 'GET')).toThrow('not a CRM.COM API answer');
	});

	test('an error body keeps CRM.COM\'s message, code and description', () => {
		const error = readCrmErrorBody(
			JSON.stringify({ status: { code: 'NOT_FOUND', message: 'Invoice not found', description: 'number=X' } }),
			404,
		);
		expect(error?.message).toBe('Invoice not found');
		expect(error?.details).toMatchObject({ code: 'NOT_FOUND', description: 'number=X', httpCode: 404 });
		expect(readCrmErrorBody('Bad gateway', 502)).toBeUndefined();
	});
});

describe('token refusals (CRM.COM\'s code list is not public)', () => {
	const status = (code: string, message = '', description = '') => ({ code, message, description });
	test.each([
		['INVALID_TOKEN', ''],
		['TOKEN_EXPIRED', ''],
		['invalid_session', ''],
		['E1001', 'The token is invalid or has expired'],
		['GENERAL_ERROR', 'Session expired, please login again'],
		['ERROR', 'Invalid token provided'],
	])('%s "%s" is a refused token', (code, message) => {
		expect(isTokenRefused(status(code, message))).toBe(true);
	});
	test.each([
		['OK', ''],
		['AUTHENTICATION_FAILED', 'Invalid username or password'],
		['NOT_FOUND', 'Invoice not found: number=INV404'],
		['DUPLICATE_BACK_OFFICE_CODE', 'back_office_code X already exists'],
		['INVALID_PARAMETER', 'card_identifier: unknown card of the payment gateway'],
	])('%s "%s" is not', (code, message) => {
		expect(isTokenRefused(status(code, message))).toBe(false);
	});
});

describe('credential and transport details', () => {
	const credential = new CrmComApi();

	test('the API base URL accepts a trailing slash or the API path itself', () => {
		for (const serverUrl of ['https://crm.example.com', 'https://crm.example.com/', 'https://crm.example.com/crmapi/rest/v2/']) {
			expect(apiBaseUrl({ serverUrl })).toBe('https://crm.example.com/crmapi/rest/v2/');
		}
	});

	test('authenticate: the token first in a POST body (a copy), in the query of a GET', async () => {
		const post: IHttpRequestOptions = { method: 'POST', url: 'u', body: { token: 'old', a: 1 } };
		const sent = await credential.authenticate({ sessionToken: 'T1' }, post);
		expect(sent.body).toEqual({ token: 'T1', a: 1 });
		expect(Object.keys(sent.body as object)[0]).toBe('token');
		expect(post.body).toEqual({ token: 'old', a: 1 });
		const getRequest = await credential.authenticate({ sessionToken: 'T2' }, { method: 'GET', url: 'u', qs: { x: 'y' } });
		expect(getRequest.qs).toEqual({ x: 'y', token: 'T2' });
	});

	test('the sign-in failure message is read back into message and code', () => {
		expect(parseSignInFailure('CRM.COM sign-in failed: Invalid username or password [AUTHENTICATION_FAILED]')).toEqual({
			message: 'Invalid username or password',
			code: 'AUTHENTICATION_FAILED',
		});
		expect(parseSignInFailure('CRM.COM sign-in failed: the answer had no token')).toEqual({ message: 'the answer had no token' });
		expect(parseSignInFailure('something else')).toBeUndefined();
	});

	test('a dry-run GET shows the query with the token masked', () => {
		const request = buildCrmRequest(
			{ serverUrl: 'https://crm.example.com' },
			{ method: 'GET', resource: 'invoices/show', qs: { invoice_identifier: 'number=INV001' }, timeout: 1000 },
		);
		expect(describeCrmRequest(request)).toEqual({
			method: 'GET',
			url: 'https://crm.example.com/crmapi/rest/v2/invoices/show?invoice_identifier=number%3DINV001&token=***',
		});
	});
});
