import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { sendPaymentOnce } from '../../../shared/retrySafety';

import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { optionalText, parseIntegerId, requireText } from '../../../shared/input';
import { formatAmount, InvalidInputError, parseAmount } from '../../../shared/money';
import { buildEnvelope, buildHttpRequest, callCcp, describeRequest } from '../../transport';
import {
	credentialBrandId,
	getCcpCredentials,
	itemKeyOf,
	itemParameter,
	paymentAdditionalFields,
	paymentContentElements,
	paymentDate,
	readOptions,
	TRANSACTION_TYPES,
	transactionTypeField,
} from '../common';

const show = { resource: ['payment'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Invoice ID (intInvoiceID)',
		name: 'intInvoiceID',
		type: 'string',
		required: true,
		default: '',
		placeholder: '86592563',
		description: 'The invoice to pay: the ID that Get Summary for Order returns for the order, a whole number such as 86592563 (not the Order ID). Not a whole number: the item fails before anything is sent.',
		displayOptions: { show },
	},
	{
		displayName: 'Sales Channel ID (intSalesChannelID)',
		name: 'intSalesChannelID',
		type: 'string',
		required: true,
		default: '',
		placeholder: '36',
		description: 'The invoice\'s sales channel (SalesChannelID in Get Summary for Order)',
		displayOptions: { show },
	},
	{
		displayName: 'Payment Reference (strPaymentReference)',
		name: 'strPaymentReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Payment made against external order: TEST23456',
		description: 'A short description; CCP recommends embedding the order reference',
		displayOptions: { show },
	},
	{
		displayName: 'Amount (dbPaymentAmount)',
		name: 'dbPaymentAmount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12.00',
		description: 'Amount to pay: a positive decimal string with at most 2 decimals, no currency sign, e.g. 12.00 (sent as 12.00). Anything else (12,50, -5, 1.234) fails the item before anything is sent.',
		displayOptions: { show },
	},
	{
		displayName: 'Customer ID (intCustomerID)',
		name: 'intCustomerID',
		type: 'string',
		required: true,
		default: '',
		placeholder: '96354316',
		description: 'The invoice\'s customer (CustomerID in Get Summary for Order, or the ID Add Customer returned)',
		displayOptions: { show },
	},
	{
		displayName: 'Payment Date (dtPaymentDate)',
		name: 'dtPaymentDate',
		type: 'dateTime',
		default: '',
		description: 'When the payment was made, sent as 2021-10-22T12:01:44. Empty: now.',
		displayOptions: { show },
	},
	{ ...transactionTypeField, displayOptions: { show } },
	additionalFieldsCollection(show, paymentAdditionalFields),
	optionsCollection(show, [dryRunOption, timeoutOption], { pays: true }),
];

/** Payments of the same invoice go one after the other, in input order, at any batch size. */
export function itemKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return itemKeyOf(this, itemIndex, 'intInvoiceID');
}

/** Create Payment reads nothing before paying: a retried execution cannot tell whether it paid. */
export const payment: PaymentSafety = { checkedWhenRetried: () => false };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const credentials = await getCcpCredentials(this);
	const param = (name: string) => itemParameter(this, itemIndex, name);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { dryRun, timeout } = readOptions(this, itemIndex);

	const transactionType = requireText(param('TransactionTypeID'), 'TransactionTypeID');
	if (!TRANSACTION_TYPES.includes(transactionType)) {
		throw new InvalidInputError(
			'TransactionTypeID',
			`TransactionTypeID must be one of ${TRANSACTION_TYPES.join(', ')}, got "${transactionType}"`,
		);
	}
	const amount = formatAmount(parseAmount(param('dbPaymentAmount'), 'dbPaymentAmount'));
	const brandId =
		optionalText(additional.intBrandID) === undefined
			? credentialBrandId(credentials)
			: parseIntegerId(additional.intBrandID, 'intBrandID');
	const payment = {
		intInvoiceID: parseIntegerId(param('intInvoiceID'), 'intInvoiceID'),
		intBrandID: brandId,
		intSalesChannelID: parseIntegerId(param('intSalesChannelID'), 'intSalesChannelID'),
		strPaymentReference: requireText(param('strPaymentReference'), 'strPaymentReference'),
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
			operation: 'CreatePayment',
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
