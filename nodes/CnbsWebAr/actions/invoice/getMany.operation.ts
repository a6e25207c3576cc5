import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputKind } from '../../../shared/fieldKinds';
import { readFields, withKind } from '../../../shared/fieldKinds';
import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { CREDENTIAL_TYPE } from '../../transport';
import { CNBS_KINDS, documentTypeFilter, payerListFields, postingDateFilters } from '../common.descriptions';
import { readOptions } from '../../helpers/utils';
import { buildListQuery, readDocumentList } from '../../helpers/invoice';

const show = { resource: ['invoice'], operation: ['getMany'] };

/** The invoice list's text filters, in CNBS's order: [wire name, display name, description]. */
const TEXT_FILTERS: Array<[string, string, string, InputKind]> = [
	['soldto_number', 'Sold-To (soldto_number)', 'The sold-to party\'s customer number', CNBS_KINDS.payer],
	['sales_organization', 'Sales Organization (sales_organization)', 'The sales organization, e.g. 3000', CNBS_KINDS.salesOrganization],
	['distribution_channel', 'Distribution Channel (distribution_channel)', 'The distribution channel, e.g. 10', CNBS_KINDS.distributionChannel],
	['division', 'Division (division)', 'The division, e.g. 00', CNBS_KINDS.division],
];

export const description: INodeProperties[] = [
	...payerListFields(show, 'documents'),
	{
		displayName: 'Search Status',
		name: 'document_search_status',
		type: 'options',
		options: [
			{ name: 'Open (01)', value: '01' },
			{ name: 'Complete (02)', value: '02' },
			{ name: 'Both (03)', value: '03' },
		],
		default: '01',
		description: 'Which documents to list: open ones, complete (cleared) ones, or both',
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
			documentTypeFilter('01', 'invoice'),
			...TEXT_FILTERS.map(
				([name, displayName, text, kind]): INodeProperties =>
					withKind(kind, {
						displayName,
						name,
						type: 'string',
						default: '',
						description: text,
					}),
			),
		],
	},
	optionsCollection(show, [timeoutOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const fields = readFields(this, itemIndex, description);
	const filters = (fields.filters ?? {}) as IDataObject;
	const query = buildListQuery({
		...filters,
		payer_number: fields.payer_number,
		company_code: fields.company_code,
		document_search_status: fields.document_search_status,
	});
	const { timeout } = readOptions(this, itemIndex);
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	return await readDocumentList(this, credentials, query, timeout);
}
