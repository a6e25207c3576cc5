import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, runNode } from '../harness';
import { AdilasSimulator } from '../simulators/adilas';
import { SEED_ADD_PARAMETERS, SEED_RESULTS, SEED_SAMPLE, SEED_SAMPLE_JSON } from './seed';

// A simulator holding the seed's own credentials (PLA-0053 / demo / 1234, payee "3") and invoice 78.
const sim = new AdilasSimulator({
	corpKey: 'PLA-0053',
	userName: 'demo',
	password: '1234',
	payeeIds: ['3'],
	merchantSettingIds: [1, 4],
});

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

function credentials(requestStyle: string): CredentialStore {
	return new CredentialStore({
		adilasApi: { apiUrl: sim.endpointUrl, requestStyle, corpKey: 'PLA-0053', userName: 'demo', password: '1234', payeeId: '3' },
	});
}

describe('adilas call object against the seed sample', () => {
	it.each([
		['formField', 'application/x-www-form-urlencoded'],
		['jsonBody', 'application/json'],
	])('request style %s: the object sent equals the seed JSON key by key, types and order included', async (style, contentType) => {
		const { items, error } = await runNode({ nodeType: 'adilas', parameters: SEED_ADD_PARAMETERS, credentials: credentials(style) });
		expect(error).toBeUndefined();
		expect(sim.requests).toHaveLength(1);
		const [request] = sim.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/web/adilas_api_calls.cfm');
		expect(request.headers['content-type']).toBe(contentType);
		const sentJson =
			style === 'formField' ? new URLSearchParams(request.body).get('call_function_data') ?? '' : request.body;
		if (style === 'formField') expect([...new URLSearchParams(request.body).keys()]).toEqual(['call_function_data']);
		const sent = JSON.parse(sentJson) as Record<string, unknown>;
		for (const [key, value] of Object.entries(SEED_SAMPLE)) {
			expect([key, sent[key], typeof sent[key]]).toEqual([key, value, typeof value]);
		}
		expect(Object.keys(sent)).toEqual(Object.keys(SEED_SAMPLE));
		// Byte for byte: same keys, order, values and JSON types.
		expect(sentJson).toBe(SEED_SAMPLE_JSON);
		expect(sim.calls[0].style).toBe(style);
		// The seed's success answer, read back decoded (the simulator URL-encodes it, the second message twice).
		expect(items[0].json).toMatchObject({
			status: 'paid',
			RET_STATUS: 'ok',
			RET_MAIN_MESSAGE: SEED_RESULTS.ok[0],
			RET_SECOND_MESSAGE: SEED_RESULTS.ok[1],
			INVOICE_NUMBER: 78,
			AMOUNT_PAID: 15,
			amount: '15.00',
		});
		expect(sim.payments).toHaveLength(1);
		expect(sim.invoice(78)?.paid).toBe('15.00');
	});

	it('the dry run shows the same object with the password masked, in the chosen style, and sends nothing', async () => {
		for (const style of ['formField', 'jsonBody']) {
			const { items, error } = await runNode({
				nodeType: 'adilas',
				parameters: { ...SEED_ADD_PARAMETERS, options: { dryRun: true } },
				credentials: credentials(style),
			});
			expect(error).toBeUndefined();
			const request = items[0].json.request as IDataObject;
			expect(items[0].json.status).toBe('dry run');
			expect(request.callObject).toEqual({ ...SEED_SAMPLE, API_USER_PASSWORD: '***' });
			expect(request.url).toBe(sim.endpointUrl);
			expect(request.requestStyle).toBe(style);
			const masked = SEED_SAMPLE_JSON.replace('"API_USER_PASSWORD":"1234"', '"API_USER_PASSWORD":"***"');
			expect(request.body).toBe(style === 'formField' ? `call_function_data=${encodeURIComponent(masked)}` : masked);
			expect(JSON.stringify(items)).not.toContain('1234');
		}
		expect(sim.requests).toHaveLength(0);
	});

	it('keeps text that looks like a number as text where the seed sends text, and amounts as numbers', async () => {
		const { error } = await runNode({
			nodeType: 'adilas',
			parameters: {
				...SEED_ADD_PARAMETERS,
				AMOUNT_PAID: '12.50',
				additionalFields: {
					...SEED_ADD_PARAMETERS.additionalFields,
					PAYMENT_CHECK_NUMBER: '0042',
					ACTUAL_TRANS_NUMBER: 'ch_3Kx9',
					TRANSACTION_NUMBER: '007',
				},
			},
			credentials: credentials('jsonBody'),
		});
		expect(error).toBeUndefined();
		const sent = sim.payments[0].call;
		expect(sent.AMOUNT_PAID).toBe(12.5);
		expect(sent.PAYMENT_CHECK_NUMBER).toBe('0042');
		expect(sent.ACTUAL_TRANS_NUMBER).toBe('ch_3Kx9');
		expect(sent.TRANSACTION_NUMBER).toBe('007');
		expect(sim.calls[0].style).toBe('jsonBody');
		expect(sim.requests[0].body).toContain('"AMOUNT_PAID":12.5,');
	});
});
