import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { IdentifierValue } from './identifier';
import { identifierQueryValue } from './identifier';
import { INVOICE } from '../actions/common.descriptions';
import { callCrm } from '../transport';

/** GET invoices/show: the identifier goes in the query as `invoice_identifier=number=INV001`. */
export async function readInvoice(
	ctx: IExecuteFunctions,
	invoice: IdentifierValue,
	fieldsSet: string | undefined,
	timeout: number,
): Promise<IDataObject> {
	const answer = await callCrm(
		ctx,
		{
			method: 'GET',
			resource: 'invoices/show',
			qs: {
				invoice_identifier: identifierQueryValue(invoice, INVOICE.name),
				...(fieldsSet ? { fields_set: fieldsSet } : {}),
			},
			timeout,
		},
	);
	return answer.data;
}
