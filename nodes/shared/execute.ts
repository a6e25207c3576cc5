import type { IBinaryKeyData, ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { toInputError, toNodeApiError, VendorError, InvalidInputError } from './errors';
import { DEFAULT_BATCH_SIZE, DEFAULT_ITEMS_IN_FLIGHT } from './fields';
import { amountsAsText } from './money';
import type { OutputKeys } from './outputShape';
import { shapeOutputs } from './outputShape';
import { rawParameter } from './itemParameter';
import { finishExcerpts, Redactor, redactorFor } from './redact';
import type { LedgerEntry, PaymentLedger, PaymentSafety } from './retrySafety';
import { idempotencyKeyOf, idempotencyKeyOption, IdempotencyKeys, isRetriedExecution, ledgerOf, paymentWasSent } from './retrySafety';

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
	/**
	 * Set by every operation that pays. Its payment requests go through `sendPaymentOnce`
	 * (retrySafety.ts), and the runner gives an item whose payment an earlier try of the run sent
	 * the outcome it had instead of running it again (n8n's Retry On Fail, a retried execution).
	 */
	payment?: PaymentSafety;
	/** Set by every operation that pays: the keys each of its output items carries, and what each means. */
	output?: OutputKeys;
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
	const allItems = ctx.getInputData().map((_, itemIndex) => itemIndex);
	const ledger = operation.payment ? ledgerOf(ctx) : undefined;
	// Items that do not run: their payment was sent by an earlier try, they cannot be paid safely
	// in a retried execution, or their idempotency key was paid before.
	const decided = new Map<number, ItemResult>();
	const keys = ledger ? await decidePayments(ctx, operation, context, ledger, allItems, decided) : undefined;
	const itemIndexes = decided.size === 0 ? allItems : allItems.filter((itemIndex) => !decided.has(itemIndex));
	let outcomes: ItemOutcome[] = [];
	let runFailure: unknown;
	try {
		outcomes = operation.executeItems
			? orderedOutcomes(await operation.executeItems.call(ctx, itemIndexes), itemIndexes)
			: await runItems(ctx, operation, itemIndexes, readBatching(ctx), !ctx.continueOnFail());
	} catch (error) {
		runFailure = error;
	}
	if (runFailure !== undefined) {
		// The run failed as a whole: a key whose payment did not leave is free again.
		if (ledger && keys) for (const [itemIndex, key] of keys.claimed) if (!paymentWasSent(ledger, itemIndex)) keys.store.release(key);
		throw runFailure;
	}

	// Every output item without a card number or a secret of the credential, in whatever field they
	// were typed or echoed (a reference, notes, a dry run's request, an error). Read once per run,
	// after the items ran: a session token renewed during the run is masked too.
	const redactor = new Redactor(await context.secrets().catch(() => []));
	const results: ItemResult[] = [];
	for (const itemIndex of allItems) {
		const known = decided.get(itemIndex);
		if (known) {
			results[itemIndex] = 'items' in known ? { items: known.items.map((item) => ({ ...item, json: redactor.jsonItem(item.json) })) } : known;
			continue;
		}
		// An item without an outcome was not run because another item failed and stopped the node.
		if (!outcomes[itemIndex]) continue;
		try {
			const result = settled(outcomes[itemIndex]);
			const entries = (Array.isArray(result) ? result : [result]).map((entry) => {
				const item = outputItem(entry, itemIndex);
				// Amounts as decimal strings in every paying operation's output, whatever the vendor sent.
				item.json = redactor.jsonItem(operation.payment ? amountsAsText(item.json) : item.json);
				return item;
			});
			results[itemIndex] = { items: entries };
			ledger?.keepOutput(itemIndex, entries.map((entry) => entry.json));
		} catch (error) {
			const secrets = await context.secrets().catch(() => []);
			const nodeError = toNodeError(ctx, error, itemIndex, { ...context, secrets });
			results[itemIndex] = { error: nodeError };
			ledger?.keepError(itemIndex, { message: nodeError.message, ...(nodeError.description ? { description: nodeError.description } : {}) });
		}
	}
	if (ledger && keys) {
		const sent: string[] = [];
		for (const [itemIndex, key] of keys.claimed) {
			if (paymentWasSent(ledger, itemIndex)) sent.push(key);
			else keys.store.release(key);
		}
		keys.store.rememberAll(sent);
	}

	const returnData: INodeExecutionData[] = [];
	let notRun = 0;
	let failure: NodeApiError | NodeOperationError | undefined;
	for (const itemIndex of allItems) {
		const result = results[itemIndex];
		if (!result) {
			notRun++;
		} else if ('items' in result) {
			returnData.push(...result.items);
		} else if (ctx.continueOnFail()) {
			returnData.push({
				json: redactor.jsonItem({
					...operation.failedItem?.call(ctx, itemIndex),
					error: result.error.message,
					...(result.error.description ? { errorDescription: result.error.description } : {}),
				}),
				pairedItem: { item: itemIndex },
			});
		} else {
			failure ??= result.error;
		}
	}
	// n8n runs the node again when it throws, or when its first item carries an error (Retry On
	// Fail): only then is the ledger of this run kept.
	ledger?.finish(failure !== undefined || notRun > 0 || returnData[0]?.json.error !== undefined);
	if (failure) throw failure;
	if (notRun > 0) throw new NodeOperationError(ctx.getNode(), `${notRun} items were not run`);
	if (operation.output) {
		const shaped = shapeOutputs(returnData.map((item) => item.json), operation.output);
		shaped.forEach((json, index) => (returnData[index].json = json));
	}
	return returnData;
}

