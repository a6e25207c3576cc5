import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { credentialsOnce } from '../../../shared/runState';
import { VendorError, InvalidInputError } from '../../../shared/errors';
import { additionalFieldsCollection, optionsCollection, timeoutOption } from '../../../shared/fields';
import { optionalText } from '../../../shared/input';
import { excerpt } from '../../../shared/redact';
import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { callEvo, CREDENTIAL_TYPE } from '../../transport';
import { EVO_KINDS, INVOICE_STATES, merchantProfileIdField, scopeField } from '../common.descriptions';
import { profileId } from '../../helpers/invoiceBody';
import { readOptions } from '../../helpers/utils';
import { MAX_PAGE_SIZE, queryParameters } from '../../helpers/invoice';

const show = { resource: ['invoice'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Filters (QueryInvoiceParameters)',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			withKind(kinds.dateTime(), {
				displayName: 'Created From (CreatedDateRange.StartDateTime)',
				name: 'StartDateTime',
				type: 'dateTime',
				default: '',
				description: 'Invoices created at or after this time, in UTC',
			}),
			withKind(kinds.dateTime(), {
				displayName: 'Created To (CreatedDateRange.EndDateTime)',
				name: 'EndDateTime',
				type: 'dateTime',
				default: '',
				description: 'Invoices created at or before this time, in UTC',
			}),
			withKind(EVO_KINDS.referenceId, { displayName: 'Customer Reference ID', name: 'CustomerReferenceId', type: 'string', default: '' }),
			withKind(EVO_KINDS.invoiceReferenceId, { displayName: 'Invoice Reference ID', name: 'InvoiceReferenceId', type: 'string', default: '' }),
			withKind(EVO_KINDS.invoiceState, {
				displayName: 'Invoice State',
				name: 'InvoiceState',
				type: 'options',
				options: INVOICE_STATES.map((state) => ({ name: state, value: state })),
				default: 'NotSet',
				description: 'NotSet: any state. Another state EVO knows can be given by expression.',
			}),
			withKind(kinds.identifier(64), { displayName: 'Merchant Invoice ID', name: 'MerchantInvoiceId', type: 'string', default: '' }),
			withKind(EVO_KINDS.referenceId, { displayName: 'Subscription Reference ID', name: 'SubscriptionReferenceId', type: 'string', default: '' }),
		],
	},
	additionalFieldsCollection(show, [merchantProfileIdField, scopeField]),
	optionsCollection(show, [timeoutOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const fields = readFields(this, itemIndex, description);
	const returnAll = fields.returnAll === true;
	const limit = returnAll ? Infinity : Number(fields.limit ?? 50);
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
		throw new InvalidInputError('Limit', 'Limit must be a whole number of at least 1');
	}
	const filters = (fields.filters ?? {}) as IDataObject;
	const additional = (fields.additionalFields ?? {}) as IDataObject;
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const query = queryParameters(filters);
	const merchantProfileId = profileId(additional.MerchantProfileId, credentials, 'merchantProfileId', 'MerchantProfileId', true)!;
	const scope = optionalText(additional.Scope) ?? 'MerchantProfileId';
	const pageSize = Math.min(MAX_PAGE_SIZE, limit);
	const { timeout } = readOptions(this, itemIndex);

	const invoices: IDataObject[] = [];
	for (let page = 0; invoices.length < limit; page++) {
		const answer = await callEvo(
			this,
			{
				method: 'POST',
				path: '/query',
				body: {
					QueryInvoiceParameters: query as never,
					Scope: scope,
					PagingParameters: { Page: page, PageSize: pageSize },
					MerchantProfileId: merchantProfileId,
				},
				timeout,
			},
		);
		const result = (answer ?? {}) as IDataObject;
		if (!Array.isArray(result.Invoices)) {
			throw new VendorError(`EVO's query answer had no Invoices list: ${excerpt(JSON.stringify(answer), 200)}`);
		}
		invoices.push(...(result.Invoices as IDataObject[]).slice(0, limit - invoices.length));
		const totalPages = Number(result.TotalPages);
		const lastPage = !Number.isFinite(totalPages) || page + 1 >= totalPages || result.Invoices.length === 0;
		if (lastPage) break;
	}
	return invoices;
}
