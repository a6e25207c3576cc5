import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputKind } from '../../../shared/fieldKinds';
import { readFields, withKind } from '../../../shared/fieldKinds';
import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { definedOnly, objectsIn, optionalText } from '../../../shared/input';
import { InvalidInputError } from '../../../shared/money';
import type { CnbsContext } from '../../transport';
import { callCnbs, CREDENTIAL_TYPE, FISCAL_YEAR, normalizeFiscalYear } from '../../transport';
import { CNBS_KINDS, documentTypeFilter, optionalCnbsDate, payerListFields, postingDateFilters, readOptions } from '../common';

const show = { resource: ['invoice'], operation: ['getMany'] };

export const INVOICES_PATH = 'invoices';

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

/** The invoice list query, in CNBS's parameter order; empty filters are not sent. */
export function buildListQuery(values: IDataObject): IDataObject {
	const status = optionalText(values.document_search_status) ?? '01';
	if (!['01', '02', '03'].includes(status)) {
		throw new InvalidInputError(
			'document_search_status',
			`document_search_status must be 01 (open), 02 (complete) or 03 (both), got "${status}"`,
		);
	}
	const query: IDataObject = {
		soldto_number: optionalText(values.soldto_number),
		sales_organization: optionalText(values.sales_organization),
		distribution_channel: optionalText(values.distribution_channel),
		division: optionalText(values.division),
		payer_number: optionalText(values.payer_number),
		company_code: optionalText(values.company_code),
		document_type: optionalText(values.document_type) ?? '01',
		document_search_status: status,
		date_from: optionalCnbsDate(values.date_from, 'date_from'),
		date_to: optionalCnbsDate(values.date_to, 'date_to'),
	};
	return definedOnly(query);
}

/**
 * The documents of `document_list`, one object per document, with the fiscal year under the
 * payment request's spelling and the company code of the query when CNBS leaves it out.
 */
export async function readDocumentList(
	ctx: CnbsContext,
	credentials: ICredentialDataDecryptedObject,
	query: IDataObject,
	timeout: number,
): Promise<IDataObject[]> {
	const { answer } = await callCnbs(ctx, credentials, { method: 'GET', path: INVOICES_PATH, qs: query, timeout });
	return objectsIn(answer.document_list).map((entry) => {
		const document = normalizeFiscalYear(entry);
		if (query.company_code !== undefined && (document.company_code === undefined || document.company_code === '')) {
			document.company_code = query.company_code;
		}
		return document;
	});
}

function same(a: unknown, b: unknown): boolean {
	const text = (value: unknown) => String(value ?? '').trim().replace(/^0+(?=\d)/, '');
	return text(a) === text(b);
}

/** The listed document with this number, fiscal year and line item. */
export function findDocument(
	list: IDataObject[],
	document: { document_number_finance: string; fiscal_year_of_the_relevant_invoice: number; line_item_in_the_relevant_invoice: number },
): IDataObject | undefined {
	return list.find(
		(entry) =>
			same(entry.document_number_finance, document.document_number_finance) &&
			same(entry[FISCAL_YEAR], document.fiscal_year_of_the_relevant_invoice) &&
			(entry.line_item_in_the_relevant_invoice === undefined ||
				same(entry.line_item_in_the_relevant_invoice, document.line_item_in_the_relevant_invoice)),
	);
}

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