/**
 * For a paying operation, decides the items that must not run (see `runForEachItem`) and claims
 * the idempotency keys of those that will. Returns the claimed keys, by item index.
 */
async function decidePayments(
	ctx: IExecuteFunctions,
	operation: OperationModule,
	context: RunContext,
	ledger: PaymentLedger,
	allItems: number[],
	decided: Map<number, ItemResult>,
): Promise<{ store: IdempotencyKeys; claimed: Map<number, string> } | undefined> {
	const retried = isRetriedExecution(ctx) && !ledger.knowsEarlierTry;
	const keyed = usesIdempotencyKeys(ctx);
	const store = keyed ? new IdempotencyKeys(ctx) : undefined;
	const claimed = new Map<number, string>();
	const firstItemOf = new Map<string, number>();
	for (const itemIndex of allItems) {
		const earlier = ledger.earlier(itemIndex);
		if (earlier) {
			decided.set(itemIndex, replayed(ctx, context, earlier, itemIndex));
			continue;
		}
		let key: string | undefined;
		if (store) {
			try {
				key = idempotencyKeyOf(ctx, itemIndex);
			} catch (error) {
				decided.set(itemIndex, { error: toNodeError(ctx, error, itemIndex, { ...context, secrets: [] }) });
				continue;
			}
			const repeated = key === undefined ? undefined : keyRepeated(ctx, operation, store, key, firstItemOf.get(key), itemIndex);
			if (repeated) {
				decided.set(itemIndex, repeated);
				continue;
			}
			if (key !== undefined) firstItemOf.set(key, itemIndex);
		}
		if (retried && !checkedWhenRetried(ctx, operation, itemIndex)) {
			decided.set(itemIndex, { error: notSafeToRetry(ctx, context, itemIndex) });
			continue;
		}
		if (store && key !== undefined) {
			store.claim(key);
			claimed.set(itemIndex, key);
		}
	}
	return store ? { store, claimed } : undefined;
}

/** The item's result when its idempotency key was paid before (or is being paid): nothing is sent. */
function keyRepeated(
	ctx: IExecuteFunctions,
	operation: OperationModule,
	store: IdempotencyKeys,
	key: string,
	firstItem: number | undefined,
	itemIndex: number,
): ItemResult | undefined {
	const skipped = (reason: string): ItemResult => ({
		items: [
			{
				json: { ...failedFields(ctx, operation, itemIndex), status: 'skipped: idempotency key used before', idempotencyKey: key, reason },
				pairedItem: { item: itemIndex },
			},
		],
	});
	if (firstItem !== undefined) {
		return skipped(`Item ${firstItem} of this run has the same Idempotency Key: this item was not sent`);
	}
	const known = store.stateOf(key);
	if (known.state === 'paid') {
		return skipped(`A payment with this Idempotency Key was sent on ${new Date(known.at).toISOString()}: this item was not sent`);
	}
	if (known.state === 'paying') {
		return {
			error: new NodeOperationError(ctx.getNode(), 'Another execution is sending the payment with this Idempotency Key right now: nothing was sent', {
				itemIndex,
				description: `Idempotency Key "${key}". Check the other execution's outcome before paying this item again.`,
			}),
		};
	}
	return undefined;
}

