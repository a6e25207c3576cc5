import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { toInputError, toNodeApiError, VendorError } from './errors';
import { DEFAULT_BATCH_SIZE, DEFAULT_ITEMS_IN_FLIGHT } from './fields';
import { InvalidInputError } from './money';
import { redactText } from './redact';

/** An output item that carries binary data too (e.g. a downloaded PDF). */
export class ItemWithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** What an operation returns for one input item: one output item or several. */
export type OperationResult = IDataObject | ItemWithBinary | Array<IDataObject | ItemWithBinary>;

/** One input item's outcome, for operations that handle all items of a run together. */
export type ItemOutcome = { itemIndex: number; result: OperationResult } | { itemIndex: number; error: unknown };

/**
 * What every operation file exports: its fields and what it does for one input item, or, for an
 * operation that sends several items in one request (e.g. one payment for many documents),
 * `executeItems`, which gets every item index of the run and returns one outcome per item.
 */
export interface OperationModule {
	execute?(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
	executeItems?(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]>;
	/**
	 * Optional, for operations that read before they pay (e.g. pay what is still open): what the
	 * item acts on, e.g. the invoice or order ID. Items with the same key never run at the same
	 * time, whatever the batch size: they run one after the other in input order, so the second
	 * one reads what the first one did. A failure here fails the item.
	 */
	itemKey?(this: IExecuteFunctions, itemIndex: number): string | undefined;
	/**
	 * Optional: the fields a failed item still has with "Continue On Fail", next to `error` (e.g.
	 * the Pay Invoice node's common output fields, so every item has the same shape).
	 */
	failedItem?(this: IExecuteFunctions, itemIndex: number): IDataObject;
}

export interface RunContext {
	vendor: string;
	/** e.g. "CreatePayment": named in every error. */
	operationName: string;
	/**
	 * The credential's secrets, masked wherever an error could show them. Read when an error is
	 * built, so a session token renewed during the run is masked too.
	 */
	secrets: () => Promise<Array<string | undefined>>;
}

/** resource → operation → the module and the vendor call its errors name. */
export type OperationTable = Record<string, Record<string, { module: OperationModule; name: string }>>;

export interface VendorDescription {
	vendor: string;
	credentialType: string;
	secretsOf: (credentials: ICredentialDataDecryptedObject) => Array<string | undefined>;
}

/** The `execute` of every vendor node: picks the operation and runs it for each item. */
export async function routeOperation(
	ctx: IExecuteFunctions,
	operations: OperationTable,
	vendor: VendorDescription,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const entry = operations[resource]?.[operation];
	if (!entry) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const output = await runForEachItem(ctx, entry.module, {
		vendor: vendor.vendor,
		operationName: entry.name,
		secrets: async () => vendor.secretsOf(await ctx.getCredentials(vendor.credentialType)),
	});
	return [output];
}

/** How many items run at once and the pause between batches, for the whole run. */
export interface Batching {
	/** Items whose requests may be in flight at the same time (at least 1). */
	size: number;
	/** 0: a sliding window (an item starts as soon as one finishes); else a pause after each batch. */
	intervalMs: number;
}

/**
 * The Batching option of the node (see `batchingOption` in fields.ts), read once from item 0
 * as the HTTP Request node does. Without it: one item at a time.
 */
export function readBatching(ctx: IExecuteFunctions): Batching {
	// A context without parameters (e.g. an operation called by another node's code) runs one at a time.
	if (typeof ctx.getNodeParameter !== 'function') return { size: DEFAULT_ITEMS_IN_FLIGHT, intervalMs: 0 };
	const batching = ctx.getNodeParameter('options.batching', 0, null) as IDataObject | null;
	if (batching === null || typeof batching !== 'object') {
		return { size: DEFAULT_ITEMS_IN_FLIGHT, intervalMs: 0 };
	}
	const batch = (batching.batch ?? {}) as IDataObject;
	const size = batch.batchSize === undefined || batch.batchSize === '' ? DEFAULT_BATCH_SIZE : Number(batch.batchSize);
	const interval = batch.batchInterval === undefined || batch.batchInterval === '' ? 0 : Number(batch.batchInterval);
	if (!Number.isInteger(size) || size < 0) {
		throw new NodeOperationError(ctx.getNode(), `Items per Batch must be a whole number of at least 1, got "${String(batch.batchSize)}"`);
	}
	if (!Number.isFinite(interval) || interval < 0) {
		throw new NodeOperationError(ctx.getNode(), `Batch Interval (Ms) must be 0 or more milliseconds, got "${String(batch.batchInterval)}"`);
	}
	// 0 is treated as 1, as in the HTTP Request node.
	return { size: Math.max(1, size), intervalMs: interval };
}

/**
 * Runs an operation for every input item: each output item is paired with its input item, and
 * a failing item either stops the node (with the item's index) or, with "Continue On Fail",
 * carries its error while the other items still run.
 *
 * Items run as the Batching option says: up to `size` at once, started in input order; the
 * output is in input order whatever order they finish in. Without "Continue On Fail", a failure
 * stops new items from starting, the items already started finish, and the node fails with the
 * first failing item in input order (as one at a time, items after it are then not sent; at a
 * batch size above 1 those already in flight may have been).
 */
export async function runForEachItem(
	ctx: IExecuteFunctions,
	operation: OperationModule,
	context: RunContext,
): Promise<INodeExecutionData[]> {
	const itemIndexes = ctx.getInputData().map((_, itemIndex) => itemIndex);
	const outcomes = operation.executeItems
		? orderedOutcomes(await operation.executeItems.call(ctx, itemIndexes), itemIndexes)
		: await runItems(ctx, operation, itemIndexes, readBatching(ctx), !ctx.continueOnFail());
	const returnData: INodeExecutionData[] = [];
	let notRun = 0;
	for (const itemIndex of itemIndexes) {
		// An item without an outcome was not run because another item failed and stopped the node:
		// the loop throws that failure before it ends (see runItems).
		if (!outcomes[itemIndex]) {
			notRun++;
			continue;
		}
		try {
			const result = settled(outcomes[itemIndex]);
			const results = Array.isArray(result) ? result : [result];
			for (const entry of results) returnData.push(outputItem(entry, itemIndex));
		} catch (error) {
			const secrets = await context.secrets().catch(() => []);
			const nodeError = toNodeError(ctx, error, itemIndex, { ...context, secrets });
			if (ctx.continueOnFail()) {
				returnData.push({
					json: {
						...operation.failedItem?.call(ctx, itemIndex),
						error: nodeError.message,
						...(nodeError.description ? { errorDescription: nodeError.description } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw nodeError;
		}
	}
	if (notRun > 0) throw new NodeOperationError(ctx.getNode(), `${notRun} items were not run`);
	return returnData;
}

/** Thrown instead of running an item that was waiting for its turn when another item failed. */
const NOT_RUN = Symbol('not run');

/**
 * Runs `execute` for the items and returns their outcomes by item index. Items start in input
 * order; with `stopOnFailure`, none starts after a failure was seen, so every item without an
 * outcome comes after a failed one.
 */
async function runItems(
	ctx: IExecuteFunctions,
	operation: OperationModule,
	itemIndexes: number[],
	batching: Batching,
	stopOnFailure: boolean,
): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = [];
	let failed = false;
	const keyed = batching.size > 1 && operation.itemKey ? new KeyedQueue() : undefined;
	const stop = () => stopOnFailure && failed;
	// An item waiting behind an item with its key does not start once another item failed.
	const task = (itemIndex: number) => async () => {
		if (stop()) throw NOT_RUN;
		return await runOne(ctx, operation, itemIndex);
	};
	const runItem = async (itemIndex: number): Promise<void> => {
		try {
			const result = keyed
				? await keyed.run(operation.itemKey!.call(ctx, itemIndex), task(itemIndex))
				: await runOne(ctx, operation, itemIndex);
			outcomes[itemIndex] = { itemIndex, result };
		} catch (error) {
			if (error === NOT_RUN) return;
			outcomes[itemIndex] = { itemIndex, error };
			failed = true;
		}
	};

	await inBatches(itemIndexes, batching, stop, runItem);
	return outcomes;
}

/**
 * Runs `run` for every entry as the Batching option says: with an interval, batches of `size`
 * with a pause after each; without, a sliding window of `size` (the next entry starts as soon as
 * one finishes). Entries start in order; once `stop()` is true no entry starts (those started
 * finish). `run` must not throw (it records its own outcome). Shared by the item runner and by
 * operations that send several requests of their own (e.g. CNBS's one request per item).
 */
export async function inBatches<T>(
	entries: T[],
	batching: Batching,
	stop: () => boolean,
	run: (entry: T) => Promise<void>,
): Promise<void> {
	if (batching.intervalMs > 0) {
		// Batches: up to `size` entries at once, then a pause once the whole batch has finished.
		for (let start = 0; start < entries.length && !stop(); start += batching.size) {
			if (start > 0) await sleep(batching.intervalMs);
			await Promise.all(entries.slice(start, start + batching.size).map(run));
		}
		return;
	}
	// A sliding window: `size` workers take the next entry as soon as theirs is done.
	let next = 0;
	const worker = async () => {
		while (next < entries.length && !stop()) await run(entries[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(batching.size, entries.length) }, worker));
}

/** Runs tasks with the same key one after the other, in the order they were given. */
class KeyedQueue {
	private readonly tails = new Map<string, Promise<unknown>>();

	async run<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
		if (key === undefined) return await task();
		const previous = this.tails.get(key);
		const current = previous ? previous.then(task) : task();
		const tail = current.catch(() => undefined);
		this.tails.set(key, tail);
		try {
			return await current;
		} finally {
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
	}
}

async function runOne(ctx: IExecuteFunctions, operation: OperationModule, itemIndex: number): Promise<OperationResult> {
	if (!operation.execute) throw new NodeOperationError(ctx.getNode(), 'The operation has no execute function');
	return await operation.execute.call(ctx, itemIndex);
}

function outputItem(entry: IDataObject | ItemWithBinary, itemIndex: number): INodeExecutionData {
	if (entry instanceof ItemWithBinary) return { json: entry.json, binary: entry.binary, pairedItem: { item: itemIndex } };
	return { json: entry, pairedItem: { item: itemIndex } };
}

/** One outcome per item index, in input order; an item the operation did not report on is a failure. */
function orderedOutcomes(outcomes: ItemOutcome[], itemIndexes: number[]): ItemOutcome[] {
	const byIndex: ItemOutcome[] = [];
	for (const outcome of outcomes) byIndex[outcome.itemIndex] = outcome;
	return itemIndexes.map(
		(itemIndex) =>
			byIndex[itemIndex] ?? { itemIndex, error: new Error(`No outcome was reported for item ${itemIndex}`) },
	);
}

function settled(outcome: ItemOutcome): OperationResult {
	if ('error' in outcome) throw outcome.error;
	return outcome.result;
}

export function toNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	context: { vendor: string; operationName: string; secrets: Array<string | undefined> },
): NodeApiError | NodeOperationError {
	const node = ctx.getNode();
	if (error instanceof InvalidInputError) return toInputError(node, error, itemIndex);
	if (error instanceof VendorError) {
		return toNodeApiError(node, error, {
			vendor: context.vendor,
			operation: context.operationName,
			itemIndex,
			secrets: context.secrets,
		});
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		error.message = redactText(error.message, context.secrets);
		if (error.description) error.description = redactText(error.description, context.secrets);
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	const message = redactText(error instanceof Error ? error.message : String(error), context.secrets);
	return new NodeOperationError(node, `${context.vendor} ${context.operationName} failed: ${message}`, {
		itemIndex,
	});
}
