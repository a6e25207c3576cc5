import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { optionalText } from '../../../shared/input';
import { callCnbs, CREDENTIAL_TYPE, maskPaymentData, normalizeFiscalYear } from '../../transport';
import { optionalCnbsDate, postingDateFilters, readOptions } from '../common';

const show = { resource: ['payment'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Payer',
		name: 'payer_number',
		type: 'string',
		default: '',
		placeholder: '3000',
		description: 'The payer whose payments to list',
		displayOptions: { show },
	},
	{
		displayName: 'Company Code Name or ID',
		name: 'company_code',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCompanyCodes' },
		default: '',
		hint: 'The company code (company_code). The list is read from CNBS\'s customizing.',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			...postingDateFilters,
			{
				displayName: 'Document Type',
				name: 'document_type',
				type: 'string',
				default: '02',
				description: 'The document type: 02 = payment',
			},
		],
	},
	optionsCollection(show, [timeoutOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {
		payer_number: optionalText(this.getNodeParameter('payer_number', itemIndex, '')),
		company_code: optionalText(this.getNodeParameter('company_code', itemIndex, '')),
		document_type: optionalText(filters.document_type) ?? '02',
		date_from: optionalCnbsDate(filters.date_from, 'date_from'),
		date_to: optionalCnbsDate(filters.date_to, 'date_to'),
	};
	const { timeout } = readOptions(this, itemIndex);
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const { answer } = await callCnbs(this, credentials, {
		method: 'GET',
		path: 'invoices/payments',
		qs: Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)),
		timeout,
	});
	const list = Array.isArray(answer.payment_list) ? answer.payment_list : [];
	// The list echoes card tokens: only their last four characters are output.
	return list
		.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object' && !Array.isArray(entry))
		.map((entry) => maskPaymentData(normalizeFiscalYear(entry)));
}
