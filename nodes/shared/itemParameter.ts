import type { IExecuteFunctions } from 'n8n-workflow';

import { optionalText } from './input';
import { perRun } from './runState';

/**
 * An operation's `itemKey` (see `OperationModule` in execute.ts) usually reads the parameter
 * that its `execute` reads next (the invoice or order the item pays). An expression costs a
 * data proxy and an evaluation (about 0.2 ms each), so the value the key read is kept for the
 * run until the item's `execute` takes it: each item evaluates it once.
 */
function keptValues(ctx: IExecuteFunctions, parameter: string): Map<number, unknown> {
	return perRun(ctx, `itemParameter:${parameter}`, () => new Map<number, unknown>());
}

/**
 * Reads `parameter` of the item, keeps it for `itemParameter`, and returns the item's key: the
 * parameter's name and its value as text (lower case, trimmed; an __rl value by its mode and
 * value), or undefined when it is empty (an item without a key runs as it comes).
 */
export function itemKeyOf(ctx: IExecuteFunctions, itemIndex: number, parameter: string): string | undefined {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	keptValues(ctx, parameter).set(itemIndex, raw);
	let value: string | undefined;
	if (raw !== null && typeof raw === 'object' && '__rl' in raw) {
		const { mode, value: rlValue } = raw as { mode?: unknown; value?: unknown };
		const text = optionalText(rlValue);
		value = text === undefined ? undefined : `${String(mode ?? '')}:${text}`;
	} else {
		value = optionalText(raw);
	}
	return value === undefined ? undefined : `${parameter}:${value.toLowerCase()}`;
}

/**
 * The item's `parameter`: the value `itemKeyOf` read for this item if it did (and then forgotten),
 * else read now. `fallback` as in `getNodeParameter`.
 */
export function itemParameter(ctx: IExecuteFunctions, itemIndex: number, parameter: string, fallback: unknown = ''): unknown {
	const values = keptValues(ctx, parameter);
	if (values.has(itemIndex)) {
		const value = values.get(itemIndex);
		values.delete(itemIndex);
		return value;
	}
	return ctx.getNodeParameter(parameter, itemIndex, fallback as string) as unknown;
}
