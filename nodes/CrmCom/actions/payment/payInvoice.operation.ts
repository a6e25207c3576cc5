import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { idempotencyKeyOf, sendPaymentOnce } from '../../../shared/retrySafety';

import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { VendorError } from '../../../shared/errors';
import { credentialsOnce } from '../../../shared/runState';
import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import type { IdentifierSpec, IdentifierValue } from '../../../shared/identifier';
import { identifierParameter, readIdentifier } from '../../../shared/identifier';
import { definedOnly, optionalText, textOnly } from '../../../shared/input';
import { itemKeyOf, nodeParameter } from '../../../shared/itemParameter';
import { hasMaximum, refuseAboveMaximum } from '../../../shared/maximumAmount';
import { amountFromVendor, formatAmount, InvalidInputError } from '../../../shared/money';
import {
	ACCOUNTS_RECEIVABLE,
	CARD,
	CATEGORY,
	INVOICE,
	PAYMENT_METHOD,
	PAYMENT_PREFERENCE,
	RECEIVED_BY_UNIT,
	RECEIVED_BY_USER,
	TYPE,
	WALLET,
} from '../../identifiers';
import { buildCrmRequest, callCrm, CREDENTIAL_TYPE, describeCrmRequest } from '../../transport';
import { fieldsSetField, optionalCrmDate, optionalFieldsSet, optionalFloat, readOptions } from '../common';
import { invoiceIdentifierField, readInvoice } from '../invoice/get.operation';

const show = { resource: ['payment'], operation: ['payInvoice'] };

export const UDF_STRINGS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `udf_string_${n}`);
export const UDF_FLOATS = [1, 2, 3, 4].map((n) => `udf_float_${n}`);
export const UDF_DATES = [1, 2, 3, 4].map((n) => `udf_date_${n}`);

const CARD_HINT =
	'Mandatory when the payment method is linked with a payment gateway system, which charges this card for the payment. Only cards owned by the accounts receivable\'s owner can be used.';
const PAYMENT_PREFERENCE_HINT =
	'Mandatory only when the payment is processed by a generic payment gateway, as the payment method denotes. It must belong to the accounts receivable. From CRM.COM R11.0.0.';

/** Optional identifiers, in the Additional Fields collection. */
const OPTIONAL_IDENTIFIERS: Array<{ spec: IdentifierSpec; field: INodeProperties }> = [
	{
		spec: CATEGORY,
		field: identifierParameter(CATEGORY, {
			defaultMode: 'name',
			displayName: 'Financial Transaction Category',
			description: 'The financial transaction category of the payment (category_identifier)',
		}),
	},
	{
		spec: RECEIVED_BY_USER,
		field: identifierParameter(RECEIVED_BY_USER, {
			defaultMode: 'username',
			displayName: 'Received by User',
			description:
				'The user who actually received the payment (received_by_user_identifier). Empty: the user who issues it.',
		}),
	},
	{
		spec: RECEIVED_BY_UNIT,
		field: identifierParameter(RECEIVED_BY_UNIT, {
			defaultMode: 'name',
			displayName: 'Received by Unit',
			description: 'The unit that actually received the payment (received_by_unit_identifier)',
		}),
	},
	{
		spec: CARD,
		field: identifierParameter(CARD, {
			displayName: 'Payment Gateway Card',
			description: 'The card the payment gateway charges for the payment (card_identifier)',
			hint: CARD_HINT,
		}),
	},
	{
		spec: PAYMENT_PREFERENCE,
		field: identifierParameter(PAYMENT_PREFERENCE, {
			displayName: 'Accounts Receivable Payment Preference',
			description:
				'The payment preference a generic payment gateway uses to process the payment (accounts_receivable_payment_preference_identifier)',
			hint: PAYMENT_PREFERENCE_HINT,
		}),
	},
];

const additionalFields: INodeProperties[] = ([
	...OPTIONAL_IDENTIFIERS.map(({ field }) => field),
	withKind(kinds.dateTime(), {
		displayName: 'Received On',
		name: 'received_on',
		type: 'dateTime',
		default: '',
		description: 'When the payment was received (received_on), sent as 2014-07-14T09:12:54. Empty: the issue date.',
	}),
	withKind(kinds.text(), {
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Shared notes for the payment (notes)',
	}),
	...UDF_STRINGS.map(
		(name, index): INodeProperties => withKind(kinds.text(), {
			displayName: `UDF String ${index + 1}`,
			name,
			type: 'string',
			default: '',
			description: `User defined field ${name}, of type String`,
		}),
	),
	...UDF_FLOATS.map(
		(name, index): INodeProperties => withKind(kinds.number(), {
			displayName: `UDF Float ${index + 1}`,
			name,
			type: 'string',
			default: '',
			placeholder: '12.5',
			description: `User defined field ${name}, of type Float: a number, sent as a JSON number`,
		}),
	),
	...UDF_DATES.map(
		(name, index): INodeProperties => withKind(kinds.dateTime(), {
			displayName: `UDF Date ${index + 1}`,
			name,
			type: 'dateTime',
			default: '',
			description: `User defined field ${name}, of type Date, sent as 2014-07-14T09:12:54`,
		}),
	),
	fieldsSetField,
] satisfies INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName));

