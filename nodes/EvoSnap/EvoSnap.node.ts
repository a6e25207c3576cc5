import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as create from './actions/invoice/create.operation';
import * as get from './actions/invoice/get.operation';
import * as getMany from './actions/invoice/getMany.operation';
import * as processInvoice from './actions/invoice/processInvoice.operation';
import * as update from './actions/invoice/update.operation';
import * as updateState from './actions/invoice/updateState.operation';
import { router } from './actions/router';
import { toolDescriptionField } from '../shared/toolDescription';
import { EVO_SNAP_TOOL_DESCRIPTION } from './toolDescription';
import { resourceOperationSubtitle } from '../shared/fields';

const properties: INodeProperties[] = [
	toolDescriptionField(EVO_SNAP_TOOL_DESCRIPTION),
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Invoice', value: 'invoice' }],
		default: 'invoice',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an invoice',
				description: 'Create an invoice, with card data or a token if wanted (POST Invoices/, CreateInvoice)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an invoice',
				description: 'Read an invoice and its state (GET Invoices/{ID})',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many invoices',
				description: 'Find invoices, page by page (POST Invoices/query, QueryInvoices)',
			},
			{
				name: 'Process',
				value: 'process',
				action: 'Process an invoice payment',
				description: 'Pay the invoice with card data or a token (PUT Invoices/{ID}/process, ProcessInvoice)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an invoice',
				description: "Replace an invoice's data (PUT Invoices/{ID}, UpdateInvoice)",
			},
			{
				name: 'Update State',
				value: 'updateState',
				action: 'Update an invoice state',
				description: "Set an invoice's state, e.g. Cancelled (PUT Invoices/{ID}/state, UpdateInvoiceState)",
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...processInvoice.description,
	...update.description,
	...updateState.description,
];

export class EvoSnap implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'EVO Snap*',
		name: 'evoSnap',
		icon: { light: 'file:evoSnap.svg', dark: 'file:evoSnap.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Payment: Pay Invoice", not "payInvoice: payment".
		subtitle: resourceOperationSubtitle(properties),
		description: 'Create, read and pay EVO Snap* CMS invoices through the Commerce Web Services REST API',
		defaults: { name: 'EVO Snap*' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'evoSnapApi', required: true }],
		properties,
	};

	execute = router;
}
