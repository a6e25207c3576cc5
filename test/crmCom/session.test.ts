import type { IDataObject } from 'n8n-workflow';

import { testCredential } from '../harness';
import { CRM_INVALID_TOKEN, CrmComSimulator } from '../simulators/crmCom';
import { DEMO_CRM_ACCOUNTS_RECEIVABLE, DEMO_CRM_PASSWORD, DEMO_CRM_WEB_API_KEY } from '../simulators/serve';
import {
	CREDENTIAL,
	passwordCredentials,
	paymentsPerInvoice,
	payParameters,
	rl,
	run,
	storeFor,
	simulatorForSuite,
} from './fixtures';

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

describe('wrong credentials', () => {
	const WRONG = 'wrong-password-1234';

	test('the credential test reports CRM.COM\'s refusal, without the password', async () => {
		const result = await testCredential(CREDENTIAL, passwordCredentials(sim, { password: WRONG }));
		expect(result).toEqual({
			status: 'Error',
			message: 'CRM.COM sign-in failed: Invalid username or password [AUTHENTICATION_FAILED]',
		});
		expect(JSON.stringify(result)).not.toContain(WRONG);
	});

	test('the credential test passes with valid credentials, by a real call with the new token', async () => {
		const result = await testCredential(CREDENTIAL, passwordCredentials(sim));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.signIns).toBe(1);
		const [show] = sim.requestsTo('invoices/show');
		expect(sim.tokens.has(show.query.token)).toBe(true);
	});

	test('the credential test passes with a web API key and fails with a wrong one', async () => {
		const key = { authMethod: 'webApiKey', webApiKey: DEMO_CRM_WEB_API_KEY };
		expect((await testCredential(CREDENTIAL, passwordCredentials(sim, key))).status).toBe('OK');
		const wrong = await testCredential(CREDENTIAL, passwordCredentials(sim, { ...key, webApiKey: 'not-the-key-42' }));
		expect(wrong).toEqual({ status: 'Error', message: 'CRM.COM sign-in failed: Invalid web API key [AUTHENTICATION_FAILED]' });
	});

	test('the credential test fails when CRM.COM refuses the token it issued', async () => {
		sim.tokenTtlMs = 0;
		const result = await testCredential(CREDENTIAL, passwordCredentials(sim));
		expect(result).toEqual({
			status: 'Error',
			message: 'CRM.COM signed in but refused the session token (INVALID_TOKEN)',
		});
	});

	test('the credential test names an unreachable server', async () => {
		const result = await testCredential(CREDENTIAL, passwordCredentials(sim, { serverUrl: 'http://127.0.0.1:1' }));
		expect(result.status).toBe('Error');
		expect(result.message).toBe('CRM.COM sign-in failed: the connection to 127.0.0.1:1 was refused (is the Server URL right?)');
	});

	test('the node names an unreachable server, and does not retry the sign-in on its own', async () => {
		const result = await run(payParameters(), undefined, { credentials: storeFor(sim, { serverUrl: 'http://127.0.0.1:1' }) });
		expect(result.error?.message).toBe(
			'CRM.COM payments/pay_invoice failed: sign-in failed: the connection to 127.0.0.1:1 was refused (is the Server URL right?)',
		);
	});

	test('the node fails every item with CRM.COM\'s message; nothing is paid, no secret is shown', async () => {
		const store = storeFor(sim, { password: WRONG });
		const failed = await run(payParameters(), undefined, { credentials: store });
		expect(failed.error?.message).toBe(
			'CRM.COM payments/pay_invoice failed: sign-in failed: Invalid username or password [AUTHENTICATION_FAILED]',
		);
		expect(failed.error?.description ?? '').not.toMatch(/may have reached/);

		const continued = await run(byNumber, [{ invoice: 'INV001' }, { invoice: 'INV002' }], { credentials: store, continueOnFail: true });
		expect(continued.items.map((item) => item.json.error)).toEqual([
			'CRM.COM payments/pay_invoice failed: sign-in failed: Invalid username or password [AUTHENTICATION_FAILED]',
			'CRM.COM payments/pay_invoice failed: sign-in failed: Invalid username or password [AUTHENTICATION_FAILED]',
		]);
		expect(continued.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sim.requestsTo('payments/pay_invoice')).toHaveLength(0);
		expect(sim.payments).toHaveLength(0);
		expect(everything(failed)).not.toContain(WRONG);
		expect(everything(continued)).not.toContain(WRONG);
		expect(store.get(CREDENTIAL)?.sessionToken ?? '').toBe('');
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
