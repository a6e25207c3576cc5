/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in Node and jest, never ships to n8n */
import axios from 'axios';

import { CRM_INVALID_TOKEN_MESSAGE, CRM_STATUS, CrmComSimulator } from '../simulators/crmCom';
import { DEMO_CRM_ORGANISATION, DEMO_CRM_PASSWORD, DEMO_CRM_USERNAME, DEMO_CRM_WEB_API_KEY, seedCrmComDemo } from '../simulators/serve';

describe('CRM.COM simulator', () => {
	const sim = new CrmComSimulator({
		username: DEMO_CRM_USERNAME,
		password: DEMO_CRM_PASSWORD,
		organisation: DEMO_CRM_ORGANISATION,
		webApiKey: DEMO_CRM_WEB_API_KEY,
	});

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => {
		sim.reset();
		sim.tokenTtlMs = 2 * 60 * 60 * 1000;
		sim.invalidTokenHttpStatus = 200;
		seedCrmComDemo(sim);
	});
	afterEach(() => {
		expect(sim.handlerErrors).toEqual([]);
	});

	type CrmBody = { status: { code: string; message: string; description: string }; data: Record<string, unknown> | null };
	const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
		axios.post<CrmBody>(sim.url(method), body, { validateStatus: () => true, headers });
	const get = (method: string, params: Record<string, string>) => axios.get<CrmBody>(sim.url(method), { params, validateStatus: () => true });
	const signIn = async () => {
		const res = await post('authentication/token', { username: DEMO_CRM_USERNAME, password: DEMO_CRM_PASSWORD, organisation: DEMO_CRM_ORGANISATION });
		return (res.data.data as { token: string }).token;
	};
	// The seed's example 1 (its trailing comma removed: that is not JSON).
	const example1 = (token: string) => ({
		token,
		accounts_receivable_identifier: { number: '192' },
		type_identifier: { name: 'Invoices Balance Payment' },
		payment_method_identifier: { name: 'Direct Debit' },
		category_identifier: { name: 'Invoice Payments' },
		invoice_identifier: { reference_number: '328' },
		received_on: '2014-07-14T09:12:54',
		received_by_user_identifier: { username: 'JackH' },
		received_by_unit_identifier: { name: 'Admin Unit' },
	});

	test('sign in with username and password; wrong password fails', async () => {
		const res = await post('authentication/token', { username: 'demo', password: 'demo-password', organisation: 'DEMO' });
		expect(res.status).toBe(200);
		expect(res.data.status).toEqual({ code: 'OK', message: '', description: '' });
		expect((res.data.data as { token: string }).token).toMatch(/^[0-9A-F]{32}$/);
		expect(sim.signIns).toBe(1);

		const wrong = await post('authentication/token', { username: 'demo', password: 'nope', organisation: 'DEMO' });
		expect(wrong.status).toBe(200);
		expect(wrong.data.status).toMatchObject({ code: CRM_STATUS.AUTHENTICATION_FAILED, message: 'Invalid username or password' });
		expect(wrong.data.data).toBeNull();
		expect(sim.signIns).toBe(1);
	});

	test('sign in with the web API key (Basic key:) and release the token', async () => {
		const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
		const res = await post('authentication/web_api_key/token', {}, { Authorization: basic(DEMO_CRM_WEB_API_KEY) });
		expect(res.data.status.code).toBe('OK');
		const token = (res.data.data as { token: string }).token;
		expect(sim.isTokenValid(token)).toBe(true);
		const wrong = await post('authentication/web_api_key/token', {}, { Authorization: basic('other') });
		expect(wrong.data.status.code).toBe(CRM_STATUS.AUTHENTICATION_FAILED);

		const released = await post('authentication/token/release', { token });
		expect(released.data.status.code).toBe('OK');
		const after = await get('invoices/show', { token, invoice_identifier: 'number=INV001' });
		expect(after.data.status.code).toBe(CRM_STATUS.INVALID_TOKEN);
	});

	test('tokens expire after the TTL; INVALID_TOKEN with HTTP 200, or 401 when configured', async () => {
		const token = await signIn();
		sim.tokenTtlMs = 50;
		await new Promise((r) => setTimeout(r, 80));
		const res = await post('payments/pay_invoice', example1(token));
		expect(res.status).toBe(200);
		expect(res.data.status).toEqual({ code: CRM_STATUS.INVALID_TOKEN, message: CRM_INVALID_TOKEN_MESSAGE, description: '' });
		expect(sim.payments).toHaveLength(0);

		sim.invalidTokenHttpStatus = 401;
		const shown = await get('invoices/show', { token, invoice_identifier: 'number=INV001' });
		expect(shown.status).toBe(401);
		expect(shown.data.status.code).toBe(CRM_STATUS.INVALID_TOKEN);

		sim.tokenTtlMs = 60_000;
		const fresh = await signIn();
		expect(sim.signIns).toBe(2);
		expect((await post('payments/pay_invoice', example1(fresh))).data.status.code).toBe('OK');
	});

	test("pay_invoice with the seed's example 1 pays the whole outstanding amount", async () => {
		const token = await signIn();
		const res = await post('payments/pay_invoice', example1(token));
		expect(res.status).toBe(200);
		expect(res.data.status).toEqual({ code: 'OK', message: '', description: '' });
		const data = res.data.data as Record<string, unknown>;
		expect(data).toMatchObject({ payment_amount: 225, life_cycle_state: 'POSTED', number: '100', reference_number: '115', currency_rate_period: null });
		expect(data.id).toMatch(/^[0-9A-F]{32}$/);
		expect(data.issued_on).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
		expect(sim.invoice({ number: 'INV001' })?.outstanding_amount).toBe('0.00');
		expect(sim.payments).toHaveLength(1);
		expect(sim.payments[0]).toMatchObject({ payment_amount: '225.00', invoice_id: '54F3A49F23024C51AFF21B7C728F3549', received_on: '2014-07-14T09:12:54' });
		expect(sim.payments[0].body).not.toHaveProperty('token');
		expect(sim.payments[0].body).toMatchObject({ invoice_identifier: { reference_number: '328' } });

		const again = await post('payments/pay_invoice', example1(token));
		expect(again.data.status.code).toBe(CRM_STATUS.INVOICE_ALREADY_PAID);
		expect(sim.payments).toHaveLength(1);
	});

	test('fields_set limits the answer; 12.50 comes back as the number 12.5', async () => {
		const token = await signIn();
		const res = await post('payments/pay_invoice', {
			token,
			accounts_receivable_identifier: { name: 'Dina Mika' },
			fields_set: 'number,reference_number,id,issued_on,payment_amount',
			type_identifier: { name: 'Payment 1' },
			payment_method_identifier: { name: 'Direct Debit' },
			category_identifier: { name: 'Payment Category 1' },
			invoice_identifier: { reference_number: '2023' },
			received_on: '2014-07-14T09:12:54',
			received_by_user_identifier: { username: 'MPAdministrator' },
			received_by_unit_identifier: { name: 'Admin Unit' },
		});
		expect(res.data.status.code).toBe('OK');
		expect(Object.keys(res.data.data ?? {}).sort()).toEqual(['id', 'issued_on', 'number', 'payment_amount', 'reference_number']);
		expect(res.data.data?.payment_amount).toBe(12.5);
	});

	test('a duplicate back_office_code is refused and pays nothing', async () => {
		const token = await signIn();
		const first = await post('payments/pay_invoice', { ...example1(token), back_office_code: 'PAY-1' });
		expect(first.data.status.code).toBe('OK');
		const second = await post('payments/pay_invoice', {
			...example1(token),
			invoice_identifier: { number: 'INV002' },
			accounts_receivable_identifier: { number: '192' },
			back_office_code: 'PAY-1',
		});
		expect(second.data.status).toMatchObject({ code: CRM_STATUS.DUPLICATE_BACK_OFFICE_CODE, message: 'back_office_code PAY-1 already exists' });
		expect(sim.invoice({ number: 'INV002' })?.outstanding_amount).toBe('12.50');
		expect(sim.payments).toHaveLength(1);
	});

	test('identifier rules: two keys, missing mandatory, neither accounts receivable nor wallet, bad date, unknown invoice', async () => {
		const token = await signIn();
		const two = await post('payments/pay_invoice', { ...example1(token), invoice_identifier: { number: 'INV001', reference_number: '328' } });
		expect(two.data.status).toMatchObject({
			code: CRM_STATUS.INVALID_PARAMETER,
			message: 'invoice_identifier: only one of id, number, reference_number, back_office_code may be specified',
		});

		const without = (key: string) => Object.fromEntries(Object.entries(example1(token)).filter(([k]) => k !== key));
		const noMethod = without('payment_method_identifier');
		const missing = await post('payments/pay_invoice', noMethod);
		expect(missing.data.status).toMatchObject({ code: CRM_STATUS.MISSING_PARAMETER, message: 'Missing mandatory parameter: payment_method_identifier' });

		const noAr = without('accounts_receivable_identifier');
		expect((await post('payments/pay_invoice', noAr)).data.status.code).toBe(CRM_STATUS.MISSING_PARAMETER);
		expect((await post('payments/pay_invoice', { ...noAr, wallet_identifier: { number: 'W0000007376' } })).data.status.code).toBe('OK');

		sim.reset();
		seedCrmComDemo(sim);
		const t2 = await signIn();
		const badDate = await post('payments/pay_invoice', { ...example1(t2), received_on: '14/07/2014' });
		expect(badDate.data.status).toMatchObject({ code: CRM_STATUS.INVALID_PARAMETER });
		expect(badDate.data.status.message).toContain('received_on');
		const badFloat = await post('payments/pay_invoice', { ...example1(t2), udf_float_1: 'abc' });
		expect(badFloat.data.status.message).toContain('udf_float_1');
		const notFound = await post('payments/pay_invoice', { ...example1(t2), invoice_identifier: { number: 'INV404' } });
		expect(notFound.data.status.code).toBe(CRM_STATUS.NOT_FOUND);
		const unknownKey = await post('payments/pay_invoice', { ...example1(t2), card_identifier: { number: '4111' } });
		expect(unknownKey.data.status.code).toBe(CRM_STATUS.INVALID_PARAMETER);
		expect(sim.payments).toHaveLength(0);
	});

	test('a non-JSON body is refused with HTTP 400 in the usual JSON shape', async () => {
		const res = await axios.post<CrmBody>(sim.url('payments/pay_invoice'), '{"token": "x",}', {
			headers: { 'Content-Type': 'application/json' },
			validateStatus: () => true,
			transformRequest: (d: unknown) => d,
		});
		expect(res.status).toBe(400);
		expect(res.data.status.code).toBe(CRM_STATUS.INVALID_REQUEST);
		expect(sim.requests[0].json).toBeUndefined();
	});

	test('invoices/show with invoice_identifier=number=INV001 and fields_set', async () => {
		const token = await signIn();
		const res = await get('invoices/show', { token, invoice_identifier: 'number=INV001' });
		expect(sim.lastRequest?.query).toEqual({ token, invoice_identifier: 'number=INV001' });
		expect(res.data.status.code).toBe('OK');
		expect(res.data.data).toEqual({
			id: '54F3A49F23024C51AFF21B7C728F3549',
			number: 'INV001',
			reference_number: '328',
			back_office_code: null,
			life_cycle_state: 'POSTED',
			total_amount: 225,
			outstanding_amount: 225,
			unsettled_amount: 225,
			due_on: '2014-08-14T00:00:00',
			currency: { code: 'EUR' },
			accounts_receivable: { id: 'A6F1C2D3E4B5A6978812345678ABCDEF', number: '192', name: 'Dina Mika' },
		});
		const paid = await get('invoices/show', { token, invoice_identifier: 'back_office_code=BO-INV002', fields_set: 'outstanding_amount,number' });
		expect(paid.data.data).toEqual({ outstanding_amount: 12.5, number: 'INV002' });
		const none = await get('invoices/show', { token, invoice_identifier: 'number=NOPE' });
		expect(none.data.status.code).toBe(CRM_STATUS.NOT_FOUND);
		const bad = await get('invoices/show', { token, invoice_identifier: 'INV001' });
		expect(bad.data.status.code).toBe(CRM_STATUS.INVALID_PARAMETER);
	});

	test('faults: 429 with Retry-After, malformed JSON, reset', async () => {
		const token = await signIn();
		sim.fail({ kind: 'status', status: 429, retryAfter: 2 });
		const limited = await post('payments/pay_invoice', example1(token));
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('2');

		sim.fail({ kind: 'malformed' });
		const broken = await axios.post(sim.url('payments/pay_invoice'), example1(token), { responseType: 'text', transformResponse: (d: string) => d });
		expect(broken.status).toBe(200);
		expect(() => JSON.parse(broken.data as string)).toThrow();

		sim.fail({ kind: 'reset' });
		await expect(post('payments/pay_invoice', example1(token))).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(sim.payments).toHaveLength(0);
		expect(sim.requestsTo('payments/pay_invoice')).toHaveLength(3);
	});
});
