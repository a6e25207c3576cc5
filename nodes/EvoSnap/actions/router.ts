import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationTable } from '../../shared/execute';
import { routeOperation } from '../../shared/execute';
import { CREDENTIAL_TYPE, secretsOf, VENDOR } from '../transport';
import * as create from './invoice/create.operation';
import * as get from './invoice/get.operation';
import * as getMany from './invoice/getMany.operation';
import * as processInvoice from './invoice/processInvoice.operation';
import * as update from './invoice/update.operation';
import * as updateState from './invoice/updateState.operation';

/** resource → operation → its module, and the EVO call its errors name. */
const operations: OperationTable = {
	invoice: {
		create: { module: create, name: 'CreateInvoice' },
		get: { module: get, name: 'GetInvoice' },
		getMany: { module: getMany, name: 'QueryInvoices' },
		update: { module: update, name: 'UpdateInvoice' },
		updateState: { module: updateState, name: 'UpdateInvoiceState' },
		process: { module: processInvoice, name: 'ProcessInvoice' },
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, { vendor: VENDOR, credentialType: CREDENTIAL_TYPE, secretsOf });
}
