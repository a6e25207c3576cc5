import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { VendorError } from './errors';
import { kinds, readValue, withKind } from './fieldKinds';
import { nodeParameter } from './itemParameter';

/**
 * What keeps n8n's own re-runs from paying twice.
 *
 * n8n runs a node again by itself: Retry On Fail re-runs the whole node (every item) when it
 * throws, or with Continue On Fail when its first output item carries an error; a failed
 * execution retried from the execution list starts a new execution (mode `retry`) at the failed
 * node with the same input. So a paying node keeps, per run of the node, a ledger of the items
 * whose payment request it sent and what came of it, in the node's execution context
 * (`getContext('node')`). That context is part of the execution's own data: the same object in
 * every Retry On Fail try, saved with a failed execution, and gone with the execution (no
 * process memory, nothing shared between executions or workers). Only runs that may be run
 * again keep their ledger (see `PaymentLedger.finish`).
 */

/** What every paying operation exports as `payment` (see `OperationModule` in execute.ts). */
export interface PaymentSafety {
	/**
	 * Whether the item reads the invoice's balance before paying in a retried execution and so
	 * cannot pay it twice (a full-balance payment with its check). Where not, a retried execution
	 * that lacks the failed execution's ledger refuses the item: nothing is sent.
	 */
	checkedWhenRetried(this: IExecuteFunctions, itemIndex: number): boolean;
}

/** What became of an item's payment request. */
type SentState =
	/** Sent; its answer has not been read yet (or the node stopped before). */
	| 'sending'
	/** The vendor answered that it took the payment. */
	| 'answered'
	/** The answer was lost (timeout, reset, 5xx, unreadable): the vendor may have paid. */
	| 'unknown';

export interface LedgerEntry {
	state: SentState;
	/** The item's output items, once the run has made them (replayed as they were). */
	output?: IDataObject[];
	/** The item's error, once the run has made it (replayed, never sent again). */
	error?: { message: string; description?: string };
}

type RunLedger = Record<string, LedgerEntry>;

const CONTEXT_KEY = 'paymentLedger';

/** A retried execution (the execution list's Retry buttons, or n8n's REST API as they call it). */
export function isRetriedExecution(ctx: IExecuteFunctions): boolean {
	return typeof ctx.getMode === 'function' && ctx.getMode() === 'retry';
}

/**
 * The key of this run of the node inside its execution: its run index, and the run of the
 * node that fed it (a node inside a loop runs once per round, on other items each time). The
 * same in every Retry On Fail try and in the execution that retries it.
 */
function runKeyOf(ctx: IExecuteFunctions): string {
	const executeData = ctx.getExecuteData?.();
	const sources = (executeData?.source?.main ?? []).map((source) =>
		source ? `${source.previousNode}:${source.previousNodeOutput ?? 0}:${source.previousNodeRun ?? 0}` : '-',
	);
	return `${executeData?.runIndex ?? ''}|${sources.join(',')}`;
}

function contextOf(ctx: IExecuteFunctions): IDataObject | undefined {
	// A context without n8n's execution data (an operation called from a test's bare context).
	if (typeof ctx.getContext !== 'function') return undefined;
	try {
		return ctx.getContext('node') as IDataObject;
	} catch {
		return undefined;
	}
}

/** The ledger of this run of the node: what its payment requests did, by item index. */
export class PaymentLedger {
	private constructor(
		private readonly runs: Record<string, RunLedger> | undefined,
		private readonly runKey: string,
		/** Whether an earlier try of this run left its ledger (see `knowsEarlierTry`). */
		readonly knowsEarlierTry: boolean,
	) {}

	static of(ctx: IExecuteFunctions): PaymentLedger {
		const context = contextOf(ctx);
		const runKey = runKeyOf(ctx);
		if (!context) return new PaymentLedger(undefined, runKey, false);
		const runs = (context[CONTEXT_KEY] ??= {}) as Record<string, RunLedger>;
		const known = runs[runKey] !== undefined;
		runs[runKey] ??= {};
		return new PaymentLedger(runs, runKey, known);
	}

