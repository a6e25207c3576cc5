import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields } from '../../../shared/fieldKinds';
import { additionalFieldsCollection } from '../../../shared/fields';
import { readInvoiceParameters } from '../../helpers/invoiceBody';
import { invoiceAdditionalFields, invoiceFields, invoiceWriteOptions } from '../common.descriptions';
import { createInvoice } from '../../helpers/invoice';

const show = { resource: ['invoice'], operation: ['create'] };

export const description: INodeProperties[] = [
	...invoiceFields(show, []),
	additionalFieldsCollection(show, invoiceAdditionalFields),
	invoiceWriteOptions(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// Every field checked first: an object, a list or a boolean is never sent as text.
	const read = readFields(this, itemIndex, description);
	return await createInvoice(this, readInvoiceParameters(this, read), itemIndex);
}
