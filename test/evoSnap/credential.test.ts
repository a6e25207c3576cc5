import type { IDataObject } from 'n8n-workflow';

import { testCredential } from '../harness';
import { basicUser, CREDENTIAL, cmsRequests, credentialsFor, everything, processParameters, run, simulatorForSuite, storeFor } from './fixtures';

const sim = simulatorForSuite();

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
