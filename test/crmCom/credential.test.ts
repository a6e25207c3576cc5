import { testCredential } from '../harness';
import { CrmComSimulator } from '../simulators/crmCom';
import { DEMO_CRM_WEB_API_KEY } from '../simulators/serve';
import { CREDENTIAL, passwordCredentials, payParameters, rl, run, storeFor, simulatorForSuite } from './fixtures';

const sim: CrmComSimulator = simulatorForSuite();

const byNumber = payParameters({ invoice_identifier: rl('number', '={{ $json.invoice }}') });

/** Everything a run produced, as text: output items, the error, the whole run data. */
function everything(result: Awaited<ReturnType<typeof run>>): string {
	return JSON.stringify({ items: result.items, error: result.error, run: result.run });
}

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
