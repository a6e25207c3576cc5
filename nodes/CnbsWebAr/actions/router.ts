import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationTable } from '../../shared/execute';
import { routeOperation } from '../../shared/execute';
import { CREDENTIAL_TYPE, secretsOf, VENDOR } from '../transport';
import * as getCustomizing from './customizing/get.operation';
import * as downloadPdf from './invoice/downloadPdf.operation';
import * as getInvoice from './invoice/get.operation';
import * as getManyInvoices from './invoice/getMany.operation';
import * as getManyPayments from './payment/getMany.operation';
import * as makeDeposit from './payment/makeDeposit.operation';
import * as payInvoices from './payment/payInvoices.operation';

/** resource → operation → its module, and the CNBS call its errors name. */
const operations: OperationTable = {
	invoice: {
		getMany: { module: getManyInvoices, name: 'GET invoices' },
		get: { module: getInvoice, name: 'GET invoices/id' },
		downloadPdf: { module: downloadPdf, name: 'GET invoices/id/format/pdf' },
	},
	payment: {
		payInvoices: { module: payInvoices, name: 'POST invoices/payments' },
		makeDeposit: { module: makeDeposit, name: 'POST invoices/deposits' },
		getMany: { module: getManyPayments, name: 'GET invoices/payments' },
	},
	customizing: {
		get: { module: getCustomizing, name: 'GET customizing' },
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, { vendor: VENDOR, credentialType: CREDENTIAL_TYPE, secretsOf });
}
