import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, optionsCollection, timeoutOption } from '../../../shared/fields';
import type { IdentifierValue } from '../../helpers/identifier';
import { readFields } from '../../../shared/fieldKinds';
import { INVOICE, fieldsSetField, invoiceIdentifierField } from '../common.descriptions';
import { optionalFieldsSet, readOptions } from '../../helpers/utils';
import { readInvoice } from '../../helpers/invoice';

const show = { resource: ['invoice'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...invoiceIdentifierField, displayOptions: { show } },
	additionalFieldsCollection(show, [fieldsSetField]),
	optionsCollection(show, [timeoutOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = readFields(this, itemIndex, description);
	const invoice = fields[INVOICE.name] as IdentifierValue;
	const additional = (fields.additionalFields ?? {}) as IDataObject;
	const fieldsSet = optionalFieldsSet(additional.fields_set, 'Fields Set');
	const { timeout } = readOptions(this, itemIndex);
	return await readInvoice(this, invoice, fieldsSet, timeout);
}
