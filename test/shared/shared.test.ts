/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error -- test code: runs in Node and jest, never ships to n8n */
import { DateTime } from 'luxon';

import { DATE_FORMATS, formatVendorDate } from '../../nodes/shared/dates';
import { vendorErrorFromHttpFailure, VendorError, InvalidInputError } from '../../nodes/shared/errors';
import { amountFromVendor, amountsAsText, amountText, formatAmount, parseAmount, subtractAmounts } from '../../nodes/shared/money';
import { maskCardNumber, maskCardNumbers, passesLuhn, redactText, redactValue } from '../../nodes/shared/redact';
import { buildSoapEnvelope } from '../../nodes/CloudCommercePro/transport/credential';
import { readSoapResult } from '../../nodes/CloudCommercePro/transport/soap';

function inputError(fn: () => unknown): InvalidInputError {
	try {
		fn();
	} catch (error) {
		if (error instanceof InvalidInputError) return error;
		throw error;
	}
	throw new Error('expected an InvalidInputError');
}

describe('money', () => {
	it('writes an amount a vendor answered as a number as a decimal string, nothing else', () => {
		expect([225, 12.5, 3500.25, 0.0725, -3, 0].map(amountText)).toEqual(['225.00', '12.50', '3500.25', '0.0725', '-3.00', '0.00']);
		expect([1e21, Number.NaN, '12', null].map(amountText)).toEqual([1e21, Number.NaN, '12', null]);
		expect(amountsAsText({ payment_amount: 225, Amount: 30, amount_to_process: '7.00', count: 3, nested: { amount: 1 } })).toEqual({
			payment_amount: '225.00',
			Amount: '30.00',
			amount_to_process: '7.00',
			count: 3,
			nested: { amount: 1 },
		});
	});

	it.each([
		['12', '12.00'],
		['12.5', '12.50'],
		[12.1, '12.10'],
		['0.01', '0.01'],
		['+7.00', '7.00'],
		['123456789012345.99', '123456789012345.99'],
	])('reads %p as %s', (value, expected) => {
		expect(formatAmount(parseAmount(value, 'amount'))).toBe(expected);
	});

	it.each([
		['0', 'greater than zero'],
		['-1.00', 'must be positive'],
		['1.234', 'more than 2 decimal places'],
		['12,00', 'decimal amount'],
		['abc', 'decimal amount'],
		['', 'is required'],
		[Number.NaN, 'must be a number'],
	])('refuses %p naming the field', (value, why) => {
		const error = inputError(() => parseAmount(value, 'dbPaymentAmount'));
		expect(error.field).toBe('dbPaymentAmount');
		expect(error.message).toContain('dbPaymentAmount');
		expect(error.message).toContain(why);
	});

	it('subtracts without float error (0.3 - 0.1 is 0.20)', () => {
		const open = subtractAmounts(amountFromVendor('0.30', 'a'), amountFromVendor(0.1, 'b'));
		expect(formatAmount(open)).toBe('0.20');
	});
});

describe('dates', () => {
	it('keeps the written day and time whatever the offset', () => {
		expect(formatVendorDate('2021-10-22T23:30:00-05:00', 'd', DATE_FORMATS.isoLocalDateTime)).toBe('2021-10-22T23:30:00');
		expect(formatVendorDate('2021-10-22T00:15:00+09:00', 'd', DATE_FORMATS.usDate)).toBe('10-22-2021');
		expect(formatVendorDate('2021-10-22', 'd', DATE_FORMATS.isoLocalDateTime)).toBe('2021-10-22T00:00:00');
	});

	it('accepts a luxon DateTime from an expression', () => {
		const value = DateTime.fromISO('2015-03-24T11:54:00', { zone: 'America/Denver' });
		expect(formatVendorDate(value, 'd', DATE_FORMATS.isoDateSpaceTime)).toBe('2015-03-24 11:54:00');
	});

	it('refuses an impossible date naming the field', () => {
		const error = inputError(() => formatVendorDate('2021-02-30', 'dtPaymentDate', DATE_FORMATS.isoLocalDateTime));
		expect(error.message).toContain('dtPaymentDate');
	});
});

