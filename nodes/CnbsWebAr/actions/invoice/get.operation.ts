import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { optionalText, requireText } from '../../../shared/input';
import { callCnbs, CREDENTIAL_TYPE, messagesOutput, normalizeFiscalYear } from '../../transport';
import { readOptions } from '../common';

const show = { resource: ['invoice'], operation: ['get'] };

/** The fields that name one billing document (Get and Download PDF). */
export function documentFields(shown: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Billing Document',
			name: 'billing_document_number',
			type: 'string',
			required: true,
			default: '={{ $json.billing_document_number }}',
			description: 'The billing document number. The default reads it from Invoice > Get Many\'s output.',
			displayOptions: { show: shown },
		},
		{
			displayName: 'Customer',
			name: 'customer_number',
			type: 'string',
			required: true,
			default: '={{ $json.payer_number }}',
			description: 'The customer the document belongs to. The default reads the payer from Invoice > Get Many\'s output.',
			displayOptions: { show: shown },
		},
		{
			displayName: 'Document Type',
			name: 'document_type',
			type: 'string',
			default: '01',
			description: 'The document type: 01 = invoice',
			displayOptions: { show: shown },
		},
	];
}

export const description: INodeProperties[] = [...documentFields(show), optionsCollection(show, [timeoutOption])];

export function readDocumentQuery(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		billing_document_number: requireText(ctx.getNodeParameter('billing_document_number', itemIndex, ''), 'billing_document_number'),
		document_type: optionalText(ctx.getNodeParameter('document_type', itemIndex, '01')) ?? '01',
		customer_number: requireText(ctx.getNodeParameter('customer_number', itemIndex, ''), 'customer_number'),
	};
}

/** document_status values of the header. */
export const DOCUMENT_STATUS: Record<string, string> = {
	'01': 'open',
	'02': 'partially cleared',
	'03': 'cleared',
	'04': 'cancelled',
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const query = readDocumentQuery(this, itemIndex);
	const { timeout } = readOptions(this, itemIndex);
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const { answer, messages } = await callCnbs(this, credentials, { method: 'GET', path: 'invoices/id', qs: query, timeout });
	const detail = (answer.detail !== null && typeof answer.detail === 'object' ? answer.detail : {}) as IDataObject;
	const header = (detail.header_data !== null && typeof detail.header_data === 'object' ? detail.header_data : {}) as IDataObject;
	const status = String(header.document_status ?? '').trim();
	return {
		header_data: normalizeFiscalYear(header),
		...(DOCUMENT_STATUS[status] ? { document_status_text: DOCUMENT_STATUS[status] } : {}),
		item_data: Array.isArray(detail.item_data) ? detail.item_data : [],
		partner_data: Array.isArray(detail.partner_data) ? detail.partner_data : [],
		messages: messagesOutput(messages),
	};
}
