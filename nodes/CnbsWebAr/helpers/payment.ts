import type { IDataObject, ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { optionalText, requireText } from '../../shared/input';
import { InvalidInputError, VendorError } from '../../shared/errors';
import { compareAmounts, formatAmount } from '../../shared/money';
import { ACCOUNT_TYPES, ADDRESS_FIELDS, PAYMENT_METHODS } from '../actions/common.descriptions';
import { requireCnbsDate } from './utils';
import { jsonDecimal, toJsonText } from '../../shared/jsonText';
import { overpaymentAllowed, partialPaymentsAllowed } from './customizing';
import type { CnbsMessage } from '../transport';
import { callCnbs, FISCAL_YEAR, isFailureMessage, messageCode, messageText } from '../transport';
import { CnbsDocument, documentKey, documentLabel } from './document';

export interface PayerData extends IDataObject {
	customer_number: string;
	company_code: string;
}

export interface PaymentDetail extends IDataObject {
	payment_method: string;
	payment_card_type: string;
	payment_card_token: string;
	payment_card_name: string;
	valid_to: string;
	card_validation_code: string;
	electronic_check_account_type: string;
	electronic_check_rdfi_number: string;
	address_data: IDataObject;
}

/** A field's value by its wire name (customer_number, payment_method, ...). */
export type FieldValue = (name: string) => unknown;

export function payerDataFrom(param: FieldValue): PayerData {
	return {
		customer_number: requireText(param('customer_number'), 'Payer'),
		company_code: requireText(param('company_code'), 'Company Code'),
	};
}

/** Payer data from the item's fields as `readFields` checked them. */
export function readPayerData(input: IDataObject): PayerData {
	return payerDataFrom((name) => input[name]);
}

/** The payment detail fields as the CNBS WebAR node shows them (errors name a field so). */
export const DETAIL_FIELD_NAMES: Record<string, string> = {
	payment_method: 'Payment Method',
	payment_card_type: 'Card Type',
	payment_card_token: 'Card Token',
	payment_card_name: 'Card Name',
	valid_to: 'Valid To',
	card_validation_code: 'Card Validation Code',
	electronic_check_account_type: 'Account Type',
	electronic_check_rdfi_number: 'RDFI Number',
};

const CARD_FIELDS = ['payment_card_type', 'payment_card_token', 'payment_card_name', 'valid_to', 'card_validation_code'];
const CHECK_FIELDS = ['electronic_check_rdfi_number'];

/**
 * payment_detail with every key of the seed, in its order; the fields of the other payment method
 * are sent empty, as CNBS's example does. A field of the other method that was given is refused
 * (it would be dropped). `names`: the fields' names as the calling node shows them.
 */
export function paymentDetailFrom(param: FieldValue, address: IDataObject, names: Record<string, string> = DETAIL_FIELD_NAMES): PaymentDetail {
	const method = String(param('payment_method') ?? '');
	if (!(PAYMENT_METHODS as readonly string[]).includes(method)) {
		throw new InvalidInputError(
			names.payment_method,
			`${names.payment_method} must be CC (card) or EC (e-check), got "${String(param('payment_method'))}"`,
		);
	}
	const otherMethod = method === 'CC' ? CHECK_FIELDS : CARD_FIELDS;
	const given = otherMethod.find((name) => optionalText(param(name)) !== undefined);
	if (given !== undefined) {
		throw new InvalidInputError(
			names[given],
			`${names[given]} is for ${method === 'CC' ? 'e-check (EC)' : 'card (CC)'} payments, and this payment is by ${method}: clear ${names[given]} or change the payment method`,
		);
	}
	const address_data = Object.fromEntries(ADDRESS_FIELDS.map(([name]) => [name, optionalText(address[name]) ?? '']));
	if (method === 'CC') {
		const cvv = optionalText(param('card_validation_code')) ?? '';
		if (cvv !== '' && !/^\d{3,4}$/.test(cvv)) {
			throw new InvalidInputError(names.card_validation_code, `${names.card_validation_code} must be 3 or 4 digits`);
		}
		return {
			payment_method: method,
			payment_card_type: requireText(param('payment_card_type'), names.payment_card_type),
			payment_card_token: requireText(param('payment_card_token'), names.payment_card_token),
			payment_card_name: optionalText(param('payment_card_name')) ?? '',
			valid_to: requireCnbsDate(param('valid_to'), names.valid_to),
			card_validation_code: cvv,
			electronic_check_account_type: '',
			electronic_check_rdfi_number: '',
			address_data,
		};
	}
	const accountType = requireText(param('electronic_check_account_type'), names.electronic_check_account_type);
	if (!(ACCOUNT_TYPES as readonly string[]).includes(accountType)) {
		throw new InvalidInputError(
			names.electronic_check_account_type,
			`${names.electronic_check_account_type} must be C (consumer checking), S (consumer savings) or X (corporate checking), got "${accountType}"`,
		);
	}
	const rdfi = requireText(param('electronic_check_rdfi_number'), names.electronic_check_rdfi_number);
	if (!/^\d+$/.test(rdfi)) {
		throw new InvalidInputError(names.electronic_check_rdfi_number, `${names.electronic_check_rdfi_number} must be digits only`);
	}
	return {
		payment_method: method,
		payment_card_type: '',
		payment_card_token: '',
		payment_card_name: '',
		valid_to: '',
		card_validation_code: '',
		electronic_check_account_type: accountType,
		electronic_check_rdfi_number: rdfi,
		address_data,
	};
}

/** Payment detail from the item's fields as `readFields` checked them. */
export function readPaymentDetail(input: IDataObject): PaymentDetail {
	return paymentDetailFrom((name) => input[name], (input.address_data ?? {}) as IDataObject);
}

/** The payment data of a request that must never be shown: masked in every error. */
export function paymentSecretsOf(detail: PaymentDetail): string[] {
	return [detail.payment_card_token, detail.card_validation_code, detail.electronic_check_rdfi_number];
}

export const PAYMENTS_PATH = 'invoices/payments';

/** What a refused document whose open amount changed is reported as. */
export const STALE_MESSAGE = 'the invoice changed since it was read: nothing was paid';

/**
 * Words CNBS uses when a document's open_amount no longer matches SAP's (a guess: CNBS documents
 * the check but not its message text).
 */
const STALE_WORDS =
	/open[\s_-]?amount[^.;]*(changed|does not match|doesn't match|mismatch|differs|not current)|(changed|differs|mismatch)[^.;]*open[\s_-]?amount/i;

/** The payment request body (seed key order); amounts are written as numbers with two decimals. */
export function buildPaymentBody(payer: PayerData, detail: PaymentDetail, documents: CnbsDocument[]): string {
	// `{"payer_data":...,"payment_detail":...}` without its closing brace, then the documents: the
	// text toJsonText writes for the whole body. The head is written once per payer and detail
	// object (both are read-only once read; a run whose fields hold no expression shares them).
	const head = bodyHead(payer, detail);
	return `${head.slice(0, -1)},"documents":${toJsonText(documents.map(documentBody))}}`;
}

const heads = new WeakMap<PayerData, WeakMap<PaymentDetail, string>>();

function bodyHead(payer: PayerData, detail: PaymentDetail): string {
	let byDetail = heads.get(payer);
	if (byDetail === undefined) {
		byDetail = new WeakMap();
		heads.set(payer, byDetail);
	}
	let head = byDetail.get(detail);
	if (head === undefined) {
		head = headText(payer, detail);
		byDetail.set(detail, head);
	}
	return head;
}

function headText(payer: PayerData, detail: PaymentDetail): string {
	return toJsonText({
		payer_data: { customer_number: payer.customer_number, company_code: payer.company_code },
		payment_detail: {
			payment_method: detail.payment_method,
			payment_card_type: detail.payment_card_type,
			payment_card_token: detail.payment_card_token,
			payment_card_name: detail.payment_card_name,
			valid_to: detail.valid_to,
			card_validation_code: detail.card_validation_code,
			electronic_check_account_type: detail.electronic_check_account_type,
			electronic_check_rdfi_number: detail.electronic_check_rdfi_number,
			address_data: detail.address_data,
		},
	});
}

function documentBody(document: CnbsDocument): Record<string, unknown> {
	return {
		document_number_finance: document.document_number_finance,
		line_item_in_the_relevant_invoice: document.line_item_in_the_relevant_invoice,
		fiscal_year_of_the_relevant_invoice: document.fiscal_year_of_the_relevant_invoice,
		open_amount: jsonDecimal(document.open_amount),
		amount_to_process: jsonDecimal(document.amount_to_process),
		currency_key: document.currency_key,
		reason_code: document.reason_code,
		reference_number: document.reference_number,
		comment: document.comment,
	};
}

/** What one payment answer says about one document. */
export type DocumentOutcome =
	| { paid: true; payed: IDataObject }
	| { paid: false; error: VendorError };

/**
 * Maps a payment answer's `payed[]` back to the documents sent: a document in `payed` (by number
 * and fiscal year) was paid; one that is not was not paid, and fails with CNBS's words (the
 * message that names it, else every error message). A refusal because the open amount changed is
 * reported as such.
 */
export function mapPayed(documents: CnbsDocument[], answer: IDataObject, messages: CnbsMessage[]): DocumentOutcome[] {
	const payed = (Array.isArray(answer.payed) ? answer.payed : []).filter(
		(entry): entry is IDataObject => entry !== null && typeof entry === 'object',
	);
	const used = new Set<number>();
	const failures = messages.filter(isFailureMessage);
	return documents.map((document) => {
		const index = payed.findIndex(
			(entry, position) =>
				!used.has(position) &&
				documentKey(entry.document_number_finance) === documentKey(document.document_number_finance) &&
				fiscalYearOf(entry) === String(document.fiscal_year_of_the_relevant_invoice),
		);
		if (index >= 0) {
			used.add(index);
			return { paid: true, payed: payed[index] };
		}
		return { paid: false, error: documentFailure(document, failures, documents.length === 1) };
	});
}

function fiscalYearOf(entry: IDataObject): string {
	const value = entry[FISCAL_YEAR] ?? entry['fiscal_year_of_the_relevant invoice'];
	return String(value ?? '').trim();
}

/**
 * Why a document was not paid: the failure messages that name it, else all of them. It is the
 * changed-open-amount refusal only when such a message names it (or it was alone in the request).
 */
function documentFailure(document: CnbsDocument, failures: CnbsMessage[], alone: boolean): VendorError {
	const number = documentKey(document.document_number_finance);
	// The document's number as a whole word, with or without SAP's leading zeros.
	const naming = failures.filter((message) => new RegExp(`\\b0*${number}\\b`).test(messageText(message)));
	const relevant = naming.length ? naming : failures;
	const words = relevant.map(messageText).join('\n');
	const code = relevant.length ? messageCode(relevant[0]) : undefined;
	const about = naming.length || alone ? relevant : [];
	if (about.some((message) => STALE_WORDS.test(messageText(message)))) {
		return new VendorError(STALE_MESSAGE, {
			code,
			description: `CNBS: ${words}\nRead the document again (Invoice > Get Many) before paying it.`,
		});
	}
	if (relevant.length) return new VendorError(words, { code });
	return new VendorError(`CNBS did not list document ${documentLabel(document)} as paid: it was not paid`);
}

/** Why CNBS's customizing does not allow paying this amount (partial or over), if it does not. */
export function amountRefusal(document: CnbsDocument, customizing: IDataObject): InvalidInputError | undefined {
	const comparison = compareAmounts(document.amount_to_process, document.open_amount);
	const amount = formatAmount(document.amount_to_process);
	const open = formatAmount(document.open_amount);
	if (comparison < 0 && !partialPaymentsAllowed(customizing)) {
		return new InvalidInputError(
			'amount_to_process',
			`amount_to_process ${amount} is less than the open amount ${open}, and CNBS's customizing does not allow partial payments (generel_data.partial_payments_allowed)`,
		);
	}
	if (comparison > 0 && !overpaymentAllowed(customizing)) {
		return new InvalidInputError(
			'amount_to_process',
			`amount_to_process ${amount} is more than the open amount ${open}, and CNBS's customizing does not allow overpayments (overpayment_allowed)`,
		);
	}
	return undefined;
}

export interface SentPayment {
	/** One outcome per document sent, in order. */
	outcomes: DocumentOutcome[];
	messages: CnbsMessage[];
}

/**
 * Sends one payment request for the documents of one payer and payment detail and maps `payed[]`
 * back to each document. A failed exchange throws (nothing is known to be paid).
 */
export async function sendPayment(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	payer: PayerData,
	detail: PaymentDetail,
	documents: CnbsDocument[],
	timeout: number,
): Promise<SentPayment> {
	const body = buildPaymentBody(payer, detail, documents);
	const { answer, messages } = await callCnbs(
		ctx,
		credentials,
		{ method: 'POST', path: PAYMENTS_PATH, body, timeout },
		{ allowFailures: true, paymentSecrets: paymentSecretsOf(detail) },
	);
	return { outcomes: mapPayed(documents, answer, messages), messages };
}
