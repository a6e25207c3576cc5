import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { amountFromVendor, formatAmount, subtractAmounts } from '../../shared/money';
import type { XmlNode } from '../transport/soap';
import { buildEnvelope } from '../transport/credential';
import { callCcp } from '../transport';
import { credentialBrandId } from './utils';


export interface InvoiceSummary extends IDataObject {
	OrderID: string;
	/** Amount - AmountPaid, as a decimal string. */
	OutstandingAmount: string;
}

export async function readInvoiceSummary(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	orderId: string,
	timeout: number,
): Promise<InvoiceSummary> {
	const envelope = buildEnvelope('getInvoiceSummaryForOrderID', credentialBrandId(credentials), orderId);
	const result = await callCcp(ctx, credentials, 'getInvoiceSummaryForOrderID', envelope, timeout);
	const content = (typeof result.Content === 'object' ? result.Content : {}) as Record<string, XmlNode>;
	const summary: IDataObject = {};
	for (const field of SUMMARY_FIELDS) {
		if (content[field] !== undefined) summary[field] = content[field] as string;
	}
	for (const [field, value] of Object.entries(content)) summary[field] ??= value as string;
	const outstanding = subtractAmounts(
		amountFromVendor(summary.Amount ?? '0', 'Amount'),
		amountFromVendor(summary.AmountPaid ?? '0', 'AmountPaid'),
	);
	return { OrderID: orderId, ...summary, OutstandingAmount: formatAmount(outstanding) };
}

/** The summary fields CCP returns, in its order. */
const SUMMARY_FIELDS = [
	'ID',
	'ProformaID',
	'BrandID',
	'SalesChannelID',
	'InvoiceDate',
	'CustomerID',
	'NetAmount',
	'VATAmount',
	'Amount',
	'AmountPaid',
];
