import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields, withKind } from '../../../shared/fieldKinds';
import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { parseIntegerId } from '../../../shared/input';
import { amountFromVendor, formatAmount, subtractAmounts } from '../../../shared/money';
import type { XmlNode } from '../../../shared/soap';
import { buildEnvelope, callCcp } from '../../transport';
import { CCP_ID, credentialBrandId, getCcpCredentials, readOptions } from '../common';

const show = { resource: ['invoice'], operation: ['getSummaryForOrder'] };

export const orderIdField: INodeProperties = withKind(CCP_ID, {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '123456',
	description: 'The CCP order whose invoice to read (sent as the bare OrderID in Content)',
});

export const description: INodeProperties[] = [
	{ ...orderIdField, displayOptions: { show } },
	optionsCollection(show, [timeoutOption]),
];

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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = readFields(this, itemIndex, description);
	const credentials = await getCcpCredentials(this);
	const orderId = parseIntegerId(fields.orderId, 'Order ID');
	const { timeout } = readOptions(this, itemIndex);
	return await readInvoiceSummary(this, credentials, orderId, timeout);
}
