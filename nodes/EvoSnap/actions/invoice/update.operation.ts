import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields } from '../../../shared/fieldKinds';
import { additionalFieldsCollection } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import type { JsonTextValue } from '../../../shared/jsonText';
import { toPlainJson } from '../../../shared/jsonText';
import { buildEvoRequest, callEvo, CREDENTIAL_TYPE, describeEvoRequest } from '../../transport';
import { cardSecrets, invoiceRequestBody, readInvoiceParameters } from '../../helpers/invoiceBody';
import { invoiceReferenceId, readOptions } from '../../helpers/utils';
import { invoiceAdditionalFields, invoiceFields, invoiceReferenceIdField, invoiceWriteOptions } from '../common.descriptions';
import { keyFigures } from '../../helpers/invoice';

const show = { resource: ['invoice'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		...invoiceReferenceIdField,
		description: 'The invoice to update (InvoiceReferenceId)',
		hint: 'EVO replaces the invoice: as in EVO\'s own sample, every field is sent, empty ones as null. Read the invoice with Get and map its values to keep them.',
		displayOptions: { show },
	},
	...invoiceFields(show, []),
	additionalFieldsCollection(show, invoiceAdditionalFields),
	invoiceWriteOptions(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// Every field checked first: an object, a list or a boolean is never sent as text.
	const read = readFields(this, itemIndex, description);
	const id = invoiceReferenceId(read.InvoiceReferenceId);
	const parameters = readInvoiceParameters(this, read);
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const body = invoiceRequestBody(parameters, credentials, 'full');
	const { dryRun, timeout } = readOptions(this, itemIndex);
	const call = { method: 'PUT' as const, path: `/${id}`, body, timeout, secrets: cardSecrets(parameters) };
	const figures = {
		...keyFigures(toPlainJson(body as JsonTextValue) as IDataObject),
		Amount: (body.Invoice as { Amount: { text: string } }).Amount.text,
	};
	if (dryRun) {
		return {
			status: 'dry run',
			InvoiceReferenceId: id,
			...figures,
			request: describeEvoRequest(buildEvoRequest(credentials, call), call),
		};
	}
	const answer = await callEvo(this, call);
	return {
		status: 'updated',
		InvoiceReferenceId: id,
		...figures,
		...(answer !== '' && answer !== null ? { response: answer as IDataObject } : {}),
	};
}
