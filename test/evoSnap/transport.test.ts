import type { IDataObject } from 'n8n-workflow';

import { invoiceRequestBody } from '../../nodes/EvoSnap/helpers/invoiceBody';
import { describeEvoRequest, buildEvoRequest, parseEvoAnswer, readEvoErrorBody } from '../../nodes/EvoSnap/transport';
import { readSessionToken } from '../../nodes/EvoSnap/transport/credential';
import { EVO_PAID_STATE } from '../simulators/evoSnap';
import { DEMO_EVO_IDENTITY_TOKEN } from '../simulators/evoSnapDemo';
import { basicUser, CREDENTIAL, cmsRequests, processParameters, run, signOnRequests, simulatorForSuite, storeFor } from './fixtures';
import * as seed from './seed';

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

describe('the seed\'s answers read as documented', () => {
	test('CreateInvoice: the bare invoice reference id; sign-on: a quoted JSON string', () => {
		expect(parseEvoAnswer(seed.SEED_CREATE_ANSWER)).toBe('6177CCEE97C84FF7B1CFF11EAA347DBE');
		expect(parseEvoAnswer('"6177CCEE97C84FF7B1CFF11EAA347DBE"')).toBe('6177CCEE97C84FF7B1CFF11EAA347DBE');
		expect(readSessionToken('"PHNhbWw6QXNzZXJ0aW9u+/="')).toBe('PHNhbWw6QXNzZXJ0aW9u+/=');
		expect(readSessionToken('<html>nope</html>')).toBeUndefined();
	});

	test('GetInvoice and QueryInvoices', () => {
		const invoice = parseEvoAnswer(seed.SEED_GET_ANSWER) as IDataObject;
		expect(invoice).toMatchObject({ InvoiceState: 'Pending', Amount: 12.5, InvoiceReferenceId: '6177CCEE97C84FF7B1CFF11EAA347DBE' });
		const page = parseEvoAnswer(seed.SEED_QUERY_ANSWER) as IDataObject;
		expect(page).toMatchObject({ PageNumber: 0, TotalPages: 1, TotalFound: 1 });
		expect((page.Invoices as IDataObject[])[0]).toEqual(invoice);
	});

	test('a fault is read with its ErrorId, Reason and validation rules', () => {
		const fault = readEvoErrorBody(
			JSON.stringify({
				ErrorId: 0,
				HelpUrl: 'x',
				Messages: [],
				Operation: 'CreateInvoice',
				Reason: 'Validation Errors Occurred',
				ValidationErrors: [{ RuleKey: 'R', RuleLocationKey: 'Invoice.Amount', RuleMessage: 'Amount is required', TransactionId: null }],
			}),
			400,
		);
		expect(fault?.message).toBe('Validation Errors Occurred; Invoice.Amount: Amount is required');
		expect(fault?.details).toMatchObject({ code: '0', httpCode: 400 });
		expect(readEvoErrorBody('Endpoint not found.', 404)).toBeUndefined();
	});

	test('the dry-run description masks the session token and card data', () => {
		const call = {
			method: 'POST' as const,
			path: '/',
			body: invoiceRequestBody(seed.SEED_CREATE_PARAMETERS, seed.SEED_CREDENTIALS, 'given'),
			timeout: 1000,
			secrets: ['4111111111193231'],
		};
		const described = describeEvoRequest(buildEvoRequest(seed.SEED_CREDENTIALS, call), call);
		expect(described.url).toBe('https://api.cipcert.goevo.com/2.1.28/REST/DataServices/CMS.svc/Invoices/');
		expect((described.headers as IDataObject).Authorization).toBe('Basic ***');
		expect(JSON.stringify(described)).not.toContain('4111111111193231');
		expect(((described.body as IDataObject).Invoice as IDataObject).PaymentData).toEqual({
			PaymentType: 'Credit',
			CardType: 'Visa',
			PaymentAccountNumber: '************3231',
			PaymentAccountExpiration: '0520',
		});
		expect(described.bodyText).toContain('"Amount":12.50');
	});
});

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
