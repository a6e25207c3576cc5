/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
import { maskPaymentData, normalizeFiscalYear, readCnbsAnswer, readMessages } from '../../nodes/CnbsWebAr/transport';
import { VendorError } from '../../nodes/shared/errors';

test('status: an object, an array or missing; E, A and X are failures, S, W and I are not', () => {
	expect(readMessages({ status: { message_type: 's' } })).toEqual([{ message_type: 'S' }]);
	expect(readMessages({ status: [{ message_type: 'W' }, { message_type: 'I' }] })).toHaveLength(2);
	expect(readMessages({})).toEqual([]);
	expect(readMessages({ status: 'OK' })).toEqual([]);
	for (const type of ['S', 'W', 'I']) expect(() => readCnbsAnswer({ status: { message_type: type } }, 'GET')).not.toThrow();
	for (const type of ['E', 'A', 'X']) {
		const error = (() => {
			try {
				readCnbsAnswer({ status: [{ message_type: 'S' }, { message_type: type, message_identification: '/CNBS/X_API', message_number: 7, message_line_string: 'Refused' }] }, 'GET');
			} catch (caught) {
				return caught;
			}
			return undefined;
		})();
		expect(error).toBeInstanceOf(VendorError);
		expect(error).toMatchObject({ message: 'Refused', details: { code: '/CNBS/X_API 7' } });
	}
	expect(() => readCnbsAnswer('<html>gateway</html>', 'POST')).toThrow(/not a CNBS API answer/);
});

test('the fiscal-year key with a space is read and output once, where it stood', () => {
	expect(normalizeFiscalYear({ a: 1, 'fiscal_year_of_the_relevant invoice': 2017, b: 2 })).toEqual({ a: 1, fiscal_year_of_the_relevant_invoice: 2017, b: 2 });
	expect(Object.keys(normalizeFiscalYear({ a: 1, 'fiscal_year_of_the_relevant invoice': 2017, b: 2 }))).toEqual(['a', 'fiscal_year_of_the_relevant_invoice', 'b']);
	expect(normalizeFiscalYear({ fiscal_year_of_the_relevant_invoice: '', 'fiscal_year_of_the_relevant invoice': 2018 })).toEqual({ fiscal_year_of_the_relevant_invoice: 2018 });
	expect(normalizeFiscalYear({ fiscal_year_of_the_relevant_invoice: 2019 })).toEqual({ fiscal_year_of_the_relevant_invoice: 2019 });
});

test('card tokens keep only their last four characters; CVV and RDFI numbers are masked whole', () => {
	expect(maskPaymentData({ list: [{ payment_card_token: '-E803-1111-1000000000000H', card_validation_code: '123', electronic_check_rdfi_number: '021000021', other: 'x' }] })).toEqual({
		list: [{ payment_card_token: '***000H', card_validation_code: '***', electronic_check_rdfi_number: '***', other: 'x' }],
	});
	expect(maskPaymentData({ payment_card_token: 'short' })).toEqual({ payment_card_token: '***' });
	expect(maskPaymentData({ payment_card_token: '' })).toEqual({ payment_card_token: '' });
});
