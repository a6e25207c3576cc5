import type { IDataObject, ICredentialDataDecryptedObject } from 'n8n-workflow';

import { definedOnly, optionalText } from '../../shared/input';
import { objectsIn, optionalCnbsDate } from './utils';
import { InvalidInputError } from '../../shared/errors';
import type { CnbsContext } from '../transport';
import { callCnbs, FISCAL_YEAR, normalizeFiscalYear } from '../transport';

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

export const INVOICES_PATH = 'invoices';

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
