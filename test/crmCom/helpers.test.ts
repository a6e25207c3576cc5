import { isDuplicateBackOfficeCode, nothingOutstanding } from '../../nodes/CrmCom/helpers/payment';
import { INVOICE, PAYMENT_PREFERENCE } from '../../nodes/CrmCom/actions/common.descriptions';
import { VendorError, InvalidInputError } from '../../nodes/shared/errors';
import { identifierModes, identifierQueryValue, readIdentifier } from '../../nodes/CrmCom/helpers/identifier';

describe('duplicate back office codes', () => {
	test.each([
		['DUPLICATE_BACK_OFFICE_CODE', 'anything', true],
		['INVALID_PARAMETER', 'back_office_code PAY-1 already exists', true],
		['GENERAL', 'A payment with this back office code already exists', true],
		['DUPLICATE_ENTRY', 'back_office_code must be unique', true],
		['NOT_FOUND', 'Invoice not found', false],
		['INVOICE_ALREADY_PAID', 'Invoice INV003 has no outstanding amount', false],
	])('%s "%s" → %s', (code, message, expected) => {
		expect(isDuplicateBackOfficeCode(new VendorError(message, { code }))).toBe(expected);
	});
});

describe('outstanding amounts', () => {
	test('zero (number or text) is nothing outstanding; anything above is not', () => {
		expect(nothingOutstanding({ outstanding_amount: 0 })).toBe(true);
		expect(nothingOutstanding({ outstanding_amount: '0.00' })).toBe(true);
		expect(nothingOutstanding({ outstanding_amount: 0.01 })).toBe(false);
		expect(nothingOutstanding({ outstanding_amount: '0.001' })).toBe(false);
		expect(() => nothingOutstanding({})).toThrow('had no outstanding_amount');
	});
});

describe('identifier resource locators (nodes/shared/identifier.ts)', () => {
	test('one mode per key, named by the key, nested keys joined with a dot, then JSON', () => {
		expect(identifierModes(INVOICE).map((mode) => mode.name)).toEqual([
			'id',
			'number',
			'reference_number',
			'back_office_code',
			'json',
		]);
		expect(identifierModes(PAYMENT_PREFERENCE).map((mode) => mode.name)).toEqual([
			'id',
			'payment_preference_identifier.id',
			'payment_preference_identifier.name',
			'payment_preference_identifier.alternative_code',
			'payment_medium_identifier',
			'bank_account_number',
			'json',
		]);
		expect(identifierModes(INVOICE).at(-1)?.placeholder).toBe('{"number":"INV001"}');
		expect(identifierModes(INVOICE).map((mode) => mode.displayName)).toEqual(['ID', 'Number', 'Ref No.', 'BO', 'JSON']);
		expect(identifierModes(INVOICE)[2].hint).toBe("By the invoice's Reference Number (reference_number)");
	});

	test('values are read into one-key objects; empty is "not set" unless required', () => {
		// Spaces around an identifier are refused, not trimmed: what is sent is what was written.
		expect(() => readIdentifier({ __rl: true, mode: 'number', value: ' INV001 ' }, INVOICE)).toThrow('invoice_identifier.number has spaces around it');
		expect(readIdentifier({ __rl: true, mode: 'id', value: 42 }, INVOICE)).toEqual({ id: '42' });
		expect(
			readIdentifier({ __rl: true, mode: 'payment_preference_identifier.name', value: 'DD' }, PAYMENT_PREFERENCE),
		).toEqual({ payment_preference_identifier: { name: 'DD' } });
		expect(readIdentifier({ __rl: true, mode: 'json', value: { number: 'A', id: null, reference_number: '' } }, INVOICE)).toEqual({
			number: 'A',
		});
		expect(readIdentifier({ __rl: true, mode: 'number', value: '' }, INVOICE)).toBeUndefined();
		expect(readIdentifier(undefined, INVOICE)).toBeUndefined();
		expect(() => readIdentifier({ __rl: true, mode: 'number', value: '' }, INVOICE, { required: true })).toThrow(
			InvalidInputError,
		);
		expect(() => readIdentifier({ __rl: true, mode: 'name', value: 'x' }, INVOICE)).toThrow(
			'invoice_identifier: unknown mode "name"; use one of id, number, reference_number, back_office_code, json',
		);
		expect(() => readIdentifier({ __rl: true, mode: 'json', value: '["number"]' }, INVOICE)).toThrow(
			/^invoice_identifier must be an object with exactly one of/,
		);
		expect(() => readIdentifier({ __rl: true, mode: 'json', value: '{"number":true}' }, INVOICE)).toThrow(
			'invoice_identifier.number must be text, got true',
		);
	});

	test('a GET writes an identifier as key=value', () => {
		expect(identifierQueryValue({ number: 'INV001' }, 'invoice_identifier')).toBe('number=INV001');
		expect(() => identifierQueryValue({ payment_preference_identifier: { id: '1' } }, 'x')).toThrow(InvalidInputError);
	});
});
