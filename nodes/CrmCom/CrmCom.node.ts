import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as getInvoice from './actions/invoice/get.operation';
import * as payInvoice from './actions/payment/payInvoice.operation';
import { router } from './actions/router';
import { toolDescriptionField } from '../shared/toolDescription';
import { CRM_COM_TOOL_DESCRIPTION } from './toolDescription';
import { resourceOperationSubtitle } from '../shared/fields';

const properties: INodeProperties[] = [
	toolDescriptionField(CRM_COM_TOOL_DESCRIPTION),
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Payment', value: 'payment' },
		],
		default: 'payment',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Pay Invoice',
				value: 'payInvoice',
				action: 'Pay an invoice',
				description: 'Pay the whole outstanding amount of one invoice (POST payments/pay_invoice)',
			},
		],
		default: 'payInvoice',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an invoice',
				description: 'Read an invoice, its state and its outstanding amount (GET invoices/show)',
			},
		],
		default: 'get',
	},
	...payInvoice.description,
	...getInvoice.description,
];

export class CrmCom implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM.COM',
		name: 'crmCom',
		icon: { light: 'file:crmCom.svg', dark: 'file:crmCom.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Payment: Pay Invoice", not "payInvoice: payment".
		subtitle: resourceOperationSubtitle(properties),
		description: 'Pay CRM.COM invoices and read their balance through the CRM.COM REST API v2',
		defaults: { name: 'CRM.COM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crmComApi', required: true }],
		properties,
	};

	execute = router;
}
