import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { holdNoExpression, kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { credentialsOnce, perRun } from '../../../shared/runState';
import type { ItemOutcome } from '../../../shared/execute';
import { inBatches, readBatching } from '../../../shared/execute';
import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { formatAmount } from '../../../shared/money';
import { InvalidInputError } from '../../../shared/errors';
import { refuseAboveMaximum } from '../../../shared/maximumAmount';
import { buildCnbsRequest, CREDENTIAL_TYPE, describeCnbsRequest, FISCAL_YEAR, FISCAL_YEAR_WITH_SPACE } from '../../transport';
import { readOptions } from '../../helpers/utils';
import { paymentSecretsOf, readPayerData, readPaymentDetail, PAYMENTS_PATH, buildPaymentBody } from '../../helpers/payment';
import { payerAndPaymentFields, CNBS_KINDS } from '../common.descriptions';
import { NothingOpen, PaymentItem, documentKey, documentLabel, documentOutput, readDocument } from '../../helpers/document';
import { RunState, checkAmountAllowed, checkDocument, notSent, payGroup, withPaidSoFar } from '../../helpers/paymentRun';
import type { OutputKeys } from '../../../shared/outputShape';
import { nodeParameter } from '../../../shared/itemParameter';

const show = { resource: ['payment'], operation: ['payInvoices'] };

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

/** The fields the payer data is made of. */
const PAYER_FIELDS = ['customer_number', 'company_code'];

/** The fields the payment detail is made of. */
const DETAIL_FIELDS = [
	'payment_method',
	'payment_card_type',
	'payment_card_token',
	'payment_card_name',
	'valid_to',
	'card_validation_code',
	'electronic_check_account_type',
	'electronic_check_rdfi_number',
	'address_data',
];

function readItem(ctx: IExecuteFunctions, itemIndex: number): PaymentItem {
	const input = readFields(ctx, itemIndex, description);
	const param = (name: string) => input[name];
	const payer = holdNoExpression(ctx, description, PAYER_FIELDS)
		? perRun(ctx, 'cnbsWebAr:payerData', () => readPayerData(input))
		: readPayerData(input);
	// Payer and detail are the same for every item when none of their fields holds an expression:
	// checked once per run (one that fails its checks is not kept, every item fails on it). Read
	// only, never changed.
	const detail = holdNoExpression(ctx, description, DETAIL_FIELDS)
		? perRun(ctx, 'cnbsWebAr:paymentDetail', () => readPaymentDetail(input))
		: readPaymentDetail(input);
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

/** What each output item carries (see outputShape.ts), one item per document. */
export const output: OutputKeys = {
	document_number_finance: 'The document paid (its finance document number)',
	line_item_in_the_relevant_invoice: 'The document\'s line item',
	fiscal_year_of_the_relevant_invoice: 'The document\'s fiscal year',
	customer_number: 'The payer (customer number)',
	company_code: 'The payer\'s company code',
	open_amount: 'The document\'s open amount before paying, a decimal string',
	amount_to_process: 'The amount paid on the document, a decimal string',
	currency_key: 'The currency of the payment',
	authorization_number: 'CNBS\'s authorization number of the payment',
	authorization_reference_code: 'CNBS\'s authorization reference code',
	authorization_amount: 'The amount CNBS authorized, a decimal string',
	messages: 'CNBS\'s messages about the payment (type, number, text)',
	documentsInRequest: 'How many documents the payment request carried (several in one request with "All Items in One Request")',
	request: 'Dry run only: the exact request that would be sent, secrets masked',
};

/**
 * Paying the open amount, Check First (always on in a retried execution) skips a document CNBS
 * lists as paid; a given amount cannot tell an earlier payment from a partial one.
 */
export const payment: PaymentSafety = {
	checkedWhenRetried(this: IExecuteFunctions, itemIndex: number) {
		return nodeParameter(this, 'amount', itemIndex, 'openAmount') === 'openAmount';
	},
};

/**
 * Pays the documents of all input items. Every item is read and checked first; without Continue
 * On Fail, one refused item means nothing is sent, and a failed request stops the run (later
 * requests are not sent). In "All Items in One Request" mode the documents of items with the same
 * payer and payment detail go in one request.
 */
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
	const mode = String(nodeParameter(this, 'requestMode', itemIndexes[0], 'combined'));
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
