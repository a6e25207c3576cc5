import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields } from '../../../shared/fieldKinds';
import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { callCnbs, CREDENTIAL_TYPE, messagesOutput, normalizeFiscalYear } from '../../transport';
import { readOptions } from '../../helpers/utils';
import { documentFields } from '../common.descriptions';
import { DOCUMENT_STATUS, documentQuery } from '../../helpers/invoice';

const show = { resource: ['invoice'], operation: ['get'] };

export const description: INodeProperties[] = [...documentFields(show), optionsCollection(show, [timeoutOption])];

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
