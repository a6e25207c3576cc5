import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionalText, setOwn } from './input';
import { nodeOnce, perRun } from './runState';

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
	const raw = nodeParameter(ctx, parameter, itemIndex, '');
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
	return nodeParameter(ctx, parameter, itemIndex, fallback);
}

/** Whether a parameter as the node holds it has an n8n expression anywhere in it. */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** The node's parameter at a dotted path (`options.maximumAmount`) as stored, before any evaluation. */
export function rawParameter(ctx: IExecuteFunctions, path: string): unknown {
	let value: unknown = nodeOnce(ctx).parameters;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** Deeper than any parameter: a value this deep (or with a cycle) is copied by `structuredClone`. */
const PLAIN_DEPTH = 100;
const TOO_DEEP = Symbol('too deep');

function copyTree(value: unknown, depth: number): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (depth > PLAIN_DEPTH) return TOO_DEEP;
	if (Array.isArray(value)) {
		const list: unknown[] = new Array(value.length);
		for (let index = 0; index < value.length; index++) {
			const entry = copyTree(value[index], depth + 1);
			if (entry === TOO_DEEP) return TOO_DEEP;
			list[index] = entry;
		}
		return list;
	}
	const prototype = Object.getPrototypeOf(value) as unknown;
	if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		const entry = copyTree((value as Record<string, unknown>)[key], depth + 1);
		if (entry === TOO_DEEP) return TOO_DEEP;
		setOwn(copy, key, entry);
	}
	return copy;
}

/**
 * A copy of a value as parameters and checked fields hold it (text, numbers, booleans, plain
 * objects and lists): what `structuredClone` gives for such data, at a fraction of its cost
 * (a structured clone serializes and deserializes). Anything else inside (a Date, a luxon
 * DateTime, a Buffer) is copied by `structuredClone`, and so is a cycle.
 */
export function copyPlain<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	const copy = copyTree(value, 0);
	return (copy === TOO_DEEP ? structuredClone(value) : copy) as T;
}

const copy = copyPlain;

/**
 * `ctx.getNodeParameter(path, itemIndex, fallback)` with two shortcuts, each of which gives what
 * n8n gives:
 * - a parameter that holds no expression is the same for every item: read once per run (each
 *   read goes through n8n's parameter machinery); objects are copies, a caller may change them;
 * - a plain reference to a field of the item's JSON (`{{ $json.invoice }}`, also inside text,
 *   see `compileJsonFields`) is read from the item (n8n builds a data proxy and Luxon's
 *   `$now`/`$today` for every expression, about 0.15 ms). The first item of the run that takes
 *   it is read both ways: when n8n's answer differs, n8n answers for the rest of the run.
 * A read that fails is not kept: every item gets n8n's own error.
 */
export function nodeParameter(ctx: IExecuteFunctions, path: string, itemIndex: number, fallback: unknown = ''): unknown {
	return parameterValue(ctx, path, itemIndex, fallback, true);
}

/**
 * `nodeParameter` for a caller that only reads the value and never changes it (e.g. the Options
 * collection's flags): a parameter without an expression is the run's one value, not a copy of it.
 */
export function nodeParameterToRead(ctx: IExecuteFunctions, path: string, itemIndex: number, fallback: unknown = ''): unknown {
	return parameterValue(ctx, path, itemIndex, fallback, false);
}

function parameterValue(ctx: IExecuteFunctions, path: string, itemIndex: number, fallback: unknown, copyConstant: boolean): unknown {
	const { raw, expression } = rawOnce(ctx, path);
	const read = () => ctx.getNodeParameter(path, itemIndex, fallback as string) as unknown;
	if (!expression) {
		const constants = perRun(ctx, 'nodeParameter:constants', () => new Map<string, unknown>());
		// Not set: n8n gives the fallback, which a caller may give differently.
		const key = raw === undefined ? unsetKey(ctx, path, fallback) : path;
		if (!constants.has(key)) constants.set(key, read());
		return copyConstant ? copy(constants.get(key)) : constants.get(key);
	}
	const shortcut = perRun(ctx, 'nodeParameter:shortcuts', () => new Map<string, JsonFieldReader | null>());
	let reader = shortcut.get(path);
	if (reader === undefined) {
		reader = jsonFieldReader(raw);
		shortcut.set(path, reader);
	}
	if (reader === null) return read();
	// The run's input items: n8n hands the same list for the whole run.
	const json = perRun(ctx, 'nodeParameter:input', () => ctx.getInputData())[itemIndex]?.json;
	const fast = json === undefined ? NO_SHORTCUT : reader.read(json);
	if (fast === NO_SHORTCUT) return read();
	if (!reader.checked) {
		const slow = read();
		if (!sameValue(fast, slow)) {
			shortcut.set(path, null);
			return slow;
		}
		reader.checked = true;
		return slow;
	}
	return fast;
}

/** The parameter at `path` as the node holds it, and whether it holds an expression: the same all run. */
function rawOnce(ctx: IExecuteFunctions, path: string): { raw: unknown; expression: boolean } {
	const raws = perRun(ctx, 'nodeParameter:raw', () => new Map<string, { raw: unknown; expression: boolean }>());
	let entry = raws.get(path);
	if (entry === undefined) {
		const raw = rawParameter(ctx, path);
		entry = { raw, expression: holdsExpression(raw) };
		raws.set(path, entry);
	}
	return entry;
}

