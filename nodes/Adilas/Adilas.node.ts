import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as startInvoice from './actions/invoice/start.operation';
import * as addInvoicePayment from './actions/invoicePayment/add.operation';
import * as callFunction from './actions/other/callFunction.operation';
import { router } from './actions/router';
import { toolDescriptionField } from '../shared/toolDescription';
import { ADILAS_TOOL_DESCRIPTION } from './toolDescription';
import { resourceOperationSubtitle } from '../shared/fields';

const properties: INodeProperties[] = [
	toolDescriptionField(ADILAS_TOOL_DESCRIPTION),
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Invoice Payment', value: 'invoicePayment' },
			{ name: 'Other', value: 'other' },
		],
		default: 'invoicePayment',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoicePayment'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add a payment to an invoice',
				description:
					'Record a payment against a main invoice (addInvoicePayment). adilas cannot read the balance: nothing is checked first.',
			},
		],
		default: 'add',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Start',
				value: 'start',
				action: 'Start a main invoice',
				description: 'Create a main invoice (startMainInvoice) and output its number as INVOICE_NUMBER',
			},
		],
		default: 'start',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['other'] } },
		options: [
			{
				name: 'Call Function',
				value: 'callFunction',
				action: 'Call any adilas API function',
				description: 'Call any Main Web API method with its arguments (same credentials, decoding and errors)',
			},
		],
		default: 'callFunction',
	},
	...addInvoicePayment.description,
	...startInvoice.description,
	...callFunction.description,
];

export class Adilas implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'adilas',
		name: 'adilas',
		icon: { light: 'file:adilas.svg', dark: 'file:adilas.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Payment: Pay Invoice", not "payInvoice: payment".
		subtitle: resourceOperationSubtitle(properties),
		description: 'Start invoices and add invoice payments in adilas.biz through its Main Web API',
		defaults: { name: 'adilas' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'adilasApi', required: true }],
		properties,
	};

	execute = router;
}
