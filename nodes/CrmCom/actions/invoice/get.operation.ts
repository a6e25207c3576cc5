import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, optionsCollection, timeoutOption } from '../../../shared/fields';
import type { IdentifierValue } from '../../../shared/identifier';
import { identifierParameter, identifierQueryValue } from '../../../shared/identifier';
import { readFields } from '../../../shared/fieldKinds';
import { INVOICE } from '../../identifiers';
import { callCrm } from '../../transport';
import { fieldsSetField, optionalFieldsSet, readOptions } from '../common';

const show = { resource: ['invoice'], operation: ['get'] };

export const invoiceIdentifierField: INodeProperties = identifierParameter(INVOICE, {
	required: true,
	defaultMode: 'number',
	displayName: 'Invoice',
	description: 'The invoice (invoice_identifier), by exactly one of its ID (32 hexadecimal characters), number (e.g. INV001), reference number or back office code. Empty: the item fails naming this field, before anything is sent.',
});

export const description: INodeProperties[] = [
	{ ...invoiceIdentifierField, displayOptions: { show } },
	additionalFieldsCollection(show, [fieldsSetField]),
	optionsCollection(show, [timeoutOption]),
];

/** GET invoices/show: the identifier goes in the query as `invoice_identifier=number=INV001`. */
export async function readInvoice(
	ctx: IExecuteFunctions,
	invoice: IdentifierValue,
	fieldsSet: string | undefined,
	timeout: number,
	itemIndex: number,
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
		itemIndex,
	);
	return answer.data;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = readFields(this, itemIndex, description);
	const invoice = fields[INVOICE.name] as IdentifierValue;
	const additional = (fields.additionalFields ?? {}) as IDataObject;
	const fieldsSet = optionalFieldsSet(additional.fields_set);
	const { timeout } = readOptions(this, itemIndex);
	return await readInvoice(this, invoice, fieldsSet, timeout, itemIndex);
}
