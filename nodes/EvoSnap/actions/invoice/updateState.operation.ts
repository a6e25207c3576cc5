import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { readFields, withKind } from '../../../shared/fieldKinds';
import { buildEvoRequest, callEvo, CREDENTIAL_TYPE, describeEvoRequest } from '../../transport';
import { EVO_KINDS, INVOICE_STATES, invoiceReferenceIdField, merchantProfileIdField } from '../common.descriptions';
import { invoiceReferenceId, readOptions } from '../../helpers/utils';
import { profileId } from '../../helpers/invoiceBody';

const show = { resource: ['invoice'], operation: ['updateState'] };

export const description: INodeProperties[] = [
	{ ...invoiceReferenceIdField, displayOptions: { show } },
	withKind(EVO_KINDS.invoiceState, {
		displayName: 'Invoice State',
		name: 'InvoiceState',
		type: 'options',
		options: INVOICE_STATES.map((state) => ({ name: state, value: state })),
		default: 'Cancelled',
		description:
			'The new state (InvoiceState). Only these states are known publicly; another state EVO knows can be given by expression.',
		displayOptions: { show },
	}),
	additionalFieldsCollection(show, [merchantProfileIdField]),
	optionsCollection(show, [
		{
			...dryRunOption,
			description: 'Whether to only return the exact request that would be sent. Nothing is sent, not even a sign-on.',
		},
		timeoutOption,
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = readFields(this, itemIndex, description);
	const id = invoiceReferenceId(fields.InvoiceReferenceId);
	const state = fields.InvoiceState as string;
	const additional = (fields.additionalFields ?? {}) as IDataObject;
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const body = {
		MerchantProfileId: profileId(additional.MerchantProfileId, credentials, 'merchantProfileId', 'MerchantProfileId', true)!,
		InvoiceState: state,
	};
	const { dryRun, timeout } = readOptions(this, itemIndex);
	const call = { method: 'PUT' as const, path: `/${id}/state`, body, timeout };
	if (dryRun) {
		return { status: 'dry run', InvoiceReferenceId: id, InvoiceState: state, request: describeEvoRequest(buildEvoRequest(credentials, call), call) };
	}
	const answer = await callEvo(this, call);
	return {
		status: 'updated',
		InvoiceReferenceId: id,
		InvoiceState: state,
		...(answer !== '' && answer !== null ? { response: answer as IDataObject } : {}),
	};
}
