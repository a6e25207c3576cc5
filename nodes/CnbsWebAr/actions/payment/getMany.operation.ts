import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields } from '../../../shared/fieldKinds';
import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { definedOnly, optionalText } from '../../../shared/input';
import { objectsIn, optionalCnbsDate, readOptions } from '../../helpers/utils';
import { callCnbs, CREDENTIAL_TYPE, maskPaymentData, normalizeFiscalYear } from '../../transport';
import { documentTypeFilter, payerListFields, postingDateFilters } from '../common.descriptions';

const show = { resource: ['payment'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...payerListFields(show, 'payments'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			...postingDateFilters,
			documentTypeFilter('02', 'payment'),
		],
	},
	optionsCollection(show, [timeoutOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const fields = readFields(this, itemIndex, description);
	const filters = (fields.filters ?? {}) as IDataObject;
	const query: IDataObject = {
		payer_number: optionalText(fields.payer_number),
		company_code: optionalText(fields.company_code),
		document_type: optionalText(filters.document_type) ?? '02',
		date_from: optionalCnbsDate(filters.date_from, 'date_from'),
		date_to: optionalCnbsDate(filters.date_to, 'date_to'),
	};
	const { timeout } = readOptions(this, itemIndex);
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const { answer } = await callCnbs(this, credentials, {
		method: 'GET',
		path: 'invoices/payments',
		qs: definedOnly(query),
		timeout,
	});
	// The list echoes card tokens: only their last four characters are output.
	return objectsIn(answer.payment_list).map((entry) => maskPaymentData(normalizeFiscalYear(entry)));
}