export const description: INodeProperties[] = [
	{
		...invoiceIdentifierField,
		description:
			'The invoice to pay (invoice_identifier), by exactly one of its ID, number, reference number or back office code. CRM.COM pays its whole outstanding amount.',
		displayOptions: { show },
	},
	{
		...identifierParameter(ACCOUNTS_RECEIVABLE, {
			defaultMode: 'number',
			displayName: 'Accounts Receivable',
			description: 'The accounts receivable the payment is allocated to (accounts_receivable_identifier)',
			hint: 'Set this or Wallet, not both. Mandatory before CRM.COM R14.0.0.',
		}),
		displayOptions: { show },
	},
	{
		...identifierParameter(WALLET, {
			defaultMode: 'number',
			displayName: 'Wallet',
			description:
				'The wallet whose funds pay the invoice (wallet_identifier; only unconditional wallet funds). From CRM.COM R14.0.0, when the wallet definition allows payments with wallet funds.',
			hint: 'Set this or Accounts Receivable, not both. With a wallet, the type cannot be a payment gateway one.',
		}),
		displayOptions: { show },
	},
	{
		...identifierParameter(TYPE, {
			required: true,
			defaultMode: 'name',
			displayName: 'Financial Transaction Type',
			description: 'The financial transaction type of the payment (type_identifier)',
		}),
		displayOptions: { show },
	},
	{
		...identifierParameter(PAYMENT_METHOD, {
			required: true,
			defaultMode: 'name',
			displayName: 'Payment Method',
			description: 'The payment method of the payment (payment_method_identifier)',
		}),
		displayOptions: { show },
	},
	withKind(kinds.identifier(100, { expected: 'a back office code of at most 100 characters' }), {
		displayName: 'Back Office Code',
		name: 'back_office_code',
		type: 'string',
		default: '',
		placeholder: '={{ $json.paymentId }}',
		description:
			'A code for the payment (back_office_code) that CRM.COM keeps unique across all payments, e.g. your own payment ID. When CRM.COM refuses it as used before, the invoice\'s balance is read: nothing outstanding is "skipped: already paid"; otherwise the item fails (the code belongs to another payment).',
		displayOptions: { show },
	}),
	additionalFieldsCollection(show, additionalFields),
	optionsCollection(show, [
		{
			displayName: 'Check Invoice First',
			name: 'checkFirst',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the invoice (invoices/show) first and skip it, paying nothing, when its outstanding amount is zero',
		},
		{
			...dryRunOption,
			description:
				'Whether to only return the exact request that would be sent (the token masked). Nothing is sent: no sign-in, no invoice check, no payment.',
		},
		timeoutOption,
	], { pays: true }),
];

/** The values of one item, as the node's parameters hold them. */
export interface PayInvoiceParameters {
	invoice_identifier: unknown;
	accounts_receivable_identifier?: unknown;
	wallet_identifier?: unknown;
	type_identifier: unknown;
	payment_method_identifier: unknown;
	back_office_code?: unknown;
	additionalFields?: IDataObject;
}

function identifier(value: unknown, spec: IdentifierSpec, required = false): IdentifierValue | undefined {
	return readIdentifier(value, spec, { required });
}

/**
 * The `payments/pay_invoice` body (without the token) in the seed's parameter order. Every value
 * is checked here, so bad input fails the item before anything is sent.
 */
