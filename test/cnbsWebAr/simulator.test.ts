import axios from 'axios';

import { simulatorForSuite } from './fixtures';
import { SEED_ANSWER_TEXT, SEED_PAYMENT_TEXT, SEED_QUERY, SEED_SYSTEM_ID } from './seed';

const sim = simulatorForSuite();

async function post(path: string, body: string, headers: Record<string, string> = { cnbssysid: SEED_SYSTEM_ID }, query: Record<string, string> = SEED_QUERY) {
	return await axios.post(`${sim.baseUrl}/cnbs/v1/${path}`, body, {
		params: query,
		headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
		validateStatus: () => true,
	});
}

describe('the CNBS simulator over raw HTTP', () => {
	test('the seed payload, sent as the seed cURL sends it, gets the seed answer and pays half of 1400000229', async () => {
		const response = await post('invoices/payments', SEED_PAYMENT_TEXT);
		expect(response.status).toBe(200);
		expect(response.data).toEqual(JSON.parse(SEED_ANSWER_TEXT));
		expect(sim.openAmount('1400000229')).toBe('3500.25');
	});

	test('the same payload again is refused: its open_amount no longer matches', async () => {
		await post('invoices/payments', SEED_PAYMENT_TEXT);
		const again = await post('invoices/payments', SEED_PAYMENT_TEXT);
		expect(again.data.payed).toEqual([]);
		expect(again.data.status[0]).toMatchObject({ message_type: 'E', message_number: 49 });
		expect(sim.payments).toHaveLength(1);
	});

	test('a wrong or missing system ID is refused with HTTP 403 and a CNBS status object; a wrong client by the SAP logon', async () => {
		const wrong = await post('invoices/payments', SEED_PAYMENT_TEXT, { cnbssysid: 'nope' });
		expect(wrong.status).toBe(403);
		expect(wrong.data.status).toMatchObject({ message_type: 'E', message_line_string: 'System ID is not valid for this system' });
		expect((await post('invoices/payments', SEED_PAYMENT_TEXT, {})).status).toBe(403);
		const client = await post('invoices/payments', SEED_PAYMENT_TEXT, { cnbssysid: SEED_SYSTEM_ID }, { ...SEED_QUERY, 'sap-client': '001' });
		expect(client.status).toBe(401);
		expect(sim.payments).toHaveLength(0);
	});

	test('several documents in one request: the valid ones are paid, the others refused by name', async () => {
		const payload = JSON.parse(SEED_PAYMENT_TEXT);
		payload.documents = [
			{ ...payload.documents[0], amount_to_process: 7000.5 },
			{ ...payload.documents[0], document_number_finance: '1400000230', open_amount: 999, amount_to_process: 999 },
		];
		const response = await post('invoices/payments', JSON.stringify(payload));
		expect(response.data.payed.map((entry: { document_number_finance: string }) => entry.document_number_finance)).toEqual(['1400000229']);
		expect(response.data.status.map((message: { message_type: string }) => message.message_type)).toEqual(['S', 'E']);
		expect(response.data.status[1].message_line_string).toContain('Document 1400000230: the open amount has changed');
	});
});
