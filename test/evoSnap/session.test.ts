import type { IDataObject } from 'n8n-workflow';

import { testCredential } from '../harness';
import { EVO_PAID_STATE } from '../simulators/evoSnap';
import { DEMO_EVO_IDENTITY_TOKEN } from '../simulators/evoSnapDemo';
import {
	basicUser,
	CREDENTIAL,
	cmsRequests,
	credentialsFor,
	everything,
	processParameters,
	run,
	signOnRequests,
	simulatorForSuite,
	storeFor,
} from './fixtures';

const sim = simulatorForSuite();

/** Adds `count` pending invoices; returns their reference ids. */
function addInvoices(count: number): string[] {
	return Array.from({ length: count }, (_, index) =>
		sim.addInvoice({ Amount: `${index + 1}.25`, MerchantInvoiceId: `B${index + 1}` }).InvoiceReferenceId,
	);
}

const byItem = processParameters({ InvoiceReferenceId: '={{ $json.invoice }}' });

function expectEveryInvoicePaidOnce(ids: string[]): void {
	expect(sim.payments).toHaveLength(ids.length);
	const counts = sim.paymentsPerInvoice();
	for (const id of ids) {
		expect(counts.get(id)).toBe(1);
		expect(sim.invoice(id)?.InvoiceState).toBe(EVO_PAID_STATE);
	}
}

describe('sign-on: Basic with the identity token, then the session token as user name', () => {
	test('50 Process items sign on exactly once; the next run reuses the stored token', async () => {
		const ids = addInvoices(50);
		const store = storeFor(sim);
		const result = await run(byItem, ids.map((invoice) => ({ invoice })), { credentials: store });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(ids.map(() => 'paid'));
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(sim.signOns).toBe(1);
		expect(store.preAuthenticationCalls[CREDENTIAL]).toBe(1);
		expectEveryInvoicePaidOnce(ids);

		// The sign-on: the identity token as user name, empty password (colon kept).
		const [signOn] = signOnRequests(sim);
		expect(signOn.method).toBe('GET');
		expect(signOn.path).toBe('/2.1.28/REST/SIS.svc/token');
		expect(basicUser(signOn.headers)).toBe(`${DEMO_EVO_IDENTITY_TOKEN}:`);
		// Every call: the session token n8n stored (quotes stripped), empty password.
		const token = store.get(CREDENTIAL)?.sessionToken as string;
		expect(token).toMatch(/^[0-9A-F]{64}$/);
		expect(new Set(cmsRequests(sim).map((request) => basicUser(request.headers)))).toEqual(new Set([`${token}:`]));

		const [next] = addInvoices(1);
		const again = await run(byItem, [{ invoice: next }], { credentials: store });
		expect(again.items[0].json.status).toBe('paid');
		expect(sim.signOns).toBe(1);
	});

	test('a session expiring mid-run (ErrorId 5000 on HTTP 400) is renewed once; every invoice is processed exactly once', async () => {
		const ids = addInvoices(50);
		let processCalls = 0;
		sim.fail(
			{ kind: 'delay', ms: 0 },
			{
				when: (request) => {
					if (request.path.endsWith('/process') && ++processCalls === 21) sim.expireAllTokens();
					return false;
				},
			},
		);
		const store = storeFor(sim);
		const result = await run(byItem, ids.map((invoice) => ({ invoice })), { credentials: store });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(ids.map(() => 'paid'));
		expect(sim.signOns).toBe(2);
		expect(store.preAuthenticationCalls[CREDENTIAL]).toBe(2);
		// 50 payments and the one refused request, sent again once with the new token.
		const requests = cmsRequests(sim, '/process');
		expect(requests).toHaveLength(51);
		const users = requests.map((request) => basicUser(request.headers));
		expect(new Set(users.slice(0, 21)).size).toBe(1);
		expect(new Set(users.slice(21)).size).toBe(1);
		expect(users[21]).not.toBe(users[20]);
		expect(users[21]).toBe(`${store.get(CREDENTIAL)?.sessionToken as string}:`);
		expect(requests[20].path).toBe(requests[21].path);
		expectEveryInvoicePaidOnce(ids);
	});

	test('an unknown stored token (ErrorId 5005) is renewed on the first call', async () => {
		const store = storeFor(sim, { sessionToken: 'A'.repeat(64) });
		const result = await run(processParameters({ options: { checkFirst: true } }), undefined, { credentials: store });
		expect(result.items[0].json.status).toBe('paid');
		const gets = cmsRequests(sim).filter((request) => request.method === 'GET');
		expect(gets.map((request) => basicUser(request.headers))).toEqual([`${'A'.repeat(64)}:`, `${store.get(CREDENTIAL)?.sessionToken as string}:`]);
		expect(sim.signOns).toBe(1);
	});

	test('a token answered with HTTP 401 is renewed by n8n itself', async () => {
		const store = storeFor(sim, { sessionToken: sim.issueToken() });
		sim.fail({ kind: 'status', status: 401, body: '{"ErrorId":5000,"Reason":"expired"}', contentType: 'application/json' }, { when: (request) => request.path.endsWith('/process') });
		const result = await run(processParameters(), undefined, { credentials: store });
		expect(result.items[0].json.status).toBe('paid');
		expect(sim.signOns).toBe(1);
		expect(cmsRequests(sim, '/process')).toHaveLength(2);
		expect(sim.payments).toHaveLength(1);
	});

	test('a token refused right after sign-on is not renewed again: the item fails clearly, nothing is paid', async () => {
		sim.tokenTtlMs = 0;
		const result = await run(processParameters());
		expect(result.error?.message).toBe('EVO Snap* ProcessInvoice failed: The session token has expired. [5000]');
		expect(result.error?.description).toMatch(/EVO Snap\* refused a token it had just issued: the request was not processed/);
		expect(sim.signOns).toBe(2);
		expect(cmsRequests(sim, '/process')).toHaveLength(2);
		expect(sim.payments).toHaveLength(0);
	});
});

