import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields, withKind } from '../../../shared/fieldKinds';
import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { callCnbs, CREDENTIAL_TYPE, messagesOutput, normalizeFiscalYear } from '../../transport';
import { CNBS_KINDS, readOptions } from '../common';

const show = { resource: ['invoice'], operation: ['get'] };

/** The fields that name one billing document (Get and Download PDF). */
export function documentFields(shown: Record<string, string[]>): INodeProperties[] {
	return [
		withKind(CNBS_KINDS.documentNumber, {
			displayName: 'Billing Document',
			name: 'billing_document_number',
			type: 'string',
			required: true,
			default: '={{ $json.billing_document_number }}',
			description: 'The billing document number. The default reads it from Invoice > Get Many\'s output.',
			displayOptions: { show: shown },
		}),
		withKind(CNBS_KINDS.payer, {
			displayName: 'Customer',
			name: 'customer_number',
			type: 'string',
			required: true,
			default: '={{ $json.payer_number }}',
			description: 'The customer the document belongs to. The default reads the payer from Invoice > Get Many\'s output.',
			displayOptions: { show: shown },
		}),
		withKind(CNBS_KINDS.documentType, {
			displayName: 'Document Type',
			name: 'document_type',
			type: 'string',
			default: '01',
			description: 'The document type: 01 = invoice',
			displayOptions: { show: shown },
		}),
	];
}

export const description: INodeProperties[] = [...documentFields(show), optionsCollection(show, [timeoutOption])];

/** The document's query from the checked fields (readFields). */
export function documentQuery(fields: IDataObject): IDataObject {
	return {
		billing_document_number: fields.billing_document_number,
		document_type: fields.document_type ?? '01',
		customer_number: fields.customer_number,
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
	const fields = readFields(this, itemIndex, description);
	const query = documentQuery(fields);
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
