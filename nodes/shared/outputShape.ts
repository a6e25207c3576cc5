import type { IDataObject } from 'n8n-workflow';

/**
 * The keys every output item of a paying operation carries, each with its one meaning (the
 * README's output tables are generated from these). Paid, skipped, dry-run and failed items all
 * carry them, in this order; a key with no value is null, so n8n's table shows no `undefined`.
 */
export type OutputKeys = Readonly<Record<string, string>>;

/** Leading keys of every paying operation. */
export const STATUS_KEY: OutputKeys = {
	status: 'What happened: "paid" (or "deposited"), "skipped: already paid", "skipped: idempotency key used before", "dry run" or "failed"',
};

/** Trailing keys of every paying operation. */
export const OUTCOME_KEYS: OutputKeys = {
	reason: 'Why the item was skipped or not sent, in words (null when paid)',
	error: 'Why the item failed, with Continue On Fail (null otherwise)',
	errorDescription: 'More about the failure: the vendor\'s detail, what to check (null otherwise)',
};

/**
 * Gives every item of one run the same keys: the status, the operation's declared keys, then what
 * some items of the run carry beyond them (a dry run's `request`), then the outcome keys.
 */
export function shapeOutputs(items: IDataObject[], declared: OutputKeys): IDataObject[] {
	const leading = [...Object.keys(STATUS_KEY), ...Object.keys(declared)];
	const trailing = Object.keys(OUTCOME_KEYS);
	const known = new Set([...leading, ...trailing]);
	const extra: string[] = [];
	for (const item of items) for (const key of Object.keys(item)) if (!known.has(key) && !extra.includes(key)) extra.push(key);
	const keys = [...new Set([...leading, ...extra, ...trailing])];
	return items.map((item) => {
		const shaped: IDataObject = {};
		for (const key of keys) shaped[key] = item[key] === undefined ? null : item[key];
		// A failed item says so in its status too.
		if (shaped.status === null && shaped.error !== null) shaped.status = 'failed';
		return shaped;
	});
}
