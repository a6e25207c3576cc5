import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationTable } from '../../shared/execute';
import { routeOperation } from '../../shared/execute';
import { CREDENTIAL_TYPE, secretsOf, VENDOR } from '../transport';
import * as startInvoice from './invoice/start.operation';
import * as addInvoicePayment from './invoicePayment/add.operation';
import * as callFunction from './other/callFunction.operation';

/** resource → operation → its module, and the adilas method its errors name. */
const operations: OperationTable = {
	invoicePayment: {
		add: { module: addInvoicePayment, name: 'addInvoicePayment' },
	},
	invoice: {
		start: { module: startInvoice, name: 'startMainInvoice' },
	},
	other: {
		callFunction: { module: callFunction, name: 'Call Function' },
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, { vendor: VENDOR, credentialType: CREDENTIAL_TYPE, secretsOf });
}
