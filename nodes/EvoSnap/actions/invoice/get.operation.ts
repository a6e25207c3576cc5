import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields } from '../../../shared/fieldKinds';
import { additionalFieldsCollection, optionsCollection, timeoutOption } from '../../../shared/fields';
import { invoiceReferenceId, readOptions } from '../../helpers/utils';
import { invoiceReferenceIdField, merchantProfileIdField, scopeField } from '../common.descriptions';
import { readInvoice } from '../../helpers/invoice';

const show = { resource: ['invoice'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...invoiceReferenceIdField, displayOptions: { show } },
	additionalFieldsCollection(show, [merchantProfileIdField, scopeField]),
	optionsCollection(show, [timeoutOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = readFields(this, itemIndex, description);
	const id = invoiceReferenceId(fields.InvoiceReferenceId);
	const additional = (fields.additionalFields ?? {}) as IDataObject;
	const { timeout } = readOptions(this, itemIndex);
	return await readInvoice(this, id, additional, timeout);
}
