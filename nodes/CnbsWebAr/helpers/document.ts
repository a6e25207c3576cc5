import type { IDataObject } from 'n8n-workflow';

import { optionalText, requireText, textOnly } from '../../shared/input';
import type { Amount } from '../../shared/money';
import { formatAmount, parseAmount } from '../../shared/money';
import { InvalidInputError } from '../../shared/errors';
import { FISCAL_YEAR } from '../transport';
import type { PayerData, PaymentDetail } from './payment';
import type { RunOptions } from './utils';
import { amountField, wholeNumber } from './utils';

/** One document of a payment request, in the seed's key order. */
export interface CnbsDocument {
	document_number_finance: string;
	line_item_in_the_relevant_invoice: number;
	fiscal_year_of_the_relevant_invoice: number;
	open_amount: Amount;
	amount_to_process: Amount;
	currency_key: string;
	reason_code: string;
	reference_number: string;
	comment: string;
}

/** One input item, read and checked. */
export interface PaymentItem {
	itemIndex: number;
	payer: PayerData;
	detail: PaymentDetail;
	document: CnbsDocument;
	options: RunOptions;
	/** Options > Maximum Amount, as read and checked. */
	maximumAmount?: unknown;
}

/** The parameters of one item, as the node's fields hold them. */
export interface PaymentItemParameters {
	document_number_finance: unknown;
	line_item_in_the_relevant_invoice: unknown;
	fiscal_year_of_the_relevant_invoice: unknown;
	open_amount: unknown;
	currency_key: unknown;
	amount: unknown;
	amount_to_process?: unknown;
	additionalFields?: IDataObject;
}

/** A document number as SAP keys it: digits without leading zeros compare equal. */
export function documentKey(number: unknown): string {
	const text = String(number ?? '').trim();
	return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : text;
}

/** The item's document has nothing open and the amount is the open amount: nothing to pay. */
export class NothingOpen extends Error {
	constructor(readonly documentNumber: unknown) {
		super('open_amount is 0.00: nothing to pay');
	}
}

/** Reads and checks one item's document. Throws InvalidInputError naming the field. */
export function readDocument(parameters: PaymentItemParameters): CnbsDocument {
	const extra = parameters.additionalFields ?? {};
	const number = requireText(parameters.document_number_finance, 'document_number_finance');
	if (!/^[A-Za-z0-9]{1,10}$/.test(number)) {
		throw new InvalidInputError(
			'document_number_finance',
			`document_number_finance must be up to 10 letters or digits, got "${number}"`,
		);
	}
	const openText = String(parameters.open_amount ?? '').trim();
	if (openText === '') throw new InvalidInputError('open_amount', 'open_amount is required');
	if (openText.startsWith('-')) {
		throw new InvalidInputError('open_amount', `open_amount must not be negative (a credit cannot be paid), got ${openText}`);
	}
	const open = parseAmount(openText, 'open_amount', { allowZero: true });
	const mode = String(parameters.amount ?? 'openAmount');
	if (mode !== 'openAmount' && mode !== 'given') {
		throw new InvalidInputError('amount', `amount must be openAmount or given, got "${mode}"`);
	}
	if (mode === 'openAmount' && open.minor === 0n) {
		throw new NothingOpen(parameters.document_number_finance);
	}
	const amount = mode === 'given' ? amountField(parameters.amount_to_process, 'amount_to_process') : open;
	const currency = requireText(parameters.currency_key, 'currency_key');
	if (!/^[A-Z]{3}$/.test(currency)) {
		throw new InvalidInputError('currency_key', `currency_key must be a three-letter currency code in capitals, such as USD, got "${currency}"`);
	}
	return {
		document_number_finance: number,
		line_item_in_the_relevant_invoice: wholeNumber(parameters.line_item_in_the_relevant_invoice, 'line_item_in_the_relevant_invoice'),
		fiscal_year_of_the_relevant_invoice: wholeNumber(parameters.fiscal_year_of_the_relevant_invoice, FISCAL_YEAR, { digits: 4 }),
		open_amount: open,
		amount_to_process: amount,
		currency_key: currency,
		reason_code: optionalText(textOnly(extra.reason_code, 'reason_code')) ?? '',
		reference_number: optionalText(textOnly(extra.reference_number, 'reference_number')) ?? '',
		comment: optionalText(textOnly(extra.comment, 'comment')) ?? '',
	};
}

export function documentLabel(document: CnbsDocument): string {
	return `${document.document_number_finance} (fiscal year ${document.fiscal_year_of_the_relevant_invoice}, line ${document.line_item_in_the_relevant_invoice})`;
}

export function documentOutput(item: PaymentItem): IDataObject {
	const { document, payer } = item;
	return {
		document_number_finance: document.document_number_finance,
		line_item_in_the_relevant_invoice: document.line_item_in_the_relevant_invoice,
		[FISCAL_YEAR]: document.fiscal_year_of_the_relevant_invoice,
		customer_number: payer.customer_number,
		company_code: payer.company_code,
		open_amount: formatAmount(document.open_amount),
		amount_to_process: formatAmount(document.amount_to_process),
		currency_key: document.currency_key,
	};
}
