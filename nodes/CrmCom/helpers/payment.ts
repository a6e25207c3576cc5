import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendPaymentOnce } from '../../shared/retrySafety';
import { VendorError, InvalidInputError } from '../../shared/errors';
import { credentialsOnce } from '../../shared/runState';
import type { IdentifierSpec, IdentifierValue } from './identifier';
import { readIdentifier } from './identifier';
import { definedOnly, optionalText, textOnly } from '../../shared/input';
import { hasMaximum, refuseAboveMaximum } from '../../shared/maximumAmount';
import { amountFromVendor, formatAmount } from '../../shared/money';
import { ACCOUNTS_RECEIVABLE, CARD, CATEGORY, INVOICE, PAYMENT_METHOD, PAYMENT_PREFERENCE, RECEIVED_BY_UNIT, RECEIVED_BY_USER, TYPE, WALLET, fieldsSetField, OPTIONAL_IDENTIFIERS, UDF_DATES, UDF_FLOATS, UDF_STRINGS } from '../actions/common.descriptions';
import { buildCrmRequest, callCrm, CREDENTIAL_TYPE, describeCrmRequest } from '../transport';
import { optionalCrmDate, optionalFieldsSet, optionalFloat } from './utils';
import { readInvoice } from './invoice';

/** The values of one item, as the node's parameters hold them. */
export interface PayInvoiceParameters {
	invoice_identifier: unknown;
	accounts_receivable_identifier?: unknown;
	wallet_identifier?: unknown;
	type_identifier: unknown;
	payment_method_identifier: unknown;
	back_office_code?: unknown;
	additionalFields?: IDataObject;
	/** Options > Maximum Amount, as read and checked. */
	maximumAmount?: unknown;
}

function identifier(value: unknown, spec: IdentifierSpec, required = false): IdentifierValue | undefined {
	return readIdentifier(value, spec, { required });
}

/** Where the invoice goes in a body built without it (see `payInvoiceBodyWithout`). */
const INVOICE_SLOT = Symbol('invoice_identifier');

/**
 * The `payments/pay_invoice` body (without the token) in the seed's parameter order. Every value
 * is checked here, so bad input fails the item before anything is sent. `rest`, when given, is
 * `payInvoiceBodyWithout(parameters)` made before (e.g. once per run, when everything but the
 * invoice is the same for every item); the invoice is checked first, as without it.
 */
export function buildPayInvoiceBody(parameters: PayInvoiceParameters, rest?: () => IDataObject): IDataObject {
	const invoice = identifier(parameters.invoice_identifier, INVOICE, true);
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(rest ? rest() : payInvoiceBodyWithout(parameters))) {
		body[key] = (value as unknown) === INVOICE_SLOT ? invoice : value;
	}
	return body;
}

/**
 * The body's every value but the invoice, checked, with a slot where the invoice goes: the same
 * for every item whose other parameters are the same. Not to be changed (a copy is made per item).
 */
export function payInvoiceBodyWithout(parameters: Omit<PayInvoiceParameters, 'invoice_identifier'>): IDataObject {
	const extra = parameters.additionalFields ?? {};
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
	const optional: Record<string, IdentifierValue | undefined> = {};
	for (const { spec } of OPTIONAL_IDENTIFIERS) optional[spec.name] = identifier(extra[spec.name], spec);

	const body: IDataObject = {
		accounts_receivable_identifier: accountsReceivable,
		wallet_identifier: wallet,
		type_identifier: type,
		category_identifier: optional[CATEGORY.name],
		payment_method_identifier: paymentMethod,
		invoice_identifier: INVOICE_SLOT as unknown as IDataObject,
		received_on: optionalCrmDate(extra.received_on, 'received_on'),
		received_by_user_identifier: optional[RECEIVED_BY_USER.name],
		received_by_unit_identifier: optional[RECEIVED_BY_UNIT.name],
		card_identifier: optional[CARD.name],
		accounts_receivable_payment_preference_identifier: optional[PAYMENT_PREFERENCE.name],
		notes: optionalText(textOnly(extra.notes, 'notes')),
		back_office_code: optionalText(textOnly(parameters.back_office_code, 'back_office_code')),
	};
	// A UDF not given is not sent (each reader gives undefined for it): only those given are read.
	for (const name of UDF_STRINGS) if (extra[name] !== undefined) body[name] = optionalText(textOnly(extra[name], name));
	for (const name of UDF_FLOATS) if (extra[name] !== undefined) body[name] = optionalFloat(extra[name], name);
	for (const name of UDF_DATES) if (extra[name] !== undefined) body[name] = optionalCrmDate(extra[name], name);
	if (extra.fields_set !== undefined) body.fields_set = optionalFieldsSet(extra.fields_set, fieldsSetField.displayName);
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
		const found = await readInvoice(ctx, invoice, undefined, options.timeout);
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
		await callCrm(ctx, { method: 'POST', resource: 'payments/pay_invoice', body, timeout: options.timeout }),
	).catch((error: unknown) => ({ error }));
	if ('error' in result) {
		const { error } = result;
		if (error instanceof VendorError && body.back_office_code !== undefined && isDuplicateBackOfficeCode(error)) {
			return await afterDuplicateBackOfficeCode(ctx, error, body, options.timeout);
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
): Promise<PayInvoiceOutcome> {
	const invoice = body.invoice_identifier as IdentifierValue;
	const code = String(body.back_office_code);
	const usedBefore = `${refusal.message} (the back office code ${code} was used before, by a payment CRM.COM already has)`;
	const read = await readInvoice(ctx, invoice, undefined, timeout).then(
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
