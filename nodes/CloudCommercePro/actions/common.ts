import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DateTime } from 'luxon';

import { formatVendorDate, DATE_FORMATS } from '../../shared/dates';
import { kinds, withKind } from '../../shared/fieldKinds';
import { formatAmount, parseAmount } from '../../shared/money';
import type { XmlElement } from '../../shared/soap';
import { optionalIntegerId, optionalText, parseIntegerId } from '../../shared/input';
import { credentialsOnce, perRun } from '../../shared/runState';
import { CREDENTIAL_TYPE } from '../transport';

/**
 * The credential data the node reads (environment, URL, Brand ID), once per run. The Security
 * Hash in it is never sent from here: the credential's `authenticate` writes it into each
 * request when n8n sends it.
 */
export async function getCcpCredentials(ctx: IExecuteFunctions): Promise<ICredentialDataDecryptedObject> {
	return await credentialsOnce(ctx, CREDENTIAL_TYPE);
}

/** Key parameters evaluated once per item (the item's key, then its execute): the shared helpers. */
export { itemKeyOf, itemParameter } from '../../shared/itemParameter';

export function credentialBrandId(credentials: ICredentialDataDecryptedObject): string {
	return parseIntegerId(credentials.brandId, 'Brand ID (credential)');
}

/** CCP's recommended payment date format: 2021-10-22T12:01:44. Empty means now, in the workflow's time zone. */
export function paymentDate(ctx: IExecuteFunctions, value: unknown): string {
	if (optionalText(value) === undefined) {
		return formatVendorDate(DateTime.now().setZone(ctx.getTimezone()), 'dtPaymentDate', DATE_FORMATS.isoLocalDateTime);
	}
	if (typeof value !== 'string') return formatVendorDate(value, 'dtPaymentDate', DATE_FORMATS.isoLocalDateTime);
	// The same date text (e.g. a fixed date for every item) is parsed once per run.
	const formatted = perRun(ctx, 'ccp:paymentDates', () => new Map<string, string>());
	let date = formatted.get(value);
	if (date === undefined) {
		date = formatVendorDate(value, 'dtPaymentDate', DATE_FORMATS.isoLocalDateTime);
		if (formatted.size < 1000) formatted.set(value, date);
	}
	return date;
}

/**
 * CCP's numeric IDs are .NET Int32 (the `int` prefix): at most 10 digits. Text goes into a SOAP
 * envelope, so what XML cannot carry is refused.
 */
export const CCP_ID = kinds.digits(10);
export const CCP_TEXT = kinds.text({ xml: true });

/** The optional CreatePayment fields public CCP client code uses, after the seed's eight. */
export const paymentAdditionalFields: INodeProperties[] = [
	withKind(CCP_ID, {
		displayName: 'Brand ID (intBrandID)',
		name: 'intBrandID',
		type: 'string',
		default: '',
		description: 'Brand the payment belongs to. Empty: the Brand ID of the credential.',
	}),
	withKind(CCP_ID, {
		displayName: 'Proforma ID (intProformaID)',
		name: 'intProformaID',
		type: 'string',
		default: '',
		description: 'ProformaID of the invoice, as Get Summary for Order returns it',
	}),
	withKind(CCP_ID, {
		displayName: 'Bank Account ID (intBankAccountID)',
		name: 'intBankAccountID',
		type: 'string',
		default: '',
		description: 'Bank account the payment was received into',
	}),
	withKind(kinds.amount(), {
		displayName: 'Net Amount (dbPaymentNetAmount)',
		name: 'dbPaymentNetAmount',
		type: 'string',
		default: '',
		placeholder: '10.00',
		description: 'Net part of the payment, a decimal with at most 2 decimals',
	}),
	withKind(kinds.amount(), {
		displayName: 'Tax Amount (dbPaymentTaxAmount)',
		name: 'dbPaymentTaxAmount',
		type: 'string',
		default: '',
		placeholder: '2.00',
		description: 'Tax part of the payment, a decimal with at most 2 decimals',
	}),
	withKind(kinds.amount(), {
		displayName: 'GBP Amount (dbGBPPaymentAmount)',
		name: 'dbGBPPaymentAmount',
		type: 'string',
		default: '',
		placeholder: '12.00',
		description: 'The payment amount in GBP, for payments in another currency',
	}),
	withKind(kinds.identifier(100, { xml: true }), {
		displayName: 'Gateway Type (GatewayType)',
		name: 'GatewayType',
		type: 'string',
		default: '',
		description: 'Payment gateway the money came through, as your CCP account names it',
	}),
];

export const transactionTypeField: INodeProperties = {
	displayName: 'Transaction Type (TransactionTypeID)',
	name: 'TransactionTypeID',
	type: 'options',
	options: [
		{ name: 'Invoice', value: 'Invoice', description: 'Pay an invoice' },
		{ name: 'Card Payment', value: 'CardPayment', description: 'A card payment against the invoice' },
	],
	default: 'Invoice',
	description: 'Set to Invoice to pay an invoice (the seed document\'s advice)',
};

function optionalAmount(value: unknown, field: string): string | undefined {
	return optionalText(value) === undefined ? undefined : formatAmount(parseAmount(value, field));
}

export interface PaymentContent {
	intInvoiceID: string;
	intBrandID: string;
	intSalesChannelID: string;
	strPaymentReference: string;
	dbPaymentAmount: string;
	intCustomerID: string;
	dtPaymentDate: string;
	TransactionTypeID: string;
	additional: IDataObject;
}

/** CreatePayment's Content in the seed's element order, then the optional elements. */
export function paymentContentElements(content: PaymentContent): XmlElement[] {
	const extra = content.additional;
	return [
		['intInvoiceID', content.intInvoiceID],
		['intBrandID', content.intBrandID],
		['intSalesChannelID', content.intSalesChannelID],
		['strPaymentReference', content.strPaymentReference],
		['dbPaymentAmount', content.dbPaymentAmount],
		['intCustomerID', content.intCustomerID],
		['dtPaymentDate', content.dtPaymentDate],
		['TransactionTypeID', content.TransactionTypeID],
		['intProformaID', optionalIntegerId(extra.intProformaID, 'intProformaID')],
		['intBankAccountID', optionalIntegerId(extra.intBankAccountID, 'intBankAccountID')],
		['dbPaymentNetAmount', optionalAmount(extra.dbPaymentNetAmount, 'dbPaymentNetAmount')],
		['dbPaymentTaxAmount', optionalAmount(extra.dbPaymentTaxAmount, 'dbPaymentTaxAmount')],
		['dbGBPPaymentAmount', optionalAmount(extra.dbGBPPaymentAmount, 'dbGBPPaymentAmount')],
		['GatewayType', optionalText(extra.GatewayType)],
	];
}

export const TRANSACTION_TYPES = ['Invoice', 'CardPayment'];

export { readOptions, type RunOptions } from '../../shared/fields';
