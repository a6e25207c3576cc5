import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields } from '../../../shared/fieldKinds';
import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { parseIntegerId } from '../../../shared/input';
import { getCcpCredentials, readOptions } from '../../helpers/utils';
import { orderIdField } from '../common.descriptions';
import { readInvoiceSummary } from '../../helpers/invoice';

const show = { resource: ['invoice'], operation: ['getSummaryForOrder'] };

export const description: INodeProperties[] = [
	{ ...orderIdField, displayOptions: { show } },
	optionsCollection(show, [timeoutOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = readFields(this, itemIndex, description);
	const credentials = await getCcpCredentials(this);
	const orderId = parseIntegerId(fields.orderId, 'Order ID');
	const { timeout } = readOptions(this, itemIndex);
	return await readInvoiceSummary(this, credentials, orderId, timeout);
}
