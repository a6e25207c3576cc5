import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields } from '../../../shared/fieldKinds';
import { additionalFieldsCollection, optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { optionalText } from '../../../shared/input';
import { namedCall, VendorError } from '../../../shared/errors';
import { callEvo, CREDENTIAL_TYPE } from '../../transport';
import { invoiceReferenceId, invoiceReferenceIdField, merchantProfileIdField, profileId, readOptions, scopeField } from '../common';

const show = { resource: ['invoice'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...invoiceReferenceIdField, displayOptions: { show } },
	additionalFieldsCollection(show, [merchantProfileIdField, scopeField]),
	optionsCollection(show, [timeoutOption]),
];

/** GET Invoices/{id}?merchantProfileId=...&scope=MerchantProfileId: the invoice, card data masked. */
export async function readInvoice(
	ctx: IExecuteFunctions,
	id: string,
	additional: IDataObject,
	timeout: number,
	itemIndex: number,
): Promise<IDataObject> {
	const credentials = await credentialsOnce(ctx, CREDENTIAL_TYPE);
	const merchantProfileId = profileId(additional.MerchantProfileId, credentials, 'merchantProfileId', 'MerchantProfileId', true)!;
	const answer = await namedCall('GetInvoice', async () =>
		await callEvo(
			ctx,
			{
				method: 'GET',
				path: `/${id}`,
				qs: { merchantProfileId, scope: optionalText(additional.Scope) ?? 'MerchantProfileId' },
				timeout,
			},
			itemIndex,
		),
	);
	if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
		throw new VendorError(`EVO's answer was not an invoice: ${JSON.stringify(answer).slice(0, 200)}`);
	}
	return answer as IDataObject;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = readFields(this, itemIndex, description);
	const id = invoiceReferenceId(fields.InvoiceReferenceId);
	const additional = (fields.additionalFields ?? {}) as IDataObject;
	const { timeout } = readOptions(this, itemIndex);
	return await readInvoice(this, id, additional, timeout, itemIndex);
}
