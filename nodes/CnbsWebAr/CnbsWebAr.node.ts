import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as getCustomizing from './actions/customizing/get.operation';
import * as downloadPdf from './actions/invoice/downloadPdf.operation';
import * as getInvoice from './actions/invoice/get.operation';
import * as getManyInvoices from './actions/invoice/getMany.operation';
import * as getManyPayments from './actions/payment/getMany.operation';
import * as makeDeposit from './actions/payment/makeDeposit.operation';
import * as payInvoices from './actions/payment/payInvoices.operation';
import { router } from './actions/router';
import { loadOptions } from './methods/loadOptions';
import { toolDescriptionField } from '../shared/toolDescription';
import { CNBS_WEB_AR_TOOL_DESCRIPTION } from './toolDescription';
import { resourceOperationSubtitle } from '../shared/fields';

const properties: INodeProperties[] = [
	toolDescriptionField(CNBS_WEB_AR_TOOL_DESCRIPTION),
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Customizing', value: 'customizing' },
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
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Download PDF',
				value: 'downloadPdf',
				action: 'Download an invoice PDF',
				description: 'Download the invoice (billing document) as a PDF file',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an invoice',
				description: 'Read one billing document: header, items, partners and document status',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many invoices',
				description: "List a payer's documents, one item per document (GET invoices)",
			},
		],
		default: 'getMany',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many payments',
				description: 'List payments, one item per payment (GET invoices/payments)',
			},
			{
				name: 'Make Deposit',
				value: 'makeDeposit',
				action: 'Make a deposit',
				description: "Pay money onto the payer's account, not for a document (POST invoices/deposits)",
			},
			{
				name: 'Pay Invoices',
				value: 'payInvoices',
				action: 'Pay invoices',
				description: 'Pay documents, one per input item, in one request or one request per item (POST invoices/payments)',
			},
		],
		default: 'payInvoices',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customizing'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the customizing',
				description: 'Read the settings: company codes, payment types, reason codes, card types and flags (GET customizing)',
			},
		],
		default: 'get',
	},
	...getManyInvoices.description,
	...getInvoice.description,
	...downloadPdf.description,
	...payInvoices.description,
	...makeDeposit.description,
	...getManyPayments.description,
	...getCustomizing.description,
];

export class CnbsWebAr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CNBS WebAR',
		name: 'cnbsWebAr',
		icon: { light: 'file:cnbsWebAr.svg', dark: 'file:cnbsWebAr.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Payment: Pay Invoice", not "payInvoice: payment".
		subtitle: resourceOperationSubtitle(properties),
		description: 'Find open SAP invoices and pay many documents in one request through CNBS WebAR',
		defaults: { name: 'CNBS WebAR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cnbsWebArApi', required: true }],
		properties,
	};

	methods = { loadOptions };

	execute = router;
}
