import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { paymentRefused, sendPaymentOnce } from '../../../shared/retrySafety';

import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { VendorError } from '../../../shared/errors';
import { credentialsOnce } from '../../../shared/runState';
import type { ItemOutcome } from '../../../shared/execute';
import { inBatches, readBatching } from '../../../shared/execute';
import { jsonDecimal, toJsonText } from '../../../shared/jsonText';
import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { optionalText, requireText, textOnly } from '../../../shared/input';
import { redactValue } from '../../../shared/redact';
import type { Amount } from '../../../shared/money';
import { amountFromVendor, compareAmounts, formatAmount, InvalidInputError, parseAmount } from '../../../shared/money';
import { refuseAboveMaximum } from '../../../shared/maximumAmount';
import { overpaymentAllowed, partialPaymentsAllowed, readCustomizing } from '../../customizing';
import type { CnbsMessage } from '../../transport';
import {
	buildCnbsRequest,
	callCnbs,
	CREDENTIAL_TYPE,
	describeCnbsRequest,
	FISCAL_YEAR,
	FISCAL_YEAR_WITH_SPACE,
	isFailureMessage,
	maskError,
	messageCode,
	messagesOutput,
	messageText,
	secretsOf,
} from '../../transport';
import type { PayerData, PaymentDetail, RunOptions } from '../common';
import {
	amountField,
	payerAndPaymentFields,
	paymentSecretsOf,
	readOptions,
	CNBS_KINDS,
	readPayerData,
	readPaymentDetail,
	wholeNumber,
} from '../common';
import { findDocument, readDocumentList } from '../invoice/getMany.operation';

const show = { resource: ['payment'], operation: ['payInvoices'] };

export const PAYMENTS_PATH = 'invoices/payments';

/** What a refused document whose open amount changed is reported as. */
export const STALE_MESSAGE = 'the invoice changed since it was read: nothing was paid';

/**
 * Words CNBS uses when a document's open_amount no longer matches SAP's (a guess: CNBS documents
 * the check but not its message text).
 */
