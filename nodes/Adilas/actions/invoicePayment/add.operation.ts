import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { refuseAboveMaximum } from '../../../shared/maximumAmount';
import { getAdilasCredentials, readOptions } from '../../helpers/utils';
import { ADILAS_ID, HINT_NO_BALANCE } from '../common.descriptions';
import { AddPaymentInput, addPayment } from '../../helpers/payment';
import type { OutputKeys } from '../../../shared/outputShape';

const show = { resource: ['invoicePayment'], operation: ['add'] };

/** The seed's money types ("some examples"); any other ID can be given by number. */

const OTHER_MONEY_TYPE = 'byNumber';

export const description: INodeProperties[] = [
	{
		displayName: HINT_NO_BALANCE,
		name: 'noBalanceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	withKind(ADILAS_ID, {
		displayName: 'Invoice Number (INVOICE_NUMBER)',
		name: 'INVOICE_NUMBER',
		type: 'string',
		required: true,
		default: '={{ $json.INVOICE_NUMBER }}',
		placeholder: '78',
		description:
			'The main invoice\'s number (a whole number, e.g. 78), the key that ties it to its payments. Run Invoice > Start first and use its number: by default this reads INVOICE_NUMBER from the input item, which is what Start outputs. Not a whole number: the item fails before anything is sent.',
		displayOptions: { show },
	}),
	withKind(kinds.amount(), {
		displayName: 'Amount Paid (AMOUNT_PAID)',
		name: 'AMOUNT_PAID',
		type: 'string',
		required: true,
		default: '',
		placeholder: '15.00',
		description: 'The amount that was paid: a positive decimal string with at most 2 decimals, no currency sign, e.g. 15.00 (sent as the number 15.5). Anything else (12,50, -5, 1.234) fails the item before anything is sent.',
		hint: 'adilas cannot tell how much is still open on the invoice: nothing checks this amount against it',
		displayOptions: { show },
	}),
	{
		displayName: 'Money Type (MONEY_TYPE_ID)',
		name: 'MONEY_TYPE_ID',
		type: 'options',
		// The seed's money types ("some examples"); any other ID can be given by number.
		options: [
			{ name: 'Cash (2)', value: 2 },
			{ name: 'Check (3)', value: 3 },
			{ name: 'Amex (4)', value: 4 },
			{ name: 'Discover (5)', value: 5 },
			{ name: 'MasterCard (6)', value: 6 },
			{ name: 'Visa (7)', value: 7 },
			{ name: 'On Account (13)', value: 13 },
			{ name: 'Money Order (19)', value: 19 },
			{ name: 'Gift Card/Certificate (20)', value: 20 },
			{ name: 'Coupon (21)', value: 21 },
			{ name: 'Drawer-Cash/Till (22)', value: 22 },
			{ name: 'PayPal (23)', value: 23 },
			{ name: 'Other (24)', value: 24 },
			{ name: 'Payout-Cash/Till (25)', value: 25 },
			{ name: 'Other Money Type (by Number)', value: OTHER_MONEY_TYPE, description: 'Any other money type ID of your corporation' },
		],
		default: 2,
		description:
			'How it was paid. The list holds the seed\'s examples; your corporation may have more: find them on adilas\'s advanced invoice search page (View Source shows the IDs). adilas\'s own default, 0, is refused (dataIn).',
		displayOptions: { show },
	},
	withKind(ADILAS_ID, {
		displayName: 'Money Type ID',
		name: 'moneyTypeNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '26',
		description: 'The MONEY_TYPE_ID to send, a whole number',
		displayOptions: { show: { ...show, MONEY_TYPE_ID: [OTHER_MONEY_TYPE] } },
	}),
	{
		displayName: 'Merchant Setting ID (MERCHANT_SETTING_ID)',
		name: 'MERCHANT_SETTING_ID',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description:
			'The merchant setting ID (adilas\'s default is 1). For actual merchant processing look it up inside adilas: the admin corp-wide settings for eCommerce, e.g. getSpecificCorpWideSettings with web_merchant_setting_id in its field list (Other > Call Function).',
		displayOptions: { show },
	},
	additionalFieldsCollection(show, [
		withKind(kinds.text(), {
			displayName: 'Actual Trans Number (ACTUAL_TRANS_NUMBER)',
			name: 'ACTUAL_TRANS_NUMBER',
			type: 'string',
			default: '',
			placeholder: '23',
			description:
				'The actual credit card transaction number if known: usually an ID the card gateway passed back, for a future look-up. Blank by default. A plain whole number is sent as a number, as in adilas\'s sample.',
		}),
		withKind(ADILAS_ID, {
			displayName: 'Corp ID (CORP_ID)',
			name: 'CORP_ID',
			type: 'string',
			default: '',
			placeholder: '53',
			description:
				'Your corporation ID (business world number). Empty: the number in the credential\'s corp key (PLA-0053 is 53). Another number is refused before anything is sent.',
		}),
		withKind(kinds.text(), {
			displayName: 'Payment Check Number (PAYMENT_CHECK_NUMBER)',
			name: 'PAYMENT_CHECK_NUMBER',
			type: 'string',
			default: '',
			placeholder: '1003',
			description: 'The check number if applicable (always sent as text)',
		}),
		withKind(kinds.text(), {
			displayName: 'Payment Notes (PAYMENT_NOTES)',
			name: 'PAYMENT_NOTES',
			type: 'string',
			default: '',
			description: 'Notes stored with the payment',
		}),
		withKind(kinds.date(), {
			displayName: 'Transaction Date (TRANSACTION_DATE)',
			name: 'TRANSACTION_DATE',
			type: 'dateTime',
			default: '',
			description:
				'The transaction date, sent as 2015-03-24. Empty: the date of Transaction Date Time, else today in the workflow\'s time zone.',
		}),
		withKind(kinds.dateTime(), {
			displayName: 'Transaction Date Time (TRANSACTION_DATE_TIME)',
			name: 'TRANSACTION_DATE_TIME',
			type: 'dateTime',
			default: '',
			description:
				'The payment\'s time stamp, sent as 2015-03-24 11:54:00. Empty: now in the workflow\'s time zone (on the Transaction Date when one is given). If the invoice is a Metrc delivery, adilas tries to auto-complete the delivery with this time stamp as the actual delivery time.',
		}),
		withKind(kinds.text(), {
			displayName: 'Transaction Number (TRANSACTION_NUMBER)',
			name: 'TRANSACTION_NUMBER',
			type: 'string',
			default: '',
			placeholder: '24',
			description:
				'The card validation or authorization code, or any special detail (wire number, transaction number ...). A plain whole number is sent as a number, as in adilas\'s sample.',
		}),
		withKind(kinds.digits(10, { allowZero: true }), {
			displayName: 'Transaction Processed By ID (TRANSACTION_PROCESSED_BY_ID)',
			name: 'TRANSACTION_PROCESSED_BY_ID',
			type: 'string',
			default: '',
			placeholder: '178',
			description:
				'The payee (user) ID of the person doing the transaction, for the history message. Empty: 0, so adilas uses the payee making the call (the credential\'s Current Payee ID).',
		}),
	]),
	optionsCollection(show, [dryRunOption, timeoutOption], { pays: true }),
];

