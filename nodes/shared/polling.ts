import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { amountText } from './money';

/**
 * What the polling triggers (EVO Snap* Trigger, CNBS WebAR Trigger) share: a per-poll context for
 * the vendors' transports, the look-back window, and the seen-state kept in the node's static data.
 *
 * Seen-state: one entry per record the vendor still lists inside the look-back window,
 * `key -> [state, date]` (date: a text that sorts in time order). A poll reads everything first
 * and writes the static data once at the end, so a poll that fails part-way changes nothing and
 * the next poll sees the same events again. Entries older than the window are dropped: the
 * static data holds at most the records created (EVO) or posted (CNBS) inside the window.
 */

/** How many events a manual test ("Fetch Test Event") returns at most. */
export const MANUAL_EVENTS = 3;
export const DEFAULT_LOOK_BACK_DAYS = 30;
export const MAX_LOOK_BACK_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The transports and the field readers (`readFields`) take an execute context and use only
 * getNode, getCredentials, getTimezone, getNodeParameter and n8n's authenticated HTTP helper,
 * which a poll context has too (its getNodeParameter has no item index: a trigger has one
 * "item"). A new object per poll, because n8n keeps one poll context for the whole activation
 * and the transports keep per-run state (sign-on, renewal) keyed by the context object.
 */
export function pollRunContext(ctx: IPollFunctions): IExecuteFunctions {
	const helper = ctx.helpers.httpRequestWithAuthentication;
	return {
		getNode: () => ctx.getNode(),
		getTimezone: () => ctx.getTimezone(),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => ctx.getNodeParameter(name, fallback),
		getCredentials: async (type: string) => await ctx.getCredentials(type),
		helpers: {
			httpRequestWithAuthentication: async (...args: Parameters<typeof helper>) => await helper.call(ctx, ...args),
		},
	} as unknown as IExecuteFunctions;
}

export const lookBackDaysOption: INodeProperties = {
	displayName: 'Look-Back Days',
	name: 'lookBackDays',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_LOOK_BACK_DAYS },
	default: DEFAULT_LOOK_BACK_DAYS,
	description:
		'How far back each poll looks. Records older than this are no longer watched and no longer kept in the trigger\'s memory.',
};

export const includeExistingOption: INodeProperties = {
	displayName: 'Include Existing',
	name: 'includeExisting',
	type: 'boolean',
	default: false,
	description:
		'Whether the first poll after activation emits the events it finds inside the look-back window (by default it only takes note of them, and later polls emit what changes)',
};

/** The look-back in whole days, 1-366 (an expression giving anything else is refused). */
export function lookBackDays(value: unknown): number {
	const days = Number(value ?? DEFAULT_LOOK_BACK_DAYS);
	if (!Number.isInteger(days) || days < 1 || days > MAX_LOOK_BACK_DAYS) {
		throw new Error(`Look-Back Days must be a whole number from 1 to ${MAX_LOOK_BACK_DAYS}, got "${String(value)}"`);
	}
	return days;
}

/** The start of the look-back window (UTC). */
export function windowStart(now: Date, days: number): Date {
	return new Date(now.getTime() - days * DAY_MS);
}

export type SeenEntry = [state: string, date: string];
export type Seen = Record<string, SeenEntry>;

export interface PollMemory {
	/** Set once the first poll has taken note of what was there. */
	seen?: Seen;
}

/** The trigger's memory from its static data (undefined before the first poll). */
export function readSeen(staticData: IDataObject): Seen | undefined {
	const seen = staticData.seen;
	if (seen === null || typeof seen !== 'object' || Array.isArray(seen)) return undefined;
	return seen as Seen;
}

/**
 * The memory after a poll: what the poll listed, plus what the previous memory held inside the
 * window that this poll did not list (a page that shifted while it was read, say: forgetting it
 * would make it look new next time). `oldest` is the window's first date in the entries' format.
 */
export function nextSeen(previous: Seen | undefined, current: Map<string, SeenEntry>, oldest: string): Seen {
	const next: Seen = {};
	for (const [key, entry] of Object.entries(previous ?? {})) {
		if (!current.has(key) && Array.isArray(entry) && String(entry[1]) >= oldest) next[key] = entry;
	}
	for (const [key, entry] of current) next[key] = entry;
	return next;
}

/** Writes the memory in one assignment (n8n saves static data that changed). */
export function writeSeen(staticData: IDataObject, seen: Seen): void {
	staticData.seen = seen as unknown as IDataObject;
}

/** The latest `count` of the given events, by date (the newest first in a manual test). */
export function latest<T extends { date: string }>(events: T[], count = MANUAL_EVENTS): T[] {
	return [...events].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, count);
}

/** Events in time order (the oldest first), as an active workflow receives them. */
export function inTimeOrder<T extends { date: string }>(events: T[]): T[] {
	return [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Keys whose numbers are money: written as decimal strings (`amountText`) at any depth. */
const MONEY_KEY = /(amount|total|price)$/i;

/** A copy of a vendor record with every money figure that came as a JSON number as a decimal string. */
export function moneyAsText<T>(value: T, key = ''): T {
	if (Array.isArray(value)) return value.map((entry) => moneyAsText(entry, key)) as T;
	if (typeof value === 'number') return (MONEY_KEY.test(key) ? amountText(value) : value) as T;
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value as IDataObject).map(([name, entry]) => [name, moneyAsText(entry, name)])) as T;
}

/** The canvas subtitle: the selected event's name (a chain of comparisons: braces confuse n8n's templates). */
export function eventSubtitle(events: Array<{ name: string; value: string }>): string {
	const chain = events.reduceRight(
		(otherwise, { name, value }) => `$parameter["event"] === ${JSON.stringify(value)} ? ${JSON.stringify(name)} : ${otherwise}`,
		'$parameter["event"]',
	);
	return `={{ ${chain} }}`;
}

/** A trigger's Options collection, sorted by display name as n8n's linter wants. */
export function triggerOptions(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** An event a poll found, with the date it is ordered by. */
export interface FoundEvent {
	event: IDataObject;
	date: string;
}

/**
 * The end of every poll: a manual test returns the latest few events and leaves the memory as it
 * was; a real poll keeps what it saw (inside the window) and emits its events in time order.
 */
export function finishPoll(
	ctx: IPollFunctions,
	poll: { manual: boolean; found: FoundEvent[]; previous: Seen | undefined; current: Map<string, SeenEntry>; oldest: string },
): INodeExecutionData[][] | null {
	if (poll.manual) {
		const sample = latest(poll.found);
		return sample.length ? [ctx.helpers.returnJsonArray(sample.map((entry) => entry.event))] : null;
	}
	writeSeen(ctx.getWorkflowStaticData('node'), nextSeen(poll.previous, poll.current, poll.oldest));
	if (poll.found.length === 0) return null;
	return [ctx.helpers.returnJsonArray(inTimeOrder(poll.found).map((entry) => entry.event))];
}