const STALE_WORDS =
	/open[\s_-]?amount[^.;]*(changed|does not match|doesn't match|mismatch|differs|not current)|(changed|differs|mismatch)[^.;]*open[\s_-]?amount/i;

export const description: INodeProperties[] = [
	{
		displayName: 'Request Mode',
		name: 'requestMode',
		type: 'options',
		options: [
			{
				name: 'All Items in One Request',
				value: 'combined',
				description:
					'The documents of all input items go in one payment request (one per distinct payer and payment detail)',
			},
			{
				name: 'One Request per Item',
				value: 'perItem',
				description: 'Each input item is paid by its own payment request',
			},
		],
		default: 'combined',
		description: 'Whether to pay all input items\' documents together or each on its own',
		displayOptions: { show },
	},
	...payerAndPaymentFields(show),
	withKind(CNBS_KINDS.documentNumber, {
		displayName: 'Document Number',
		name: 'document_number_finance',
		type: 'string',
		required: true,
		default: '={{ $json.document_number_finance }}',
		description:
			'The accounting document to pay (documents[].document_number_finance), 10 digits such as 1400000229. The default reads it from Invoice > Get Many\'s output, as do the fields below. Empty: the item fails before anything is sent.',
		displayOptions: { show },
	}),
	withKind(CNBS_KINDS.lineItem, {
		displayName: 'Line Item',
		name: 'line_item_in_the_relevant_invoice',
		type: 'string',
		required: true,
		default: '={{ $json.line_item_in_the_relevant_invoice }}',
		description: 'The line item of the document (a whole number)',
		displayOptions: { show },
	}),
	withKind(CNBS_KINDS.fiscalYear, {
		displayName: 'Fiscal Year',
		name: FISCAL_YEAR,
		type: 'string',
		required: true,
		default: `={{ $json.${FISCAL_YEAR} ?? $json["${FISCAL_YEAR_WITH_SPACE}"] }}`,
		description:
			'The fiscal year of the document, e.g. 2017. The default reads it under both spellings CNBS uses.',
		displayOptions: { show },
	}),
	withKind(kinds.amount({ allowZero: true }), {
		displayName: 'Open Amount',
		name: 'open_amount',
		type: 'string',
		required: true,
		default: '={{ $json.open_amount }}',
		description:
			'The open amount as read from CNBS. CNBS compares it with SAP and refuses the payment when it changed, so a payment is never made from stale data.',
		displayOptions: { show },
	}),
	withKind(CNBS_KINDS.currency, {
		displayName: 'Currency',
		name: 'currency_key',
		type: 'string',
		required: true,
		default: '={{ $json.currency_key }}',
		description: 'The document\'s currency, e.g. USD',
		displayOptions: { show },
	}),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'options',
		options: [
			{ name: 'Open Amount', value: 'openAmount', description: 'Pay the document in full' },
			{ name: 'Given Amount', value: 'given', description: 'Pay the amount given below' },
		],
		default: 'openAmount',
		description:
			'How much to pay. An amount below the open amount (partial payment) or above it (overpayment) is refused before sending unless CNBS\'s customizing allows it.',
		displayOptions: { show },
	},
	withKind(kinds.amount(), {
		displayName: 'Amount to Process',
		name: 'amount_to_process',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3500.25',
		description: 'The amount to pay on this document: a positive decimal string with at most 2 decimals, no currency sign, e.g. 3500.25. Anything else (12,50, -5, 1.234) fails the item before anything is sent.',
		displayOptions: { show: { ...show, amount: ['given'] } },
	}),
	additionalFieldsCollection(show, [
		withKind(kinds.text(), {
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			default: '',
			placeholder: '50% payment',
			description: 'A comment for the payment of this document',
		}),
		withKind(CNBS_KINDS.reasonCode, {
			displayName: 'Reason Code Name or ID',
			name: 'reason_code',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getPaymentReasonCodes' },
			default: '',
			hint: 'The payment reason code (documents[].reason_code), e.g. for a partial payment. The list is read from CNBS\'s customizing.',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		}),
		withKind(kinds.text(), {
			displayName: 'Reference Number',
			name: 'reference_number',
			type: 'string',
			default: '',
			description: 'Your reference for the payment of this document',
		}),
	]),
	optionsCollection(show, [
		{
			displayName: 'Check First',
			name: 'checkFirst',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the payer\'s documents first (one read per payer) and skip a document with nothing open, refuse a cancelled or changed one, and send only the rest',
		},
		{
			...dryRunOption,
			description:
				'Whether to only return the exact payment request(s) that would be sent (card data and system ID masked). Nothing is sent: no customizing read, no check, no payment.',
		},
		timeoutOption,
	], { pays: true }),
];

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
function documentKey(number: unknown): string {
	const text = String(number ?? '').trim();
	return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : text;
}

/** The item's document has nothing open and the amount is the open amount: nothing to pay. */
class NothingOpen extends Error {
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
	const currency = requireText(parameters.currency_key, 'currency_key').toUpperCase();
	if (!/^[A-Z]{3}$/.test(currency)) {
		throw new InvalidInputError('currency_key', `currency_key must be a three-letter currency code such as USD, got "${currency}"`);
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

function readItem(ctx: IExecuteFunctions, itemIndex: number): PaymentItem {
	const input = readFields(ctx, itemIndex, description);
	const param = (name: string) => input[name];
	const payer = readPayerData(input);
	const detail = readPaymentDetail(input);
	const document = readDocument({
		document_number_finance: param('document_number_finance'),
		line_item_in_the_relevant_invoice: param('line_item_in_the_relevant_invoice'),
		fiscal_year_of_the_relevant_invoice: param(FISCAL_YEAR),
		open_amount: param('open_amount'),
		currency_key: param('currency_key'),
		amount: param('amount'),
		amount_to_process: param('amount_to_process'),
		additionalFields: param('additionalFields') as IDataObject,
	});
	const maximumAmount = ((input.options as IDataObject | undefined) ?? {}).maximumAmount;
	return { itemIndex, payer, detail, document, options: readOptions(ctx, itemIndex), maximumAmount };
}

/** The payment request body (seed key order); amounts are written as numbers with two decimals. */
export function buildPaymentBody(payer: PayerData, detail: PaymentDetail, documents: CnbsDocument[]): string {
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
		documents: documents.map((document) => ({
			document_number_finance: document.document_number_finance,
			line_item_in_the_relevant_invoice: document.line_item_in_the_relevant_invoice,
			fiscal_year_of_the_relevant_invoice: document.fiscal_year_of_the_relevant_invoice,
			open_amount: jsonDecimal(document.open_amount),
			amount_to_process: jsonDecimal(document.amount_to_process),
			currency_key: document.currency_key,
			reason_code: document.reason_code,
			reference_number: document.reference_number,
			comment: document.comment,
		})),
	});
}

