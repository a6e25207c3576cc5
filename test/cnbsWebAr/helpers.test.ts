import type { IDataObject } from 'n8n-workflow';

import type { CnbsDocument } from '../../nodes/CnbsWebAr/helpers/document';
import { buildPaymentBody, mapPayed, STALE_MESSAGE } from '../../nodes/CnbsWebAr/helpers/payment';
import { readDocument } from '../../nodes/CnbsWebAr/helpers/document';
import { readCnbsAnswer, readMessages } from '../../nodes/CnbsWebAr/transport';
import { SEED_ANSWER_TEXT, SEED_PAYMENT_TEXT } from './seed';

const seedDocument: CnbsDocument = readDocument({
	document_number_finance: '1400000229',
	line_item_in_the_relevant_invoice: 1,
	fiscal_year_of_the_relevant_invoice: '2017',
	open_amount: '7000.50',
	currency_key: 'USD',
	amount: 'given',
	amount_to_process: 3500.25,
	additionalFields: { reason_code: '01', comment: '50% payment' },
});

test('the payment body built from the seed values is, text for text, the seed payload without its line breaks', () => {
	const detail = JSON.parse(SEED_PAYMENT_TEXT).payment_detail as IDataObject;
	const body = buildPaymentBody({ customer_number: '3000', company_code: '3000' }, detail as never, [seedDocument]);
	expect(body).toBe(SEED_PAYMENT_TEXT.replace(/\n/g, '').replace(/": /g, '":'));
});

test('the seed answer maps to the seed document as paid, with its authorization', () => {
	const answer = JSON.parse(SEED_ANSWER_TEXT) as IDataObject;
	const { messages } = readCnbsAnswer(answer, 'POST', true);
	const [outcome] = mapPayed([seedDocument], answer, messages);
	expect(outcome).toEqual({ paid: true, payed: (answer.payed as IDataObject[])[0] });
});

test('payed entries match by number (leading zeros aside) and fiscal year; a refusal naming the document is its error', () => {
	const other = { ...seedDocument, document_number_finance: '1400000230' };
	const third = { ...seedDocument, document_number_finance: '1400000231' };
	const answer = {
		payed: [{ document_number_finance: '01400000229', 'fiscal_year_of_the_relevant invoice': '2017', authorization_number: 'A' }],
		status: [
			{ message_type: 'E', message_identification: '/CNBS/X_API', message_number: 49, message_line_string: 'Document 1400000230: open amount does not match SAP' },
			{ message_type: 'X', message_identification: '/CNBS/X_API', message_number: 52, message_line_string: 'Document 14000002310: card declined' },
		],
	};
	const [first, second, last] = mapPayed([seedDocument, other, third], answer, readMessages(answer));
	expect(first.paid).toBe(true);
	expect(second).toMatchObject({ paid: false, error: { message: STALE_MESSAGE, details: { code: '/CNBS/X_API 49' } } });
	// No message names 1400000231 as a whole word: every error message is its reason.
	expect(last.paid).toBe(false);
	expect(!last.paid && last.error.message).toBe('Document 1400000230: open amount does not match SAP\nDocument 14000002310: card declined');
});
