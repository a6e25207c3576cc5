import type { INodeProperties } from 'n8n-workflow';

import { kinds, withKind } from '../../shared/fieldKinds';

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

/** dtPaymentDate of CreatePayment and PayOrderInFull. */
export function paymentDateField(show: Record<string, string[]>): INodeProperties {
	return withKind(kinds.dateTime(), {
		displayName: 'Payment Date (dtPaymentDate)',
		name: 'dtPaymentDate',
		type: 'dateTime',
		default: '',
		description: 'When the payment was made, sent as 2021-10-22T12:01:44. Empty: now.',
		displayOptions: { show },
	});
}

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

export const TRANSACTION_TYPES = ['Invoice', 'CardPayment'];

export const orderIdField: INodeProperties = withKind(CCP_ID, {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '123456',
	description: 'The CCP order whose invoice to read (sent as the bare OrderID in Content)',
});
