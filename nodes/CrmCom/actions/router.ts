import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationTable } from '../../shared/execute';
import { routeOperation } from '../../shared/execute';
import { CREDENTIAL_TYPE, secretsOf, VENDOR } from '../transport';
import * as getInvoice from './invoice/get.operation';
import * as payInvoice from './payment/payInvoice.operation';

/** resource → operation → its module, and the CRM.COM call errors mention. */
const operations: OperationTable = {
	payment: {
		payInvoice: { module: payInvoice, name: 'payments/pay_invoice' },
	},
	invoice: {
		get: { module: getInvoice, name: 'invoices/show' },
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, { vendor: VENDOR, credentialType: CREDENTIAL_TYPE, secretsOf });
}
