import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { sendPaymentOnce } from '../../../shared/retrySafety';

import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { optionalText, parseIntegerId } from '../../../shared/input';
import { formatAmount, parseAmount } from '../../../shared/money';
import { refuseAboveMaximum } from '../../../shared/maximumAmount';
import { buildEnvelope } from '../../transport/credential';
import { buildHttpRequest, callCcp, describeRequest } from '../../transport';
import { CCP_ID, CCP_TEXT, paymentAdditionalFields, paymentDateField, transactionTypeField } from '../common.descriptions';
import { credentialBrandId, getCcpCredentials, itemKeyOf, paymentDate, readOptions } from '../../helpers/utils';
import { paymentContentElements } from '../../helpers/payment';
import type { OutputKeys } from '../../../shared/outputShape';

const show = { resource: ['payment'], operation: ['create'] };

export const description: INodeProperties[] = [
	withKind(CCP_ID, {
		displayName: 'Invoice ID (intInvoiceID)',
		name: 'intInvoiceID',
		type: 'string',
		required: true,
		default: '',
		placeholder: '86592563',
		description: 'The invoice to pay: the ID that Get Summary for Order returns for the order, a whole number such as 86592563 (not the Order ID). Not a whole number: the item fails before anything is sent.',
		displayOptions: { show },
	}),
	withKind(CCP_ID, {
		displayName: 'Sales Channel ID (intSalesChannelID)',
		name: 'intSalesChannelID',
		type: 'string',
		required: true,
		default: '',
		placeholder: '36',
		description: 'The invoice\'s sales channel (SalesChannelID in Get Summary for Order)',
		displayOptions: { show },
	}),
	withKind(CCP_TEXT, {
		displayName: 'Payment Reference (strPaymentReference)',
		name: 'strPaymentReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Payment made against external order: TEST23456',
		description: 'A short description; CCP recommends embedding the order reference',
		displayOptions: { show },
	}),
	withKind(kinds.amount(), {
		displayName: 'Amount (dbPaymentAmount)',
		name: 'dbPaymentAmount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12.00',
		description: 'Amount to pay: a positive decimal string with at most 2 decimals, no currency sign, e.g. 12.00 (sent as 12.00). Anything else (12,50, -5, 1.234) fails the item before anything is sent.',
		displayOptions: { show },
	}),
	withKind(CCP_ID, {
		displayName: 'Customer ID (intCustomerID)',
		name: 'intCustomerID',
		type: 'string',
		required: true,
		default: '',
		placeholder: '96354316',
		description: 'The invoice\'s customer (CustomerID in Get Summary for Order, or the ID Add Customer returned)',
		displayOptions: { show },
	}),
	paymentDateField(show),
	{ ...transactionTypeField, displayOptions: { show } },
	additionalFieldsCollection(show, paymentAdditionalFields),
	optionsCollection(show, [dryRunOption, timeoutOption], { pays: true }),
];

/** Payments of the same invoice go one after the other, in input order, at any batch size. */
export function itemKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return itemKeyOf(this, itemIndex, 'intInvoiceID');
}

/** What each output item carries (see outputShape.ts). */
export const output: OutputKeys = {
	invoiceId: 'The invoice paid (intInvoiceID), as sent',
	amount: 'The amount paid (dbPaymentAmount), a decimal string such as "12.00"',
	paymentId: 'Cloud Commerce Pro\'s ID of the new payment (CreatePayment\'s Content)',
	paymentDate: 'The payment date sent (dtPaymentDate), such as 2021-10-22T12:01:44',
	reference: 'The payment reference sent (strPaymentReference)',
	transactionType: 'The transaction type sent (TransactionTypeID)',
	success: 'Cloud Commerce Pro\'s Success flag of the answer (true when paid)',
	request: 'Dry run only: the exact request that would be sent, secrets masked',
};

/** Create Payment reads nothing before paying: a retried execution cannot tell whether it paid. */
export const payment: PaymentSafety = { checkedWhenRetried: () => false };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = readFields(this, itemIndex, description);
	const credentials = await getCcpCredentials(this);
	const param = (name: string) => input[name];
	const additional = input.additionalFields as IDataObject;
	const { dryRun, timeout } = readOptions(this, itemIndex);

	const transactionType = String(param('TransactionTypeID'));
	const amount = formatAmount(parseAmount(param('dbPaymentAmount'), 'dbPaymentAmount'));
	refuseAboveMaximum((input.options as IDataObject | undefined)?.maximumAmount, amount);
	const brandId =
		optionalText(additional.intBrandID) === undefined
			? credentialBrandId(credentials)
			: parseIntegerId(additional.intBrandID, 'intBrandID');
	const payment = {
		intInvoiceID: parseIntegerId(param('intInvoiceID'), 'intInvoiceID'),
		intBrandID: brandId,
		intSalesChannelID: parseIntegerId(param('intSalesChannelID'), 'intSalesChannelID'),
		strPaymentReference: String(param('strPaymentReference')),
		dbPaymentAmount: amount,
		intCustomerID: parseIntegerId(param('intCustomerID'), 'intCustomerID'),
		dtPaymentDate: paymentDate(this, param('dtPaymentDate')),
		TransactionTypeID: transactionType,
		additional,
	};
	const content = paymentContentElements(payment);
	const envelope = buildEnvelope('CreatePayment', credentialBrandId(credentials), content);

	if (dryRun) {
		return {
			status: 'dry run',
			request: describeRequest(buildHttpRequest(credentials, 'CreatePayment', envelope, timeout)),
		};
	}
	const result = await sendPaymentOnce(this, [itemIndex], async () => await callCcp(this, credentials, 'CreatePayment', envelope, timeout));
	return {
		status: 'paid',
		success: true,
		paymentId: String(result.Content ?? ''),
		invoiceId: payment.intInvoiceID,
		amount,
		paymentDate: payment.dtPaymentDate,
		reference: payment.strPaymentReference,
		transactionType,
	};
}