/** The fields an item shows when it did not pay (the operation's `failedItem`, without its status). */
function failedFields(ctx: IExecuteFunctions, operation: OperationModule, itemIndex: number): IDataObject {
	try {
		return { ...operation.failedItem?.call(ctx, itemIndex) };
	} catch {
		return {};
	}
}

/** Whether the node has an Idempotency Key set (read from its raw parameters: no evaluation). */
function usesIdempotencyKeys(ctx: IExecuteFunctions): boolean {
	const raw = rawParameter(ctx, `options.${idempotencyKeyOption.name}`);
	return raw !== undefined && raw !== '';
}

type ItemResult = { items: INodeExecutionData[] } | { error: NodeApiError | NodeOperationError };

function checkedWhenRetried(ctx: IExecuteFunctions, operation: OperationModule, itemIndex: number): boolean {
	try {
		return operation.payment!.checkedWhenRetried.call(ctx, itemIndex);
	} catch {
		// Its parameters cannot be read: the item fails on them when it runs, nothing is sent.
		return true;
	}
}

const SENT_BEFORE =
	'n8n ran this node again (Retry On Fail or a retried execution): the payment request of this item was sent in an earlier try, so it was not sent again.';

/** The outcome an earlier try of the run gave an item whose payment it sent. */
function replayed(ctx: IExecuteFunctions, context: RunContext, earlier: LedgerEntry, itemIndex: number): ItemResult {
	if (earlier.output) return { items: earlier.output.map((json) => ({ json, pairedItem: { item: itemIndex } })) };
	const message =
		earlier.error?.message ??
		`${context.vendor} ${context.operationName} failed: the answer to this item's payment request was lost, so the vendor may have paid it`;
	const description = [earlier.error?.description, SENT_BEFORE, `Check ${context.vendor} before paying it again.`]
		.filter((part) => part !== undefined)
		.join('\n');
	return { error: new NodeOperationError(ctx.getNode(), message, { itemIndex, description }) };
}

/** An item a retried execution cannot pay safely: nothing tells whether the failed execution paid it. */
function notSafeToRetry(ctx: IExecuteFunctions, context: RunContext, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`This is a retry of a failed execution, and ${context.vendor} ${context.operationName} cannot tell whether the failed execution already paid this item: nothing was sent`,
		{
			itemIndex,
			description: `The failed execution's record of its payments is not available, and ${context.vendor} offers no way to check this payment before sending it. Check ${context.vendor} for the payments the failed execution made, then pay the items still open in a new execution (not a retry).`,
		},
	);
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

/** The outcomes by item index; an item the operation did not report on is a failure. */
function orderedOutcomes(outcomes: ItemOutcome[], itemIndexes: number[]): ItemOutcome[] {
	const byIndex: ItemOutcome[] = [];
	for (const outcome of outcomes) byIndex[outcome.itemIndex] = outcome;
	for (const itemIndex of itemIndexes) {
		byIndex[itemIndex] ??= { itemIndex, error: new Error(`No outcome was reported for item ${itemIndex}`) };
	}
	return byIndex;
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
	return redactedError(nodeErrorOf(ctx, error, itemIndex, context), redactorFor(context.secrets));
}

/** What an error shows (its message, description, messages and stack), without secrets or card numbers. */
function redactedError<E extends NodeApiError | NodeOperationError>(error: E, redactor: Redactor): E {
	// Masked for the last time here: a quoted answer is cut only after (see excerpt()).
	const shown = (text: string) => finishExcerpts(redactor.text(text));
	error.message = shown(error.message);
	if (error.description) error.description = shown(error.description);
	if (Array.isArray(error.messages)) error.messages = error.messages.map(shown);
	if (error.stack) error.stack = shown(error.stack);
	return error;
}

function nodeErrorOf(
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
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, `${context.vendor} ${context.operationName} failed: ${message}`, {
		itemIndex,
	});
}
