import axios from 'axios';

import { findInvoiceNumber } from '../../nodes/Adilas/actions/invoice/start.operation';
import { decodeAdilasText, decodeAdilasValues, parseAdilasAnswer, readAdilasResult } from '../../nodes/Adilas/transport';
import { AdilasSimulator } from '../simulators/adilas';
import { SEED_RESULTS, SEED_SAMPLE } from './seed';

describe('reading adilas answers', () => {
	it('URL-decodes string values, repeatedly where they were encoded more than once', () => {
		expect(decodeAdilasText('Successfully%20added')).toBe('Successfully added');
		expect(decodeAdilasText(encodeURIComponent(encodeURIComponent('A & B 100%')))).toBe('A & B 100%');
		expect(decodeAdilasText(encodeURIComponent(encodeURIComponent(encodeURIComponent('x/y?z'))))).toBe('x/y?z');
		// Form encoding: "+" is a space when the text has escapes and no space.
		expect(decodeAdilasText('Unable+to+record%2E')).toBe('Unable to record.');
		// Plain text is left alone: a "+" in a phone number, a lone "%".
		expect(decodeAdilasText('+1 555 0100')).toBe('+1 555 0100');
		expect(decodeAdilasText('50% off')).toBe('50% off');
		expect(decodeAdilasText('bad %E0%A4%A escape')).toBe('bad %E0%A4%A escape');
		expect(decodeAdilasValues({ A: ['x%20y', { B: 'p%2520q', N: 5 }], C: null })).toEqual({ A: ['x y', { B: 'p q', N: 5 }], C: null });
	});

	it('parses JSON padded with whitespace or a BOM, and reports an HTML page or other text clearly', () => {
		expect(parseAdilasAnswer('\uFEFF\r\n\t{"RET_STATUS":"ok"}\r\n')).toEqual({ RET_STATUS: 'ok' });
		expect(parseAdilasAnswer('debug line\n{"RET_STATUS":"ok"}\n<!-- 12ms -->')).toEqual({ RET_STATUS: 'ok' });
		expect(() => parseAdilasAnswer('<html><title>Error Occurred</title></html>')).toThrow(/HTML page.*Error Occurred/);
		expect(() => parseAdilasAnswer('')).toThrow(/not JSON \(empty\)/);
		expect(() => parseAdilasAnswer('[1,2]')).toThrow(/not an adilas API answer/);
	});

	it('ok and success are successes; any other status fails with both messages and the status as code', () => {
		expect(readAdilasResult({ RET_STATUS: 'success', X: 'a%20b' }, 'x')).toEqual({ RET_STATUS: 'success', X: 'a b' });
		expect(readAdilasResult({ RET_STATUS: 'OK' }, 'x').RET_STATUS).toBe('OK');
		expect(() => readAdilasResult({ RET_STATUS: 'somethingNew', RET_MAIN_MESSAGE: 'Nope%2E' }, 'x')).toThrow('Nope.');
		try {
			readAdilasResult({ RET_STATUS: 'zero', RET_MAIN_MESSAGE: SEED_RESULTS.zero[0], RET_SECOND_MESSAGE: SEED_RESULTS.zero[1] }, 'addInvoicePayment');
			throw new Error('no error');
		} catch (error) {
			expect((error as Error).message).toBe(SEED_RESULTS.zero.join(' '));
			expect((error as { details: { code: string; description: string } }).details).toMatchObject({
				code: 'zero',
				description: expect.stringContaining('start the invoice with an amount first'),
			});
		}
		expect(() => readAdilasResult({ hello: 'world' }, 'x')).toThrow(/no RET_STATUS/);
	});

	it('finds a new invoice number under the known keys, at the top or nested, and ignores other IDs', () => {
		expect(findInvoiceNumber({ RET_STATUS: 'ok', MAIN_INVOICE_ID: 81 })).toEqual({ value: '81', key: 'MAIN_INVOICE_ID' });
		expect(findInvoiceNumber({ main_invoice_number: '0082' })).toEqual({ value: '82', key: 'main_invoice_number' });
		expect(findInvoiceNumber({ DATA_ARRAY: [{ CUSTOMER_ID: 1, INVOICE_CREATED_BY_ID: 178, INVOICE_ID: 83 }] })).toEqual({
			value: '83',
			key: 'DATA_ARRAY[0].INVOICE_ID',
		});
		expect(findInvoiceNumber({ CUSTOMER_ID: 1, INVOICE_TYPE_ID: 2, INVOICE_CREATED_BY_ID: 178 })).toBeUndefined();
		expect(findInvoiceNumber({ INVOICE_NUMBER: 0 })).toBeUndefined();
	});
});

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