	private get entries(): RunLedger | undefined {
		return this.runs?.[this.runKey];
	}

	/** What an earlier try of this run did with the item's payment, if it sent one. */
	earlier(itemIndex: number): LedgerEntry | undefined {
		return this.entries?.[itemIndex];
	}

	sending(itemIndex: number): void {
		const entries = this.entries;
		if (entries) entries[itemIndex] = { state: 'sending' };
	}

	answered(itemIndex: number, state: SentState | 'refused' | 'not sent'): void {
		const entries = this.entries;
		if (!entries) return;
		// A payment the vendor refused, or that never left, is not a payment: it may be sent again.
		if (state === 'refused' || state === 'not sent') delete entries[itemIndex];
		else entries[itemIndex] = { state };
	}

	/** Keeps the item's output for a later try, when its payment was sent. */
	keepOutput(itemIndex: number, output: IDataObject[]): void {
		const entry = this.entries?.[itemIndex];
		if (entry) entry.output = output;
	}

	keepError(itemIndex: number, error: { message: string; description?: string }): void {
		const entry = this.entries?.[itemIndex];
		if (entry) entry.error = error;
	}

	/**
	 * Ends the run: a run that n8n will not run again (it returned, and its first item carries no
	 * error) forgets its ledger, so that only runs that can be retried keep one.
	 */
	finish(mayRunAgain: boolean): void {
		if (!this.runs) return;
		if (!mayRunAgain) delete this.runs[this.runKey];
	}
}

/** How an error of a payment request leaves the payment: refused, never sent, or unknown. */
function stateAfter(error: unknown): 'refused' | 'not sent' | 'unknown' {
	if (!(error instanceof VendorError)) return 'unknown';
	const { outcomeUnknown, retryable, notSent } = error.details;
	if (outcomeUnknown) return 'unknown';
	if (notSent || retryable) return 'not sent';
	return 'refused';
}

/**
 * The vendor answered that it did not take these items' payments, although the request as a
 * whole was answered (e.g. one document of a combined request): they may be sent again.
 */
export function paymentRefused(ctx: IExecuteFunctions, itemIndexes: number[]): void {
	const ledger = ledgerOf(ctx);
	for (const itemIndex of itemIndexes) ledger.answered(itemIndex, 'refused');
}

const ledgers = new WeakMap<object, PaymentLedger>();

/** The ledger the item runner opened for this run (see `runForEachItem`). */
export function ledgerOf(ctx: IExecuteFunctions): PaymentLedger {
	let ledger = ledgers.get(ctx);
	if (!ledger) {
		ledger = PaymentLedger.of(ctx);
		ledgers.set(ctx, ledger);
	}
	return ledger;
}

/**
 * Sends the payment request of the given items (one request, for one item or for several sent
 * together) and writes in the run's ledger that it was sent and how it ended, so that n8n's
 * Retry On Fail or a retried execution never sends it again. Every paying operation sends its
 * payment through this.
 */
export async function sendPaymentOnce<T>(
	ctx: IExecuteFunctions,
	itemIndexes: number[],
	send: () => Promise<T>,
): Promise<T> {
	const ledger = ledgerOf(ctx);
	for (const itemIndex of itemIndexes) ledger.sending(itemIndex);
	let failure: unknown;
	try {
		const answer = await send();
		for (const itemIndex of itemIndexes) ledger.answered(itemIndex, 'answered');
		return answer;
	} catch (error) {
		failure = error;
	}
	const state = stateAfter(failure);
	for (const itemIndex of itemIndexes) ledger.answered(itemIndex, state);
	throw failure;
}

/**
 * Idempotency keys: the same payment asked for twice across executions (a webhook delivered
 * twice, a schedule run again). A key whose payment was sent is kept in the workflow's static
 * data of the node (which n8n saves after every execution but a manual one) and in this
 * process's memory (which also covers manual runs and executions that overlap); a later item with
 * the same key is not sent. Both are bounded: the newest keys are kept.
 */
