import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as addCustomer from './actions/customer/add.operation';
import * as getSummaryForOrder from './actions/invoice/getSummaryForOrder.operation';
import * as createPayment from './actions/payment/create.operation';
import * as payOrderInFull from './actions/payment/payOrderInFull.operation';
import { router } from './actions/router';
import { toolDescriptionField } from '../shared/toolDescription';
import { CLOUD_COMMERCE_PRO_TOOL_DESCRIPTION } from './toolDescription';
import { resourceOperationSubtitle } from '../shared/fields';

const properties: INodeProperties[] = [
	toolDescriptionField(CLOUD_COMMERCE_PRO_TOOL_DESCRIPTION),
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Customer', value: 'customer' },
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
				name: 'Create',
				value: 'create',
				action: 'Create a payment against an invoice',
				description: 'Pay a given amount on a known invoice (CreatePayment)',
			},
			{
				name: 'Pay Order in Full',
				value: 'payOrderInFull',
				action: 'Pay the invoice of an order in full',
				description:
					'Read the order\'s invoice summary, then pay Amount - AmountPaid (skipped when nothing is open)',
			},
		],
		default: 'create',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Get Summary for Order',
				value: 'getSummaryForOrder',
				action: 'Get the invoice summary of an order',
				description: "Read an order's invoice: its ID, amounts and amount paid (getInvoiceSummaryForOrderID)",
			},
		],
		default: 'getSummaryForOrder',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add a customer',
				description: 'Create a customer, or get the one with the same e-mail (AddCustomer)',
			},
		],
		default: 'add',
	},
	...createPayment.description,
	...payOrderInFull.description,
	...getSummaryForOrder.description,
	...addCustomer.description,
];

export class CloudCommercePro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloud Commerce Pro',
		name: 'cloudCommercePro',
		icon: { light: 'file:cloudCommercePro.svg', dark: 'file:cloudCommercePro.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Payment: Pay Invoice", not "payInvoice: payment".
		subtitle: resourceOperationSubtitle(properties),
		description: 'Pay invoices of Cloud Commerce Pro orders through its SOAP Open API',
		defaults: { name: 'Cloud Commerce Pro' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudCommerceProApi', required: true }],
		properties,
	};

	execute = router;
}
