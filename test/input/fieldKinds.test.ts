import type { INodeProperties } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { DATE_FORMATS, formatVendorDate } from '../../nodes/shared/dates';
import type { InputKind } from '../../nodes/shared/fieldKinds';
import { kinds, readValue, withKind } from '../../nodes/shared/fieldKinds';
import { escapeXml } from '../../nodes/CloudCommercePro/transport/credential';

const field = (kind: InputKind, more: Partial<INodeProperties> = {}): INodeProperties =>
	withKind(kind, { displayName: 'Payment Reference', name: 'paymentReference', type: 'string', default: '', ...more });
const read = (kind: InputKind, value: unknown, zone = 'America/New_York') => readValue(field(kind), value, zone);

describe('the kinds of nodes/shared/fieldKinds.ts', () => {
	test('free text is returned exactly as written; objects, lists and booleans are refused naming the field', () => {
		expect(read(kinds.text(), '  as written \r\n')).toBe('  as written \r\n');
		expect(() => read(kinds.text(), { a: 1 })).toThrow('Payment Reference must be text, got an object');
		expect(() => read(kinds.text(), ['a', 'b'])).toThrow('Payment Reference must be text, got a list');
		expect(() => read(kinds.text(), true)).toThrow('Payment Reference must be text, got the boolean true');
		expect(() => read(kinds.text({ xml: true }), 'a\u0000b')).toThrow('contains the control character U+0000');
	});

	test('a JS number that JavaScript cannot hold exactly is refused; its digits as text are kept', () => {
		expect(() => read(kinds.digits(20), Number('12345678901234567890'))).toThrow('cannot hold exactly');
		expect(() => read(kinds.number(), 1e21)).toThrow('cannot be sent exactly');
		expect(() => read(kinds.number(), '12345678901234567890')).toThrow('more digits than can be sent exactly');
		expect(read(kinds.digits(20), '12345678901234567890')).toBe('12345678901234567890');
		expect(() => read(kinds.digits(10), '١٢')).toThrow('must be a whole number of at most 10 digits');
	});

	test('identifiers with spaces around them are refused, not trimmed; codes are checked against their list', () => {
		expect(() => read(kinds.identifier(10), ' ID-7 ')).toThrow('has spaces or line breaks around it');
		const transactionType: INodeProperties = {
			displayName: 'Transaction Type',
			name: 'TransactionTypeID',
			type: 'options',
			options: [{ name: 'Invoice', value: 'Invoice' }],
			default: 'Invoice',
		};
		expect(() => readValue(transactionType, 'Refund', 'UTC')).toThrow('Transaction Type must be one of "Invoice", got "Refund"');
		expect(readValue(transactionType, '', 'UTC')).toBe('Invoice');
	});

	test('a JS Date is read in the workflow\'s time zone: 22:30 in New York stays the 22nd', () => {
		const lateEvening = new Date('2021-10-23T02:30:00Z');
		expect(read(kinds.dateTime(), lateEvening)).toBe('2021-10-22T22:30:00');
		expect(read(kinds.date(), lateEvening)).toBe('2021-10-22');
		expect(formatVendorDate(lateEvening, 'Payment Date', DATE_FORMATS.isoDate, 'America/New_York')).toBe('2021-10-22');
		// A luxon DateTime and an ISO string with an offset keep their own wall clock.
		expect(read(kinds.dateTime(), DateTime.fromISO('2021-10-22T23:30:00-05:00', { setZone: true }))).toBe('2021-10-22T23:30:00');
		expect(read(kinds.dateTime(), '2021-10-22T23:30:00-05:00')).toBe('2021-10-22T23:30:00');
	});

	test('03-04-2021 is refused unless the field\'s own format is MM-DD-YYYY; impossible dates and words are refused', () => {
		expect(() => read(kinds.date(), '03-04-2021')).toThrow('must be a date such as 2021-10-22');
		expect(() => formatVendorDate('03-04-2021', 'Payment Date', DATE_FORMATS.isoDate)).toThrow('is not a valid date');
		expect(read(kinds.date(DATE_FORMATS.usDate), '03-04-2021')).toBe('2021-03-04');
		expect(() => read(kinds.date(), '2021-02-30')).toThrow('is not a valid date');
		expect(() => read(kinds.dateTime(), 'soon')).toThrow('must be a date such as');
	});

	test('a CR in XML text is written as a character reference, so that it arrives as written', () => {
		expect(escapeXml('line\r\nbreak <&>')).toBe('line&#13;\nbreak &lt;&amp;&gt;');
	});
});
