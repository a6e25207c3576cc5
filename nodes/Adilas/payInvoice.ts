import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { kinds, withKind } from '../shared/fieldKinds';
import type { PayInvoiceAdapter, PayInvoiceRequest, PreparedPayment } from '../shared/adapter';
import { optionalText } from '../shared/input';
import { InvalidInputError } from '../shared/errors';
import { getAdilasCredentials } from './helpers/utils';
import type { AddPaymentInput } from './helpers/payment';
import { ADILAS_ID } from './actions/common.descriptions';
import { buildCall, sendPayment } from './helpers/payment';
import { CREDENTIAL_TYPE, describeRequest, secretsOf, VENDOR } from './transport';

/** Names of this vendor's extra fields in the Pay Invoice node. */
const FIELD = {
	moneyTypeId: 'adilasMoneyTypeId',
	merchantSettingId: 'adilasMerchantSettingId',
	checkNumber: 'adilasPaymentCheckNumber',
	notes: 'adilasPaymentNotes',
} as const;

/** The seed's money types by name, so a generic "payment method" can name one. */
const MONEY_TYPE_BY_NAME: Record<string, number> = {
	cash: 2,
	check: 3,
	cheque: 3,
	amex: 4,
	'american express': 4,
	discover: 5,
	mastercard: 6,
	visa: 7,
	'on account': 13,
	'money order': 19,
	'gift card': 20,
	'gift card/certificate': 20,
	coupon: 21,
	'drawer-cash/till': 22,
	paypal: 23,
	other: 24,
	'payout-cash/till': 25,
};

const extraFields: INodeProperties[] = [
	withKind(ADILAS_ID, {
		displayName: 'Money Type ID (MONEY_TYPE_ID)',
		name: FIELD.moneyTypeId,
		type: 'string',
		default: '',
		placeholder: '2',
		description:
			'The adilas money type: 2 Cash, 3 Check, 4 Amex, 5 Discover, 6 MasterCard, 7 Visa, 13 On Account, 19 Money Order, 20 Gift Card/Certificate, 21 Coupon, 22 Drawer-Cash/Till, 23 PayPal, 24 Other, 25 Payout-Cash/Till, or your own. Empty: the Payment Method field, by name or number.',
	}),
	{
		displayName: 'Merchant Setting ID (MERCHANT_SETTING_ID)',
		name: FIELD.merchantSettingId,
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description: 'The merchant setting (adilas\'s default is 1); for actual merchant processing look it up inside adilas (web_merchant_setting_id)',
	},
	withKind(kinds.text(), {
		displayName: 'Payment Check Number (PAYMENT_CHECK_NUMBER)',
		name: FIELD.checkNumber,
		type: 'string',
		default: '',
		placeholder: '1003',
		description: 'The check number, when the invoice was paid by check',
	}),
	withKind(kinds.text(), {
		displayName: 'Payment Notes (PAYMENT_NOTES)',
		name: FIELD.notes,
		type: 'string',
		default: '',
		placeholder: 'Paid at the counter',
		description: 'A note adilas keeps with the payment',
	}),
];

/** The Payment Method as an adilas money type: a number as given, or a money type's name. */
function moneyTypeOfMethod(method: string): string | number {
	if (/^\d+$/.test(method)) return method;
	const id = MONEY_TYPE_BY_NAME[method.toLowerCase()];
	if (id === undefined) {
		throw new InvalidInputError(
			'Payment Method',
			`adilas has no money type named "${method}": use one of ${Object.keys(MONEY_TYPE_BY_NAME).join(', ')}, or its number`,
		);
	}
	return id;
}

function moneyTypeOf(request: PayInvoiceRequest): unknown {
	const given = optionalText(request.extra[FIELD.moneyTypeId]);
	const method = optionalText(request.paymentMethod);
	if (method === undefined) {
		if (given !== undefined) return given;
		throw new InvalidInputError('Payment Method', 'adilas needs a money type: set Money Type ID or Payment Method (e.g. Cash, Visa, 2)');
	}
	const fromMethod = moneyTypeOfMethod(method);
	// Both set and different: which one was meant is not known, so neither is picked silently.
	if (given !== undefined && String(fromMethod) !== given) {
		throw new InvalidInputError(
			'Payment Method',
			`Payment Method "${method}" is adilas money type ${String(fromMethod)}, but Money Type ID is ${given}: set one of them`,
		);
	}
	return fromMethod;
}

/**
 * adilas for the generic Pay Invoice node: addInvoicePayment of a given amount. adilas cannot
 * read an invoice's balance, so "full open balance", "check first" and a currency are refused by
 * the node (see the capabilities), never guessed.
 */
export const adilasPayInvoiceAdapter: PayInvoiceAdapter = {
	key: 'adilas',
	vendor: VENDOR,
	credentialType: CREDENTIAL_TYPE,
	capabilities: {
		fullBalance: false,
		givenAmount: true,
		balanceCheck: false,
		currency: false,
		paymentDate: { sentAs: 'TRANSACTION_DATE_TIME' },
		paymentReference: { sentAs: 'TRANSACTION_NUMBER' },
		paymentMethod: { sentAs: 'MONEY_TYPE_ID' },
	},
	invoiceReferenceHint:
		'The adilas main invoice number (INVOICE_NUMBER, as Start gives it). adilas cannot read a balance: give the amount to pay.',
	invoiceReferencePlaceholder: '78',
	invoiceReferenceKind: ADILAS_ID,
	extraFields,
	secretsOf,

	async prepare(this: IExecuteFunctions, request: PayInvoiceRequest): Promise<PreparedPayment> {
		const paymentDate = request.paymentDate;
		const dateOnly = typeof paymentDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(paymentDate.trim());
		const extra: IDataObject = {
			TRANSACTION_NUMBER: request.paymentReference ?? '',
			PAYMENT_CHECK_NUMBER: request.extra[FIELD.checkNumber] ?? '',
			PAYMENT_NOTES: request.extra[FIELD.notes] ?? '',
			...(dateOnly ? { TRANSACTION_DATE: paymentDate } : { TRANSACTION_DATE_TIME: paymentDate ?? '' }),
		};
		const input: AddPaymentInput = {
			INVOICE_NUMBER: request.invoiceReference,
			AMOUNT_PAID: request.amount,
			MONEY_TYPE_ID: moneyTypeOf(request),
			MERCHANT_SETTING_ID: request.extra[FIELD.merchantSettingId] ?? 1,
			extra,
		};
		const credentials = await getAdilasCredentials(this);
		// Built (and so checked) now, before anything is sent.
		const call = buildCall(this, credentials, input);
		return {
			amount: request.amount,
			request: describeRequest(credentials, call),
			send: async () => {
				const outcome = await sendPayment(this, credentials, call, request.timeout);
				return {
					amount: String(outcome.amount),
					paidAt: outcome.TRANSACTION_DATE_TIME === undefined ? undefined : String(outcome.TRANSACTION_DATE_TIME),
					vendorResponse: outcome,
				};
			},
		};
	},
};
