import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { credentialsOnce } from '../../shared/runState';
import { optionalText } from '../../shared/input';
import { excerpt } from '../../shared/redact';
import { InvalidInputError, namedCall, VendorError } from '../../shared/errors';
import { DATE_FORMATS, formatVendorDate } from '../../shared/dates';
import { callEvo, CREDENTIAL_TYPE, buildEvoRequest, describeEvoRequest } from '../transport';
import { profileId, cardSecrets, invoiceRequestBody } from './invoiceBody';
import type { JsonTextValue } from '../../shared/jsonText';
import { toPlainJson } from '../../shared/jsonText';
import type { InvoiceParameters } from './invoiceBody';
import { readOptions } from './utils';

/** GET Invoices/{id}?merchantProfileId=...&scope=MerchantProfileId: the invoice, card data masked. */
export async function readInvoice(
	ctx: IExecuteFunctions,
	id: string,
	additional: IDataObject,
	timeout: number,
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
		),
	);
	if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
		throw new VendorError(`EVO's answer was not an invoice: ${excerpt(JSON.stringify(answer), 200)}`);
	}
	return answer as IDataObject;
}

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
	const answer = await callEvo(ctx, call);
	return { status: 'created', InvoiceReferenceId: referenceId(answer), ...figures };
}

/** EVO's largest page. */
export const MAX_PAGE_SIZE = 50;

function utc(value: unknown, field: string): string | undefined {
	if (optionalText(value) === undefined && typeof value !== 'object') return undefined;
	return formatVendorDate(value, field, DATE_FORMATS.isoLocalDateTime);
}

/** QueryInvoiceParameters in the seed's order: filters not given are null, the state NotSet. */
export function queryParameters(filters: IDataObject): IDataObject {
	const start = utc(filters.StartDateTime, 'StartDateTime');
	const end = utc(filters.EndDateTime, 'EndDateTime');
	if ((start === undefined) !== (end === undefined)) {
		throw new InvalidInputError(start === undefined ? 'StartDateTime' : 'EndDateTime', 'CreatedDateRange needs both StartDateTime and EndDateTime');
	}
	return {
		CreatedDateRange: start !== undefined ? { StartDateTime: start, EndDateTime: end } : null,
		InvoiceReferenceId: optionalText(filters.InvoiceReferenceId) ?? null,
		InvoiceState: optionalText(filters.InvoiceState) ?? 'NotSet',
		CustomerReferenceId: optionalText(filters.CustomerReferenceId) ?? null,
		SubscriptionReferenceId: optionalText(filters.SubscriptionReferenceId) ?? null,
		MerchantInvoiceId: optionalText(filters.MerchantInvoiceId) ?? null,
	};
}
