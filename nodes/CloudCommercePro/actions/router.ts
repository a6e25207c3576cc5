import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationModule } from '../../shared/execute';
import { runForEachItem } from '../../shared/execute';
import { CREDENTIAL_TYPE, secretsOf, VENDOR } from '../transport';
import * as addCustomer from './customer/add.operation';
import * as getSummaryForOrder from './invoice/getSummaryForOrder.operation';
import * as createPayment from './payment/create.operation';
import * as payOrderInFull from './payment/payOrderInFull.operation';

/** resource → operation → its module, and the CCP operation name errors mention. */
const operations: Record<string, Record<string, { module: OperationModule; name: string }>> = {
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
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const entry = operations[resource]?.[operation];
	if (!entry) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const output = await runForEachItem(this, entry.module, async () => ({
		vendor: VENDOR,
		operationName: entry.name,
		secrets: secretsOf(await this.getCredentials(CREDENTIAL_TYPE)),
	}));
	return [output];
}