export function buildPayInvoiceBody(parameters: PayInvoiceParameters): IDataObject {
	const extra = parameters.additionalFields ?? {};
	const invoice = identifier(parameters.invoice_identifier, INVOICE, true);
	const accountsReceivable = identifier(parameters.accounts_receivable_identifier, ACCOUNTS_RECEIVABLE);
	const wallet = identifier(parameters.wallet_identifier, WALLET);
	if (!accountsReceivable && !wallet) {
		throw new InvalidInputError(
			'Accounts Receivable',
			'Accounts Receivable: accounts_receivable_identifier or wallet_identifier is required: set exactly one of them',
		);
	}
	if (accountsReceivable && wallet) {
		throw new InvalidInputError(
			'Accounts Receivable',
			'Accounts Receivable: accounts_receivable_identifier and wallet_identifier are both set: CRM.COM allows only one of them',
		);
	}
	const type = identifier(parameters.type_identifier, TYPE, true);
	const paymentMethod = identifier(parameters.payment_method_identifier, PAYMENT_METHOD, true);
	const optional = Object.fromEntries(
		OPTIONAL_IDENTIFIERS.map(({ spec }) => [spec.name, identifier(extra[spec.name], spec)]),
	);

	const body: IDataObject = {
		accounts_receivable_identifier: accountsReceivable,
		wallet_identifier: wallet,
		type_identifier: type,
		category_identifier: optional[CATEGORY.name],
		payment_method_identifier: paymentMethod,
		invoice_identifier: invoice,
		received_on: optionalCrmDate(extra.received_on, 'received_on'),
		received_by_user_identifier: optional[RECEIVED_BY_USER.name],
		received_by_unit_identifier: optional[RECEIVED_BY_UNIT.name],
		card_identifier: optional[CARD.name],
		accounts_receivable_payment_preference_identifier: optional[PAYMENT_PREFERENCE.name],
		notes: optionalText(textOnly(extra.notes, 'notes')),
		back_office_code: optionalText(textOnly(parameters.back_office_code, 'back_office_code')),
	};
	for (const name of UDF_STRINGS) body[name] = optionalText(textOnly(extra[name], name));
	for (const name of UDF_FLOATS) body[name] = optionalFloat(extra[name], name);
	for (const name of UDF_DATES) body[name] = optionalCrmDate(extra[name], name);
	body.fields_set = optionalFieldsSet(extra.fields_set, fieldsSetField.displayName);
	return definedOnly(body);
}

/**
 * CRM.COM refuses a back_office_code it already has. The code's name is a guess (the list is not
 * public); a message saying the back office code already exists or is a duplicate counts too.
 */
export function isDuplicateBackOfficeCode(error: VendorError): boolean {
	const code = String(error.details.code ?? '').toUpperCase();
	if (code === 'DUPLICATE_BACK_OFFICE_CODE') return true;
	const text = `${error.message} ${error.details.description ?? ''}`;
	const aboutBackOfficeCode = /back[\s_-]?office[\s_-]?code/i.test(text) || /BACK_OFFICE/.test(code);
	const alreadyThere = /already exists?|already been used|already used|duplicate|not unique|must be unique|unique constraint/i.test(
		text,
	);
	return aboutBackOfficeCode && (alreadyThere || code.includes('DUPLICATE'));
}

/** Whether an invoice's outstanding amount (as invoices/show returns it) is zero or less. */
export function nothingOutstanding(invoice: IDataObject): boolean {
	const value = invoice.outstanding_amount;
	if (value === undefined || value === null || value === '') {
		throw new VendorError('CRM.COM\'s invoice answer had no outstanding_amount: cannot check it before paying');
	}
	let outstanding: bigint | undefined;
	try {
		outstanding = amountFromVendor(value, 'outstanding_amount', 6).minor;
	} catch {
		outstanding = undefined;
	}
	if (outstanding === undefined) {
		throw new VendorError(`CRM.COM returned an unreadable outstanding_amount: ${JSON.stringify(value)}`);
	}
	return outstanding <= 0n;
}

export function readParameters(ctx: IExecuteFunctions, itemIndex: number): PayInvoiceParameters {
	const input = readFields(ctx, itemIndex, description);
	return {
		invoice_identifier: input[INVOICE.name],
		accounts_receivable_identifier: input[ACCOUNTS_RECEIVABLE.name],
		wallet_identifier: input[WALLET.name],
		type_identifier: input[TYPE.name],
		payment_method_identifier: input[PAYMENT_METHOD.name],
		back_office_code: input.back_office_code,
		additionalFields: input.additionalFields as IDataObject,
	};
}

export interface PayInvoiceOutcome extends IDataObject {
	status: 'paid' | 'skipped: already paid' | 'dry run';
}