describe('credential test and a wrong identity token', () => {
	const WRONG = 'WRONG-IDENTITY-TOKEN-0123456789abcdef';

	test('passes with valid credentials: a real sign-on, then one read-only query with the new token', async () => {
		const result = await testCredential(CREDENTIAL, credentialsFor(sim));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.signOns).toBe(1);
		const [query] = cmsRequests(sim);
		expect(query.path.endsWith('/Invoices/query')).toBe(true);
		expect(sim.isTokenValid(basicUser(query.headers).slice(0, -1))).toBe(true);
		expect((query.json as IDataObject).MerchantProfileId).toBe('Dev_Test_28');
		expect(sim.payments).toHaveLength(0);
	});

	test('fails on a wrong identity token, in EVO\'s words, without showing it', async () => {
		const result = await testCredential(CREDENTIAL, credentialsFor(sim, { identityToken: WRONG }));
		expect(result).toEqual({
			status: 'Error',
			message: 'EVO Snap* sign-on failed: Authentication failed: the identity token is not valid [5001]',
		});
		expect(cmsRequests(sim)).toHaveLength(0);
	});

	test('fails on a wrong URL: a refused connection, or a host that is not EVO', async () => {
		const refused = await testCredential(CREDENTIAL, credentialsFor(sim, { customUrl: 'http://127.0.0.1:1' }));
		expect(refused).toEqual({
			status: 'Error',
			message: 'EVO Snap* sign-on failed: the connection to 127.0.0.1:1 was refused (is the URL right?)',
		});
		const wrongPath = await testCredential(CREDENTIAL, credentialsFor(sim, { customUrl: `${sim.baseUrl}/evo` }));
		expect(wrongPath).toEqual({
			status: 'Error',
			message: `EVO Snap* sign-on failed: HTTP 404 from ${sim.baseUrl}/evo/2.1.28/REST/SIS.svc/token (is the URL or the API version right?)`,
		});
	});

	test('fails when EVO refuses the session token it issued, or the merchant profile', async () => {
		sim.tokenTtlMs = 0;
		expect((await testCredential(CREDENTIAL, credentialsFor(sim))).status).toBe('Error');
		sim.tokenTtlMs = 60000;
		const profile = await testCredential(CREDENTIAL, credentialsFor(sim, { merchantProfileId: 'Nobody' }));
		expect(profile.status).toBe('Error');
		expect(profile.message).toMatch(/Merchant Profile ID/);
	});

	test('the node fails every item with EVO\'s message; nothing is sent to the CMS, no secret shown', async () => {
		const store = storeFor(sim, { identityToken: WRONG });
		const result = await run(processParameters({ InvoiceReferenceId: '={{ $json.invoice }}' }), [{ invoice: '6177CCEE97C84FF7B1CFF11EAA347DBE' }, { invoice: '6177CCEE97C84FF7B1CFF11EAA347DBE' }], { credentials: store, continueOnFail: true });
		expect(result.items.map((item) => item.json.error)).toEqual([
			'EVO Snap* ProcessInvoice failed: sign-on failed: Authentication failed: the identity token is not valid [5001]',
			'EVO Snap* ProcessInvoice failed: sign-on failed: Authentication failed: the identity token is not valid [5001]',
		]);
		expect(cmsRequests(sim)).toHaveLength(0);
		expect(sim.payments).toHaveLength(0);
		expect(everything(result)).not.toContain(WRONG);
		expect(everything(result)).not.toContain('4111111111194053');
	});

	test('the node names an unreachable server and does not retry the sign-on on its own', async () => {
		const result = await run(processParameters(), undefined, { credentials: storeFor(sim, { customUrl: 'http://127.0.0.1:1' }) });
		expect(result.error?.message).toBe(
			'EVO Snap* ProcessInvoice failed: sign-on failed: the connection to 127.0.0.1:1 was refused (is the URL right?)',
		);
	});
});
