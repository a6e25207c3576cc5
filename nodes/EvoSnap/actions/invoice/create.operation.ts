import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields } from '../../../shared/fieldKinds';
import { additionalFieldsCollection } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import type { JsonTextValue } from '../../../shared/jsonText';
import { toPlainJson } from '../../../shared/jsonText';
import { buildEvoRequest, callEvo, CREDENTIAL_TYPE, describeEvoRequest } from '../../transport';
import type { InvoiceParameters } from '../common';
import {
	cardSecrets,
	invoiceAdditionalFields,
	invoiceFields,
	invoiceRequestBody,
	invoiceWriteOptions,
	readInvoiceParameters,
	readOptions,
} from '../common';

const show = { resource: ['invoice'], operation: ['create'] };

export const description: INodeProperties[] = [
	...invoiceFields(show, []),
	additionalFieldsCollection(show, invoiceAdditionalFields),
	invoiceWriteOptions(show),
];

/** The invoice's key figures, as sent (card data never). */
export function keyFigures(body: IDataObject): IDataObject {
	const invoice = (body.Invoice ?? {}) as IDataObject;
	const order = (invoice.Order ?? {}) as IDataObject;
	return {
		Amount: invoice.Amount,
		MerchantInvoiceId: invoice.MerchantInvoiceId ?? null,
		CustomerReferenceId: invoice.CustomerReferenceId ?? null,
		CurrencyCode: order.CurrencyCode ?? null,
		MerchantProfileId: body.MerchantProfileId,
	};
}

/** The answer of CreateInvoice: the new invoice reference id, bare or as a JSON string. */
function referenceId(answer: unknown): string {
	if (typeof answer === 'string') return answer.replace(/^"|"$/g, '').trim();
	if (answer !== null && typeof answer === 'object') {
		const record = answer as IDataObject;
		const id = record.InvoiceReferenceId ?? record.TransactionId;
		if (typeof id === 'string') return id;
	}
	return '';
}

export async function createInvoice(
	ctx: IExecuteFunctions,
	parameters: InvoiceParameters,
	itemIndex: number,
): Promise<IDataObject> {
	const credentials = await credentialsOnce(ctx, CREDENTIAL_TYPE);
	const body = invoiceRequestBody(parameters, credentials, 'given');
	const { dryRun, timeout } = readOptions(ctx, itemIndex);
	const call = { method: 'POST' as const, path: '/', body, timeout, secrets: cardSecrets(parameters) };
	const sent = toPlainJson(body as JsonTextValue) as IDataObject;
	// Amount as the decimal string sent (12.50), not as a float.
	const figures = { ...keyFigures(sent), Amount: (body.Invoice as { Amount: { text: string } }).Amount.text };
	if (dryRun) {
		return { status: 'dry run', ...figures, request: describeEvoRequest(buildEvoRequest(credentials, call), call) };
	}
	const answer = await callEvo(ctx, call, itemIndex);
	return { status: 'created', InvoiceReferenceId: referenceId(answer), ...figures };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// Every field checked first: an object, a list or a boolean is never sent as text.
	const read = readFields(this, itemIndex, description);
	return await createInvoice(this, readInvoiceParameters(this, read), itemIndex);
}