/** The constants' key of a parameter that is not set, for this fallback (the last one kept per path). */
function unsetKey(ctx: IExecuteFunctions, path: string, fallback: unknown): string {
	const last = perRun(ctx, 'nodeParameter:unsetKeys', () => new Map<string, { fallback: unknown; key: string }>());
	const known = last.get(path);
	// A text, number or boolean fallback is the same fallback when it is the same value.
	if (known && known.fallback === fallback && (fallback === null || typeof fallback !== 'object')) return known.key;
	const key = `${path}\u0000${JSON.stringify(fallback)}`;
	last.set(path, { fallback, key });
	return key;
}

const NO_SHORTCUT = Symbol('no shortcut');

interface JsonFieldReader {
	/** The value n8n would give for this item, or NO_SHORTCUT when only n8n can tell. */
	read(json: IDataObject): unknown;
	/** Whether n8n gave the same value for an item of this run. */
	checked: boolean;
}

/** `$json.name`, `$json["name"]` or `$json['name']`. */
const JSON_REF = String.raw`\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])`;
/** `{{ ref }}` or `{{ ref ?? ref ... }}` (the first that is not null or undefined), spaces allowed. */
const JSON_FIELD = new RegExp(String.raw`\{\{\s*(${JSON_REF}(?:\s*\?\?\s*${JSON_REF})*)\s*\}\}`, 'g');

/** The field names of a `ref ?? ref ...` chain. */
function chainOf(refs: string): string[] {
	return [...refs.matchAll(new RegExp(JSON_REF, 'g'))].map((match) => match[1] ?? match[2] ?? match[3]);
}

/** The value of the first field of the chain that is neither null nor undefined, as `??` gives it. */
function chainValue(json: IDataObject, chain: string[]): unknown {
	for (const field of chain) {
		const value = Object.prototype.hasOwnProperty.call(json, field) ? json[field] : undefined;
		if (value !== undefined && value !== null) return value;
	}
	return undefined;
}

/**
 * An expression made only of text and `{{ $json.<field> }}` references (or `??` chains of them): alone, the field's value
 * as it is (text, a finite number or a boolean); inside text, the text with each field's value
 * (text or a finite number) in its place. Anything else (any other code, another value) is n8n's.
 */
function compileJsonFields(expression: string): ((json: IDataObject) => unknown) | undefined {
	if (!expression.startsWith('=')) return undefined;
	const body = expression.slice(1);
	const texts: string[] = [];
	const fields: string[][] = [];
	let at = 0;
	for (const match of body.matchAll(JSON_FIELD)) {
		texts.push(body.slice(at, match.index));
		fields.push(chainOf(match[1]));
		at = match.index + match[0].length;
	}
	texts.push(body.slice(at));
	if (fields.length === 0 || texts.some((text) => text.includes('{{') || text.includes('}}'))) return undefined;
	if (fields.length === 1 && texts[0] === '' && texts[1] === '') {
		const [field] = fields;
		return (json) => {
			const value = chainValue(json, field);
			if (typeof value === 'string' || typeof value === 'boolean') return value;
			if (typeof value === 'number' && Number.isFinite(value)) return value;
			return NO_SHORTCUT;
		};
	}
	return (json) => {
		let out = texts[0];
		for (let index = 0; index < fields.length; index++) {
			const value = chainValue(json, fields[index]);
			if (typeof value === 'string') out += value;
			else if (typeof value === 'number' && Number.isFinite(value)) out += String(value);
			else return NO_SHORTCUT;
			out += texts[index + 1];
		}
		return out;
	};
}

/** A reader for a parameter that is such an expression, or a resource locator whose value is one. */
function jsonFieldReader(raw: unknown): JsonFieldReader | null {
	if (typeof raw === 'string') {
		const compiled = compileJsonFields(raw);
		return compiled ? { read: compiled, checked: false } : null;
	}
	if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && (raw as IDataObject).__rl === true) {
		const locator = raw as IDataObject;
		const entries = Object.entries(locator);
		// Only the value may be an expression; everything else is copied as n8n copies it.
		if (entries.some(([key, value]) => key !== 'value' && holdsExpression(value))) return null;
		const compiled = typeof locator.value === 'string' ? compileJsonFields(locator.value) : undefined;
		if (!compiled) return null;
		return {
			read: (json) => {
				const value = compiled(json);
				return value === NO_SHORTCUT ? NO_SHORTCUT : { ...locator, value };
			},
			checked: false,
		};
	}
	return null;
}

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
	const keysA = Object.keys(a);
	const keysB = Object.keys(b);
	if (keysA.length !== keysB.length) return false;
	return keysA.every((key) => (a as IDataObject)[key] === (b as IDataObject)[key]);
}

/** What the shortcut reads for the raw parameter from an item's JSON, or undefined where only n8n can tell (for tests). */
export function shortcutValue(raw: unknown, json: IDataObject): { value: unknown } | undefined {
	const reader = jsonFieldReader(raw);
	if (!reader) return undefined;
	const value = reader.read(json);
	return value === NO_SHORTCUT ? undefined : { value };
}