/** The option of every paying operation that keeps the same payment from being sent twice across executions. */
export const idempotencyKeyOption: INodeProperties = withKind(kinds.identifier(100, { expected: 'a key of at most 100 characters, such as the ID of a webhook event' }), {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.eventId }}',
	description:
		'A value that is the same whenever the same payment is asked for again, e.g. the ID of the webhook event or spreadsheet row. A payment whose key this node already sent is skipped and nothing is sent. What each vendor guarantees: see the README, "Retries in n8n".',
});

export const KEYS_KEPT = 2000;
const PROCESS_KEYS_KEPT = 20000;
const STATIC_KEY = 'paymentKeys';

/** scope/key → 'paying' while an execution sends it, or the time its payment was sent. */
const keysInProcess = new Map<string, 'paying' | number>();

function keepNewest(map: Map<string, unknown>, limit: number): void {
	for (const key of map.keys()) {
		if (map.size <= limit) break;
		map.delete(key);
	}
}

export type KeyState = { state: 'new' } | { state: 'paid'; at: number } | { state: 'paying' };

export class IdempotencyKeys {
	private readonly scope: string;
	private readonly staticData: IDataObject | undefined;

	constructor(ctx: IExecuteFunctions) {
		const node = ctx.getNode();
		this.scope = `${ctx.getWorkflow?.().id ?? ''}/${node.id ?? node.name}/`;
		try {
			this.staticData = ctx.getWorkflowStaticData('node');
		} catch {
			this.staticData = undefined;
		}
	}

	private stored(): Record<string, number> {
		return (this.staticData?.[STATIC_KEY] as Record<string, number> | undefined) ?? {};
	}

	stateOf(key: string): KeyState {
		const inProcess = keysInProcess.get(this.scope + key);
		if (inProcess === 'paying') return { state: 'paying' };
		const at = inProcess ?? this.stored()[`k:${key}`];
		return at === undefined ? { state: 'new' } : { state: 'paid', at };
	}

	/** This execution is about to send the key's payment: another one must not. */
	claim(key: string): void {
		keysInProcess.set(this.scope + key, 'paying');
	}

	/** The key's payment was not sent (refused, or failed before it left): it may be sent again. */
	release(key: string): void {
		if (keysInProcess.get(this.scope + key) === 'paying') keysInProcess.delete(this.scope + key);
	}

	/** The key's payment was sent (paid, or its answer was lost): never send it again. */
	remember(key: string, at = Date.now()): void {
		this.rememberAll([key], at);
	}

	/**
	 * `remember` for every key of a run at once: the same keys kept, in the same order, as one
	 * `remember` after the other, but the stored keys (up to KEYS_KEPT) are copied once per run
	 * instead of once per key.
	 */
	rememberAll(keys: string[], at = Date.now()): void {
		if (keys.length === 0) return;
		for (const key of keys) {
			keysInProcess.delete(this.scope + key);
			keysInProcess.set(this.scope + key, at);
		}
		keepNewest(keysInProcess, PROCESS_KEYS_KEPT);
		if (!this.staticData) return;
		// Keys are prefixed so that the object keeps them in insertion order (numeric keys sort first).
		const kept = new Map(Object.entries(this.stored()));
		for (const key of keys) {
			kept.delete(`k:${key}`);
			kept.set(`k:${key}`, at);
		}
		keepNewest(kept, KEYS_KEPT);
		// A new object, so that n8n sees the static data changed and saves it.
		this.staticData[STATIC_KEY] = Object.fromEntries(kept);
	}
}

/** Whether the run's payment was sent for the item (paid or unknown), as the ledger says. */
export function paymentWasSent(ledger: PaymentLedger, itemIndex: number): boolean {
	return ledger.earlier(itemIndex) !== undefined;
}

/**
 * The item's Idempotency Key (Options), undefined when empty. A value that is not text or a number
 * is refused naming the field.
 */
export function idempotencyKeyOf(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = nodeParameter(ctx, `options.${idempotencyKeyOption.name}`, itemIndex, '');
	if (value === undefined || value === null || value === '') return undefined;
	// Read as its kind, as every field is (fieldKinds.ts): text as written, refused otherwise.
	return readValue(idempotencyKeyOption, value, ctx.getTimezone()) as string | undefined;
}
