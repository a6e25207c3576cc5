import { DateTime } from 'luxon';

import { DATE_FORMATS, formatVendorDate } from '../../nodes/shared/dates';
import { vendorErrorFromHttpFailure, VendorError } from '../../nodes/shared/errors';
import { amountFromVendor, formatAmount, InvalidInputError, parseAmount, subtractAmounts } from '../../nodes/shared/money';
import { maskCardNumber, redactText, redactValue } from '../../nodes/shared/redact';
import { buildSoapEnvelope, readSoapResult } from '../../nodes/shared/soap';

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