describe('redaction', () => {
	it('masks secrets, also URL-encoded, and keeps only the last 4 card digits', () => {
		expect(redactText('hash=ab/cd+ef and ab%2Fcd%2Bef', ['ab/cd+ef'])).toBe('hash=*** and ***');
		expect(maskCardNumber('4111 1111 1111 1111')).toBe('************1111');
		expect(redactValue({ a: ['card 4111111111111111'] }, [])).toEqual({ a: ['card ************1111'] });
	});

	it('masks card numbers that pass the Luhn check, plain, grouped, glued to text or URL-encoded, and nothing else', () => {
		expect(passesLuhn('4012888888881881')).toBe(true);
		expect(passesLuhn('4111111111193231')).toBe(false);
		expect(maskCardNumbers('ref PAY4012888888881881X, 4012 8888 8888 1881, 4012-8888-8888-1881')).toBe(
			'ref PAY************1881X, ************1881, ************1881',
		);
		expect(maskCardNumbers('invoice 12 4012888888881881')).toBe('invoice 12 ************1881');
		expect(maskCardNumbers('%22notes%22%3A%224012%208888%208888%201881%22')).toBe('%22notes%22%3A%22************1881%22');
		expect(maskCardNumbers('%3A4012888888881881%2C')).toBe('%3A************1881%2C');
		// Not cards: a 13-digit timestamp failing Luhn, a 20-digit identifier, a seed card failing Luhn.
		expect(maskCardNumbers('1733238000000 12345678901234567890 4111111111193231')).toBe('1733238000000 12345678901234567890 4111111111193231');
		// Digits inside a hexadecimal identifier are part of it (EVO's InvoiceReferenceId).
		expect(maskCardNumbers('3F655073614773765E55E233355E4F5F')).toBe('3F655073614773765E55E233355E4F5F');
		// Digits inside a UUID (an idempotency key) are part of it, however its all-digit groups fall...
		expect(maskCardNumbers('key e3d84432-6518-4840-ba0c-beecd42f1b11-a')).toBe('key e3d84432-6518-4840-ba0c-beecd42f1b11-a');
		// ...and a grouped card next to UUID-like text is still a card.
		expect(maskCardNumbers('x 4012-8888-8888-1881-ba0c-beecd42f1b11')).toBe('x ************1881-ba0c-beecd42f1b11');
		expect(redactValue({ n: 4012888888881881, id: 42 }, [])).toEqual({ n: '************1881', id: 42 });
	});

	it('leaves every UUID as it is, also with an item index after it, and still masks a card beside one', () => {
		// A seeded generator: the same 50,000 UUIDs each run, so a failure can be reproduced.
		let state = 0x2393df6f;
		const nextHex = () => {
			state = (Math.imul(state, 1103515245) + 12345) >>> 0;
			return (state >>> 16).toString(16).padStart(4, '0');
		};
		const uuid = () => {
			const hex = Array.from({ length: 8 }, nextHex).join('');
			return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
		};
		const changed: string[] = [];
		for (let index = 0; index < 50_000; index++) {
			const key = uuid();
			for (const text of [key, `${key}-${index % 10}`, `${key}-${index}`, `${key} ${index % 10}`, `${uuid()}:${key}`]) {
				if (maskCardNumbers(text) !== text) changed.push(text);
			}
		}
		expect(changed).toEqual([]);
		// The key a CI run once saw masked: Idempotency Key "<event ID>-<item index>".
		expect(maskCardNumbers('2393df6f-5b70-464b-a096-024655814862-0')).toBe('2393df6f-5b70-464b-a096-024655814862-0');
		expect(maskCardNumbers('2393df6f-5b70-464b-a096-024655814862-4012888888881881')).toBe('2393df6f-5b70-464b-a096-024655814862-************1881');
		expect(maskCardNumbers('4012 8888 8888 1881-2393df6f-5b70-464b-a096-024655814862')).toBe('************1881-2393df6f-5b70-464b-a096-024655814862');
	});

	it('masks a secret in its Base64 forms, wherever it stands in what was encoded (HTTP Basic)', () => {
		const token = 'session-token-7f3a9c';
		const b64 = (text: string) => Buffer.from(text).toString('base64');
		for (const encoded of [b64(token), b64(`${token}:`), b64(`:${token}`), b64(`user:${token}`), encodeURIComponent(b64(`${token}:`))]) {
			const masked = redactText(`Authorization: Basic ${encoded}`, [token]);
			expect(masked).toContain('***');
			expect(masked).not.toContain(encoded);
		}
		expect(redactText(`a=${encodeURIComponent(encodeURIComponent('p@ss word!'))}&b=${new URLSearchParams({ s: 'p@ss word!' }).toString().slice(2)}`, ['p@ss word!'])).toBe('a=***&b=***');
	});

	it('masks a secret literally: pattern characters, every occurrence, secrets of 4+ characters only', () => {
		expect(redactText('a$1.*(b)|[c]?^ then a$1.*(b)|[c]?^ again', ['a$1.*(b)|[c]?^'])).toBe('*** then *** again');
		expect(redactText('$&$&x', ['$&$&'])).toBe('***x');
		expect(redactText('abc abcd', ['abc', 'abcd', undefined])).toBe('abc ***');
		expect(redactText('card 4111-1111-1111-1111, order 12345', [])).toBe('card ************1111, order 12345');
	});
});

describe('SOAP', () => {
	it('escapes values and reads a Fault as a vendor error', () => {
		const xml = buildSoapEnvelope('Op', [['text', `<a & "b" 'c'>`]], { namespace: 'urn:x', prefix: 'x' });
		expect(xml).toContain('<x:text>&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;</x:text>');
		const fault = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>a:ActionNotSupported</faultcode><faultstring xml:lang="en-GB">No such action</faultstring></s:Fault></s:Body></s:Envelope>`;
		expect(() => readSoapResult(fault, 'Op')).toThrow('SOAP Fault: No such action');
		expect(() => readSoapResult('<s:Envelope><s:Body>', 'Op')).toThrow(/not valid XML/);
	});

	it('turns an HTML error page into a readable vendor error', () => {
		const error = vendorErrorFromHttpFailure(
			{ message: 'Request failed', response: { status: 502, data: '<html><head><title>502 Bad Gateway</title></head></html>' } },
			() => undefined,
		);
		expect(error).toBeInstanceOf(VendorError);
		expect(error.message).toBe('HTTP 502, an HTML page instead of an API answer: 502 Bad Gateway');
	});
});