function readInput(ctx: IExecuteFunctions, itemIndex: number): AddPaymentInput {
	const input = readFields(ctx, itemIndex, description);
	return {
		INVOICE_NUMBER: input.INVOICE_NUMBER,
		AMOUNT_PAID: input.AMOUNT_PAID,
		MONEY_TYPE_ID: input.MONEY_TYPE_ID === OTHER_MONEY_TYPE ? input.moneyTypeNumber : input.MONEY_TYPE_ID,
		MERCHANT_SETTING_ID: input.MERCHANT_SETTING_ID ?? 1,
		extra: input.additionalFields as IDataObject,
		maximumAmount: ((input.options as IDataObject | undefined) ?? {}).maximumAmount,
	};
}

/** What each output item carries (see outputShape.ts): the call's arguments as sent, then adilas's answer. */
export const output: OutputKeys = {
	function: 'The adilas function called (addInvoicePayment)',
	amount: 'The amount paid, a decimal string',
	CORP_ID: 'The corporation (CORP_ID), as sent',
	INVOICE_NUMBER: 'The invoice paid, as sent',
	MERCHANT_SETTING_ID: 'The merchant setting, as sent',
	MONEY_TYPE_ID: 'The money type, as sent',
	TRANSACTION_DATE: 'The transaction date, as sent',
	TRANSACTION_DATE_TIME: 'The transaction date and time, as sent',
	ACTUAL_TRANS_NUMBER: 'The actual transaction number, as sent',
	AMOUNT_PAID: 'The amount paid, as sent',
	PAYMENT_CHECK_NUMBER: 'The check number, as sent',
	PAYMENT_NOTES: 'The payment notes, as sent',
	TRANSACTION_NUMBER: 'The transaction number, as sent',
	TRANSACTION_PROCESSED_BY_ID: 'Who processed the transaction, as sent',
	RET_STATUS: 'adilas\'s answer status (1: done)',
	RET_MAIN_MESSAGE: 'adilas\'s main message',
	RET_SECOND_MESSAGE: 'adilas\'s second message',
	request: 'Dry run only: the exact request that would be sent, secrets masked',
};

/** adilas has no balance to read: a retried execution cannot tell whether a payment was made. */
export const payment: PaymentSafety = { checkedWhenRetried: () => false };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = readInput(this, itemIndex);
	refuseAboveMaximum(input.maximumAmount, input.AMOUNT_PAID);
	const credentials = await getAdilasCredentials(this);
	return await addPayment(this, credentials, input, readOptions(this, itemIndex), itemIndex);
}
