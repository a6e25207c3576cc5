import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationTable } from '../../shared/execute';
import { routeOperation } from '../../shared/execute';
import { CREDENTIAL_TYPE, secretsOf, VENDOR } from '../transport';
import * as addCustomer from './customer/add.operation';
import * as getSummaryForOrder from './invoice/getSummaryForOrder.operation';
import * as createPayment from './payment/create.operation';
import * as payOrderInFull from './payment/payOrderInFull.operation';

/** resource → operation → its module, and the CCP operation name errors mention. */
const operations: OperationTable = {
	payment: {
		create: { module: createPayment, name: 'CreatePayment' },
		payOrderInFull: { module: payOrderInFull, name: 'Pay Order in Full' },
	},
	invoice: {
		getSummaryForOrder: { module: getSummaryForOrder, name: 'getInvoiceSummaryForOrderID' },
	},
	customer: {
		add: { module: addCustomer, name: 'AddCustomer' },
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, { vendor: VENDOR, credentialType: CREDENTIAL_TYPE, secretsOf });
}