/** Checks (optionally), then pays; shared by this operation and the Pay Invoice node's adapter. */
export async function payInvoice(
	ctx: IExecuteFunctions,
	body: IDataObject,
	options: { checkFirst: boolean; dryRun: boolean; timeout: number; maximum?: unknown },
	itemIndex: number,
): Promise<PayInvoiceOutcome> {
	const invoice = body.invoice_identifier as IdentifierValue;
	if (options.dryRun) {
		// Only the server URL is read here (no token): once per run.
		const credentials = await credentialsOnce(ctx, CREDENTIAL_TYPE);
		const request = buildCrmRequest(credentials, {
			method: 'POST',
			resource: 'payments/pay_invoice',
			body,
			timeout: options.timeout,
		});
		return { status: 'dry run', invoice_identifier: invoice, request: describeCrmRequest(request) };
	}
	// The whole outstanding amount is paid: with a Maximum Amount it is read first, to know it.
	if (options.checkFirst || hasMaximum(options.maximum)) {
		const found = await readInvoice(ctx, invoice, undefined, options.timeout, itemIndex);
		if (options.checkFirst && nothingOutstanding(found)) {
			return {
				status: 'skipped: already paid',
				reason: `The invoice's outstanding amount is ${String(found.outstanding_amount)}`,
				invoice_identifier: invoice,
				invoice: found,
			};
		}
		refuseAboveMaximum(options.maximum, formatAmount(amountFromVendor(found.outstanding_amount ?? '', 'outstanding_amount')));
	}
	// A refusal is read here rather than thrown: a duplicate back_office_code needs the invoice's balance.
	const result = await sendPaymentOnce(ctx, [itemIndex], async () =>
		await callCrm(ctx, { method: 'POST', resource: 'payments/pay_invoice', body, timeout: options.timeout }, itemIndex),
	).catch((error: unknown) => ({ error }));
	if ('error' in result) {
		const { error } = result;
		if (error instanceof VendorError && body.back_office_code !== undefined && isDuplicateBackOfficeCode(error)) {
			return await afterDuplicateBackOfficeCode(ctx, error, body, options.timeout, itemIndex);
		}
		throw error;
	}
	return {
		status: 'paid',
		...result.data,
		invoice_identifier: invoice,
		...(body.back_office_code !== undefined && result.data.back_office_code === undefined
			? { back_office_code: body.back_office_code }
			: {}),
	};
}

/** CRM.COM pays the whole balance; in a retried execution Check Invoice First is always on. */
export const payment: PaymentSafety = { checkedWhenRetried: () => true };

/**
 * CRM.COM refused the back office code as one it already has. The code may belong to a payment
 * of another invoice (it is unique across all payments), so the refusal proves nothing about this
 * invoice: its balance decides. Nothing open: already paid. Otherwise (or when the balance cannot
 * be read) the item fails with CRM.COM's own words and code.
 */
async function afterDuplicateBackOfficeCode(
	ctx: IExecuteFunctions,
	refusal: VendorError,
	body: IDataObject,
	timeout: number,
	itemIndex: number,
): Promise<PayInvoiceOutcome> {
	const invoice = body.invoice_identifier as IdentifierValue;
	const code = String(body.back_office_code);
	const usedBefore = `${refusal.message} (the back office code ${code} was used before, by a payment CRM.COM already has)`;
	const read = await readInvoice(ctx, invoice, undefined, timeout, itemIndex).then(
		(found) => ({ found, paid: nothingOutstanding(found) }),
		(readError: unknown) => ({ readError }),
	).catch((readError: unknown) => ({ readError }));
	if ('readError' in read) {
		const { readError } = read;
		throw new VendorError(usedBefore, {
			code: refusal.details.code,
			httpCode: refusal.details.httpCode,
			description: `Nothing was paid now. Whether the invoice was paid before is not known: its balance could not be read (${
				readError instanceof Error ? readError.message : String(readError)
			}).`,
		});
	}
	const { found, paid } = read;
	if (!paid) {
		throw new VendorError(usedBefore, {
			code: refusal.details.code,
			httpCode: refusal.details.httpCode,
			description: `The invoice was NOT paid: its outstanding amount is ${String(found.outstanding_amount)}. Give this payment a back office code of its own, or none.`,
		});
	}
	return {
		status: 'skipped: already paid',
		reason: `The invoice's outstanding amount is ${String(found.outstanding_amount)} (and CRM.COM refused the back office code: ${refusal.message})`,
		invoice_identifier: invoice,
		back_office_code: code,
		invoice: found,
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = buildPayInvoiceBody(readParameters(this, itemIndex));
	// CRM.COM's own uniqueness key: the Idempotency Key goes as the back office code when none is given.
	const key = body.back_office_code === undefined ? idempotencyKeyOf(this, itemIndex) : undefined;
	if (key !== undefined) body.back_office_code = key;
	const options = { ...readOptions(this, itemIndex), maximum: nodeParameter(this, 'options.maximumAmount', itemIndex, '') };
	const outcome = await payInvoice(this, body, options, itemIndex);
	if (key !== undefined && outcome.status === 'skipped: already paid' && outcome.back_office_code === key) {
		return { ...outcome, status: 'skipped: idempotency key used before', idempotencyKey: key };
	}
	return outcome;
}

/**
 * Items paying the same invoice never run at the same time (Batching): the second one runs after
 * the first, so Check Invoice First sees the first payment and a repeated back office code is
 * refused by CRM.COM rather than raced.
 */
export function itemKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return itemKeyOf(this, itemIndex, INVOICE.name);
}
