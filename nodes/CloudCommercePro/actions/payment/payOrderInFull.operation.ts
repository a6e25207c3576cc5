import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { sendPaymentOnce } from '../../../shared/retrySafety';

import { VendorError } from '../../../shared/errors';
import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { readFields, withKind } from '../../../shared/fieldKinds';
import { optionalText, parseIntegerId } from '../../../shared/input';
import { amountFromVendor } from '../../../shared/money';
import { refuseAboveMaximum } from '../../../shared/maximumAmount';
import { buildEnvelope } from '../../transport/credential';
import { buildHttpRequest, callCcp, describeRequest } from '../../transport';
import { CCP_TEXT, orderIdField, paymentAdditionalFields, paymentDateField, transactionTypeField } from '../common.descriptions';
import { credentialBrandId, getCcpCredentials, itemKeyOf, paymentDate, readOptions } from '../../helpers/utils';
import { paymentContentElements } from '../../helpers/payment';
import { readInvoiceSummary } from '../../helpers/invoice';
import type { OutputKeys } from '../../../shared/outputShape';

const show = { resource: ['payment'], operation: ['payOrderInFull'] };

export const description: INodeProperties[] = [
	{
		...orderIdField,
		description:
			'The order to pay, a whole number such as 5001. Its invoice, sales channel, customer and open amount (Amount - AmountPaid) are read from CCP first; an order without an invoice fails the item and nothing is paid.',
		displayOptions: { show },
	},
	withKind(CCP_TEXT, {
		displayName: 'Payment Reference (strPaymentReference)',
		name: 'strPaymentReference',
		type: 'string',
		default: '',
		placeholder: 'Payment made against external order: TEST23456',
		description: 'Empty: "Payment made against order" followed by the Order ID',
		displayOptions: { show },
	}),
	paymentDateField(show),
	{ ...transactionTypeField, displayOptions: { show } },
	additionalFieldsCollection(show, paymentAdditionalFields.filter((field) => field.name !== 'intBrandID')),
	optionsCollection(show, [
		{
			...dryRunOption,
			description:
				'Whether to only return the payment request that would be sent (the Security Hash masked). The invoice summary is still read; no payment is sent.',
		},
		timeoutOption,
	], { pays: true }),
];

/**
 * Items for the same order go one after the other, in input order, at any batch size: the
 * second one reads the summary after the first one paid, and is skipped instead of paying again.
 */
export function itemKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return itemKeyOf(this, itemIndex, 'orderId');
}

/** What each output item carries (see outputShape.ts). */
export const output: OutputKeys = {
	orderId: 'The order whose invoice is paid, as given',
	invoiceId: 'The order\'s invoice (InvoiceID from its summary)',
	amount: 'What was open and is paid, a decimal string ("0.00" when skipped)',
	paymentId: 'Cloud Commerce Pro\'s ID of the new payment (CreatePayment\'s Content)',
	paymentDate: 'The payment date sent (dtPaymentDate)',
	reference: 'The payment reference sent (strPaymentReference)',
	summary: 'The invoice summary read before paying (getInvoiceSummaryForOrderID)',
	request: 'Dry run only: the exact request that would be sent, secrets masked',
};

/** Pay Order in Full always reads the order's balance first and pays only what is open. */
export const payment: PaymentSafety = { checkedWhenRetried: () => true };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// Every field is checked before the summary is read: nothing is sent for a bad item.
	const input = readFields(this, itemIndex, description);
	const credentials = await getCcpCredentials(this);
	const orderId = parseIntegerId(input.orderId, 'Order ID');
	const additional = input.additionalFields as IDataObject;
	const reference = optionalText(input.strPaymentReference) ?? `Payment made against order ${orderId}`;
	const transactionType = String(input.TransactionTypeID);
	const date = paymentDate(this, input.dtPaymentDate);
	const { dryRun, timeout } = readOptions(this, itemIndex);

	const summary = await readInvoiceSummary(this, credentials, orderId, timeout);
	const invoiceId = String(summary.ID ?? '0');
	if (invoiceId === '0' || invoiceId === '') {
		throw new VendorError(
			`Order ${orderId} has no invoice (InvoiceID 0, typical for trade customers): nothing was paid`,
		);
	}
	const outstanding = amountFromVendor(summary.OutstandingAmount, 'OutstandingAmount');
	if (outstanding.minor <= 0n) {
		return {
			status: 'skipped: already paid',
			orderId,
			invoiceId,
			amount: '0.00',
			summary,
		};
	}
	// The open balance is what is paid: refused above the Maximum Amount, in a dry run too.
	refuseAboveMaximum((input.options as IDataObject | undefined)?.maximumAmount, summary.OutstandingAmount);
	const content = paymentContentElements({
		intInvoiceID: invoiceId,
		intBrandID: optionalText(summary.BrandID) ?? credentialBrandId(credentials),
		intSalesChannelID: parseIntegerId(summary.SalesChannelID, 'SalesChannelID (from the invoice summary)'),
		strPaymentReference: reference,
		dbPaymentAmount: summary.OutstandingAmount,
		intCustomerID: parseIntegerId(summary.CustomerID, 'CustomerID (from the invoice summary)'),
		dtPaymentDate: date,
		TransactionTypeID: transactionType,
		additional,
	});
	const envelope = buildEnvelope('CreatePayment', credentialBrandId(credentials), content);
	if (dryRun) {
		return {
			status: 'dry run',
			orderId,
			invoiceId,
			amount: summary.OutstandingAmount,
			request: describeRequest(buildHttpRequest(credentials, 'CreatePayment', envelope, timeout)),
			summary,
		};
	}
	const result = await sendPaymentOnce(this, [itemIndex], async () => await callCcp(this, credentials, 'CreatePayment', envelope, timeout));
	return {
		status: 'paid',
		orderId,
		invoiceId,
		amount: summary.OutstandingAmount,
		paymentId: String(result.Content ?? ''),
		paymentDate: date,
		reference,
		summary,
	};
}
