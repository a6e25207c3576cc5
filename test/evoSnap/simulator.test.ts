import { EVO_TOKEN_FAULT } from '../simulators/evoSnap';
import { DEMO_EVO_IDENTITY_TOKEN, DEMO_EVO_INVOICES } from '../simulators/evoSnapDemo';
import { simulatorForSuite } from './fixtures';

const sim = simulatorForSuite();

const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;

async function signOn(identity = DEMO_EVO_IDENTITY_TOKEN): Promise<Response> {
	return await fetch(`${sim.baseUrl}/2.1.28/REST/SIS.svc/token`, { headers: { Authorization: basic(identity) } });
}

async function query(token: string, pageSize: number): Promise<Response> {
	return await fetch(`${sim.baseUrl}${sim.cmsPath}/query`, {
		method: 'POST',
		headers: { Authorization: basic(token), 'Content-Type': 'application/json' },
		body: JSON.stringify({ QueryInvoiceParameters: {}, Scope: 'MerchantProfileId', PagingParameters: { Page: 0, PageSize: pageSize }, MerchantProfileId: 'Dev_Test_28' }),
	});
}

describe('the EVO simulator behaves as the seed and vendors.md describe', () => {
	test('sign-on answers the session token as a quoted JSON string; a wrong identity is a fault', async () => {
		const answer = await signOn();
		expect(answer.status).toBe(200);
		const text = await answer.text();
		expect(text).toMatch(/^"[0-9A-F]{64}"$/);
		const refused = await signOn('nope');
		expect(refused.status).toBe(401);
		expect(await refused.json()).toMatchObject({ ErrorId: 5001, Reason: expect.any(String), ValidationErrors: [] });
	});

	test('an expired session token is ErrorId 5000 on HTTP 400, an unknown one 5005', async () => {
		const token = JSON.parse(await (await signOn()).text()) as string;
		expect((await query(token, 10)).status).toBe(200);
		sim.expireAllTokens();
		const expired = await query(token, 10);
		expect(expired.status).toBe(400);
		expect(((await expired.json()) as { ErrorId: number }).ErrorId).toBe(EVO_TOKEN_FAULT.expired);
		const unknown = await query('X'.repeat(64), 10);
		expect(((await unknown.json()) as { ErrorId: number }).ErrorId).toBe(EVO_TOKEN_FAULT.invalid);
	});

	test('PageSize above 50 is a validation fault; pages report TotalPages and TotalFound', async () => {
		const token = sim.issueToken();
		const tooBig = await query(token, 51);
		expect(tooBig.status).toBe(400);
		expect(await tooBig.json()).toMatchObject({ ErrorId: 0, Reason: 'Validation Errors Occurred' });
		const page = (await (await query(token, 2)).json()) as { Invoices: Array<{ InvoiceReferenceId: string }> };
		expect(page).toMatchObject({ PageNumber: 0, TotalPages: 2, TotalFound: 3 });
		expect(page.Invoices.map((invoice) => invoice.InvoiceReferenceId)).toEqual([
			DEMO_EVO_INVOICES.pending,
			DEMO_EVO_INVOICES.paid,
		]);
	});
});
