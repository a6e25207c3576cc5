import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields } from '../../../shared/fieldKinds';
import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { credentialsOnce } from '../../../shared/runState';
import { readCustomizing } from '../../helpers/customizing';
import { CREDENTIAL_TYPE } from '../../transport';
import { readOptions } from '../../helpers/utils';

const show = { resource: ['customizing'], operation: ['get'] };

export const description: INodeProperties[] = [optionsCollection(show, [timeoutOption])];

/** CNBS's customizing as one item (its status left out). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	readFields(this, itemIndex, description);
	const { timeout } = readOptions(this, itemIndex);
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const customizing = await readCustomizing(this, credentials, timeout);
	return Object.fromEntries(Object.entries(customizing).filter(([key]) => key !== 'status'));
}