function documentLabel(document: CnbsDocument): string {
	return `${document.document_number_finance} (fiscal year ${document.fiscal_year_of_the_relevant_invoice}, line ${document.line_item_in_the_relevant_invoice})`;
}

function documentOutput(item: PaymentItem): IDataObject {
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

interface RunState {
	ctx: IExecuteFunctions;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail: boolean;
	customizing?: Promise<IDataObject>;
	/** Payer lists read by Check First, per payer and company code. */
	documentLists: Map<string, Promise<IDataObject[]>>;
	/** Documents paid so far in this run (for the error of a run that stops). */
	paid: string[];
}

function customizingOf(state: RunState, timeout: number): Promise<IDataObject> {
	state.customizing ??= readCustomizing(state.ctx, state.credentials, timeout);
	return state.customizing;
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

/** Refuses, before sending, a partial payment or an overpayment CNBS's customizing does not allow. */
async function checkAmountAllowed(state: RunState, item: PaymentItem): Promise<void> {
	if (compareAmounts(item.document.amount_to_process, item.document.open_amount) === 0) return;
	const refusal = amountRefusal(item.document, await customizingOf(state, item.options.timeout));
	if (refusal) throw refusal;
}

/** Check First: the document as CNBS lists it now. Returns a skip result, or throws a refusal. */
async function checkDocument(state: RunState, item: PaymentItem): Promise<IDataObject | undefined> {
	const { payer, document } = item;
	const key = `${payer.customer_number}\u0000${payer.company_code}`;
	let listPromise = state.documentLists.get(key);
	if (!listPromise) {
		listPromise = readDocumentList(state.ctx, state.credentials, {
			payer_number: payer.customer_number,
			company_code: payer.company_code,
			document_type: '01',
			document_search_status: '03',
		}, item.options.timeout);
		state.documentLists.set(key, listPromise);
	}
	const found = findDocument(await listPromise, document);
	if (!found) {
		throw new VendorError(
			`Document ${documentLabel(document)} is not among the documents CNBS lists for payer ${payer.customer_number} in company code ${payer.company_code}: nothing was paid`,
		);
	}
	if (String(found.document_status ?? '').trim() === '04') {
		throw new VendorError(`Document ${documentLabel(document)} is cancelled: nothing was paid`);
	}
	const open = amountFromVendor(found.open_amount ?? 0, 'open_amount');
	if (open.minor <= 0n) {
		return {
			status: 'skipped: already paid',
			reason: `CNBS lists the document with open amount ${formatAmount(open)}: nothing was sent`,
			...documentOutput(item),
			open_amount: formatAmount(open),
		};
	}
	if (compareAmounts(open, document.open_amount) !== 0) {
		throw new VendorError(STALE_MESSAGE, {
			description: `CNBS now lists the open amount as ${formatAmount(open)}, not ${formatAmount(document.open_amount)}. Read the document again (Invoice > Get Many) before paying it.`,
		});
	}
	return undefined;
}

/** A failure of the run that stops the node says which documents were paid before it stopped. */
function withPaidSoFar(state: RunState, error: unknown): unknown {
	if (state.continueOnFail || state.paid.length === 0 || !(error instanceof VendorError)) return error;
	const paidText = `These documents WERE paid in this run (do not pay them again): ${state.paid.join('; ')}`;
	if (error.details.description?.includes(paidText)) return error;
	error.details.description = [error.details.description, paidText].filter(Boolean).join('\n');
	return error;
}

function paidLabel(item: PaymentItem, payed: IDataObject): string {
	const auth = payed.authorization_number ? `, authorization ${String(payed.authorization_number)}` : '';
	const amount = payed.authorization_amount ?? formatAmount(item.document.amount_to_process);
	return `${documentLabel(item.document)}: ${String(amount)} ${String(payed.currency_key ?? item.document.currency_key)}${auth}`;
}

function notSent(item: PaymentItem, reason: string): IDataObject {
	return { status: 'not sent', reason, ...documentOutput(item) };
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

/** Sends one payment request for the given items and returns each item's outcome. */
async function payGroup(state: RunState, items: PaymentItem[]): Promise<ItemOutcome[]> {
	const [{ payer, detail, options }] = items;
	let sent: SentPayment;
	try {
		sent = await sendPaymentOnce(state.ctx, items.map((item) => item.itemIndex), async () =>
			await sendPayment(state.ctx, state.credentials, payer, detail, items.map((item) => item.document), options.timeout),
		);
	} catch (error) {
		return items.map((item) => ({ itemIndex: item.itemIndex, error }));
	}
	const { outcomes, messages } = sent;
	const secrets = [...secretsOf(state.credentials), ...paymentSecretsOf(detail)];
	return items.map((item, position) => {
		const outcome = outcomes[position];
		if (outcome.paid) {
			state.paid.push(paidLabel(item, outcome.payed));
			return {
				itemIndex: item.itemIndex,
				result: redactValue({
					status: 'paid',
					...documentOutput(item),
					authorization_number: outcome.payed.authorization_number,
					authorization_reference_code: outcome.payed.authorization_reference_code,
					authorization_amount: outcome.payed.authorization_amount,
					messages: messagesOutput(messages),
					documentsInRequest: items.length,
				}, secrets),
			};
		}
		// CNBS answered that it did not pay this document: it may be sent again.
		paymentRefused(state.ctx, [item.itemIndex]);
		return { itemIndex: item.itemIndex, error: maskError(outcome.error, secrets) };
	});
}

/**
 * Pays the documents of all input items. Every item is read and checked first; without Continue
 * On Fail, one refused item means nothing is sent, and a failed request stops the run (later
 * requests are not sent). In "All Items in One Request" mode the documents of items with the same
 * payer and payment detail go in one request.
 */
/**
 * Paying the open amount, Check First (always on in a retried execution) skips a document CNBS
 * lists as paid; a given amount cannot tell an earlier payment from a partial one.
 */
export const payment: PaymentSafety = {
	checkedWhenRetried(this: IExecuteFunctions, itemIndex: number) {
		return this.getNodeParameter('amount', itemIndex, 'openAmount') === 'openAmount';
	},
};

export async function executeItems(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	if (itemIndexes.length === 0) return [];
	const continueOnFail = this.continueOnFail();
	const outcomes = new Map<number, ItemOutcome>();
	const items: PaymentItem[] = [];
	const seen = new Map<string, number>();
	for (const itemIndex of itemIndexes) {
		try {
			const item = readItem(this, itemIndex);
			const { document, payer } = item;
			refuseAboveMaximum(item.maximumAmount, formatAmount(document.amount_to_process));
			const key = [
				payer.company_code,
				documentKey(document.document_number_finance),
				document.fiscal_year_of_the_relevant_invoice,
				document.line_item_in_the_relevant_invoice,
			].join('\u0000');
			const earlier = seen.get(key);
			if (earlier !== undefined) {
				throw new InvalidInputError(
					'document_number_finance',
					`document ${documentLabel(document)} is already paid by item ${earlier} of this run: it is not paid twice`,
				);
			}
			seen.set(key, itemIndex);
			items.push(item);
		} catch (error) {
			if (error instanceof NothingOpen) {
				outcomes.set(itemIndex, {
					itemIndex,
					result: {
						status: 'skipped: already paid',
						reason: 'The open amount is 0.00: nothing was sent',
						document_number_finance: String(error.documentNumber ?? ''),
					},
				});
				continue;
			}
			outcomes.set(itemIndex, { itemIndex, error });
		}
	}
	const mode = String(this.getNodeParameter('requestMode', itemIndexes[0], 'combined'));
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const state: RunState = { ctx: this, credentials, continueOnFail, documentLists: new Map(), paid: [] };

	const groups = new Map<string, PaymentItem[]>();
	for (const item of items) {
		const key = mode === 'perItem' ? `item ${item.itemIndex}` : JSON.stringify([item.payer, item.detail]);
		groups.set(key, [...(groups.get(key) ?? []), item]);
	}

	if (items.some((item) => item.options.dryRun)) {
		for (const group of groups.values()) {
			const body = buildPaymentBody(group[0].payer, group[0].detail, group.map((item) => item.document));
			const request = buildCnbsRequest(credentials, { method: 'POST', path: PAYMENTS_PATH, body, timeout: group[0].options.timeout });
			const described = describeCnbsRequest(request, credentials, paymentSecretsOf(group[0].detail));
			for (const item of group) {
				outcomes.set(item.itemIndex, {
					itemIndex: item.itemIndex,
					result: { status: 'dry run', ...documentOutput(item), documentsInRequest: group.length, request: described },
				});
			}
		}
		return itemIndexes.map((index) => outcomes.get(index)!);
	}

	// Checks before sending: partial payment and overpayment (customizing, read once), Check First.
	const toSend = new Map<string, PaymentItem[]>();
	for (const [key, group] of groups) {
		for (const item of group) {
			try {
				await checkAmountAllowed(state, item);
				const skipped = item.options.checkFirst ? await checkDocument(state, item) : undefined;
				if (skipped) {
					outcomes.set(item.itemIndex, { itemIndex: item.itemIndex, result: skipped });
					continue;
				}
				toSend.set(key, [...(toSend.get(key) ?? []), item]);
			} catch (error) {
				outcomes.set(item.itemIndex, { itemIndex: item.itemIndex, error });
			}
		}
	}

	const refused = [...outcomes.values()].find((outcome) => 'error' in outcome);
	if (refused && !continueOnFail) {
		// The node stops at this item: send nothing at all.
		for (const group of toSend.values()) {
			for (const item of group) {
				outcomes.set(item.itemIndex, {
					itemIndex: item.itemIndex,
					result: notSent(item, `item ${refused.itemIndex} was refused before sending: nothing was sent`),
				});
			}
		}
		return itemIndexes.map((index) => outcomes.get(index)!);
	}

	// Combined: one request per payer and payment detail, one after the other. One request per
	// item: as many in flight as the Batching option says (one at a time without it). Without
	// Continue On Fail a failed request stops new ones from starting (those in flight finish).
	let stopped: number | undefined;
	const batching = mode === 'perItem' ? readBatching(this) : { size: 1, intervalMs: 0 };
	const groupsToSend = [...toSend.values()];
	await inBatches(groupsToSend, batching, () => stopped !== undefined, async (group) => {
		for (const outcome of await payGroup(state, group)) {
			outcomes.set(outcome.itemIndex, outcome);
			if ('error' in outcome && !continueOnFail) stopped = Math.min(stopped ?? outcome.itemIndex, outcome.itemIndex);
		}
	});
	for (const group of groupsToSend) {
		for (const item of group) {
			if (outcomes.has(item.itemIndex)) continue;
			outcomes.set(item.itemIndex, {
				itemIndex: item.itemIndex,
				result: notSent(item, `the payment of item ${stopped} failed: later payments were not sent`),
			});
		}
	}
	for (const [itemIndex, outcome] of outcomes) {
		if ('error' in outcome) outcomes.set(itemIndex, { itemIndex, error: withPaidSoFar(state, outcome.error) });
	}
	return itemIndexes.map((index) => outcomes.get(index)!);
}
