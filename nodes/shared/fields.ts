import type { INodeProperties } from 'n8n-workflow';

/** Options every vendor node offers on its operations. */
export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only return the exact request that would be sent (secrets masked) and send nothing',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Ms)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1000 },
	default: 30000,
	description:
		'How long to wait for the vendor\'s answer. A payment whose answer does not arrive in time is reported as failed and is never sent again automatically.',
};

export const DEFAULT_TIMEOUT_MS = 30000;

/** The "Options" collection of an operation, shown only for it. */
export function optionsCollection(
	show: Record<string, string[]>,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options,
	};
}

/** The "Additional Fields" collection of an operation, shown only for it. */
export function additionalFieldsCollection(
	show: Record<string, string[]>,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options,
	};
}
