import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { nodeParameterToRead } from './itemParameter';
import { maximumAmountOption } from './maximumAmount';
import { idempotencyKeyOption, isRetriedExecution } from './retrySafety';

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


/** What an operation reads from its Options: Dry Run, Check First, Timeout (absent: off, the default). */
export interface RunOptions {
	dryRun: boolean;
	checkFirst: boolean;
	timeout: number;
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): RunOptions {
	const options = nodeParameterToRead(ctx, 'options', itemIndex, {}) as IDataObject;
	return {
		dryRun: options.dryRun === true,
		// A retried execution checks before paying whatever the option says (see retrySafety.ts).
		checkFirst: options.checkFirst === true || isRetriedExecution(ctx),
		timeout: Number(options.timeout ?? DEFAULT_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS,
	};
}

/**
 * How many items' requests are in flight at once when the Batching option is not set: one, as
 * before this option existed. Reasons: an existing workflow must not start sending payments in
 * parallel after an update (vendors rate-limit, and a check-before-paying of two items for the
 * same invoice is only race-free one after another); the user opts in per node.
 */
export const DEFAULT_ITEMS_IN_FLIGHT = 1;

/**
 * What the Batching option proposes once added: 10 items in flight, no pause. About 10x the
 * throughput of one at a time at any vendor latency, while staying far below the concurrency
 * that payment APIs commonly allow; a vendor that still asks to slow down (429/503 with
 * Retry-After) makes the whole run wait (see `sendVendorRequest`), and nothing that may have
 * reached the vendor is ever sent twice, whatever the batch size.
 */
export const DEFAULT_BATCH_SIZE = 10;

/** The HTTP Request node's Batching option, with its words; read for the whole run from item 0. */
export const batchingOption: INodeProperties = {
	displayName: 'Batching',
	name: 'batching',
	placeholder: 'Add Batching',
	type: 'fixedCollection',
	typeOptions: { multipleValues: false },
	default: { batch: {} },
	description:
		'How many items are sent to the vendor at once. Without this option items are sent one at a time. Output order and pairing stay those of the input.',
	options: [
		{
			displayName: 'Batching',
			name: 'batch',
			values: [
				{
					displayName: 'Items per Batch',
					name: 'batchSize',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: DEFAULT_BATCH_SIZE,
					description:
						'How many items\' requests are in flight at once. A new item starts as soon as one finishes, unless a Batch Interval is set.',
				},
				{
					displayName: 'Batch Interval (Ms)',
					name: 'batchInterval',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description:
						'Time (in milliseconds) to wait after each batch of requests has finished before the next batch starts. 0 for disabled.',
				},
			],
		},
	],
};

/**
 * The "Options" collection of an operation, shown only for it. Every operation gets the shared
 * Batching option here (in alphabetical place), so that no vendor file has to add it.
 */
export function optionsCollection(
	show: Record<string, string[]>,
	options: INodeProperties[],
	{ pays = false }: { pays?: boolean } = {},
): INodeProperties {
	const shared = withOption(options, batchingOption);
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		// A paying operation also gets the Idempotency Key (read by the item runner, execute.ts) and
		// the Maximum Amount (checked by the operation before it pays).
		options: pays ? withOption(withOption(shared, idempotencyKeyOption), maximumAmountOption) : shared,
	};
}

/** The options with `added` in its alphabetical place (n8n's linter wants options sorted). */
function withOption(options: INodeProperties[], added: INodeProperties): INodeProperties[] {
	if (options.some((option) => option.name === added.name)) return options;
	const at = options.findIndex((option) => option.displayName.localeCompare(added.displayName) > 0);
	return at < 0 ? [...options, added] : [...options.slice(0, at), added, ...options.slice(at)];
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

/**
 * A node's canvas subtitle in words, e.g. "Payment: Pay Invoice": an expression that finds the
 * selected resource and operation among the names the node's own options give them.
 */
export function resourceOperationSubtitle(properties: INodeProperties[]): string {
	const resourceNames = new Map<string, string>();
	const words: Record<string, string> = {};
	for (const property of properties) {
		if (property.name === 'resource' && property.type === 'options') {
			for (const option of property.options ?? []) {
				if ('value' in option) resourceNames.set(String(option.value), option.name);
			}
		}
	}
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		for (const resource of (property.displayOptions?.show?.resource as string[] | undefined) ?? []) {
			for (const option of property.options ?? []) {
				if ('value' in option) words[`${resource}:${String(option.value)}`] = `${resourceNames.get(resource) ?? resource}: ${option.name}`;
			}
		}
	}
	// A chain of comparisons rather than an object literal: braces inside {{ }} confuse n8n's templates.
	const selected = '$parameter["resource"] + ":" + $parameter["operation"]';
	const chain = Object.entries(words).reduceRight(
		(otherwise, [key, text]) => `${selected} === ${JSON.stringify(key)} ? ${JSON.stringify(text)} : ${otherwise}`,
		'$parameter["operation"]',
	);
	return `={{ ${chain} }}`;
}
