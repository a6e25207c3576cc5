import axios from 'axios';

import { AdilasSimulator } from '../simulators/adilas';
import { SEED_RESULTS, SEED_SAMPLE } from './seed';

describe('adilas simulator over HTTP', () => {
	const sim = new AdilasSimulator({ corpKey: 'PLA-0053', userName: 'demo', password: '1234', payeeIds: ['3'], merchantSettingIds: [4] });
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

	const post = async (call: Record<string, unknown>, style: 'form' | 'json') => {
		const response =
			style === 'form'
				? await axios.post(sim.endpointUrl, `call_function_data=${encodeURIComponent(JSON.stringify(call))}`, {
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						responseType: 'text',
					})
				: await axios.post(sim.endpointUrl, JSON.stringify(call), { headers: { 'content-type': 'application/json' }, responseType: 'text' });
		return { status: response.status, contentType: String(response.headers['content-type']), body: String(response.data) };
	};

	it('takes the seed sample in both styles and answers ok, URL-encoded, as text/html JSON', async () => {
		for (const style of ['form', 'json'] as const) {
			const answer = await post(SEED_SAMPLE, style);
			expect(answer.contentType).toContain('text/html');
			expect(answer.body.startsWith('\r\n')).toBe(true);
			const json = JSON.parse(answer.body) as Record<string, string>;
			expect(json.RET_STATUS).toBe('ok');
			expect(json.RET_MAIN_MESSAGE).toBe(encodeURIComponent(SEED_RESULTS.ok[0]));
			expect(json.RET_SECOND_MESSAGE).toBe(encodeURIComponent(encodeURIComponent(SEED_RESULTS.ok[1])));
		}
		expect(sim.payments.map((payment) => [payment.invoiceNumber, payment.amount, payment.processedById])).toEqual([
			[78, '15.00', 178],
			[78, '15.00', 178],
		]);
		expect(sim.invoice(78)?.paid).toBe('30.00');
	});

	it.each([
		['dataIn', { MERCHANT_SETTING_ID: 9 }],
		['dataIn', { CORP_ID: 54 }],
		['dataIn2', { TRANSACTION_DATE: '03/24/2015' }],
		['db', { AMOUNT_PAID: 'fifteen' }],
		['login', { API_USER_PASSWORD: '12345' }],
		['payee', { API_CURRENT_PAYEE_ID: '4' }],
		['permission', { API_CALL_FUNCTION_NAME: 'deleteInvoice' }],
	])('answers %s for %j', async (status, change) => {
		const answer = await post({ ...SEED_SAMPLE, ...change }, 'json');
		expect((JSON.parse(answer.body) as Record<string, string>).RET_STATUS).toBe(status);
		expect(sim.payments).toHaveLength(0);
	});

	it('answers zero for an invoice without an amount', async () => {
		sim.addInvoice({ invoiceNumber: 90 });
		const answer = await post({ ...SEED_SAMPLE, INVOICE_NUMBER: 90 }, 'form');
		expect(JSON.parse(answer.body)).toMatchObject({ RET_STATUS: 'zero' });
	});
});
