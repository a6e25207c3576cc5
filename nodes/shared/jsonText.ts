/**
 * JSON text with decimal numbers written exactly as given. Money travels as decimal strings; a
 * vendor that wants JSON numbers (EVO's `"Amount": 12.50`) gets the digits of that string,
 * never a JavaScript float's rendering of them, so no float artefact can reach the wire.
 */

import type { Amount } from './money';
import { formatAmount } from './money';

/** A number to be written into JSON text as these exact digits. */
export class JsonDecimal {
	constructor(readonly text: string) {
		if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`Not a decimal number: ${text}`);
	}

	/** What JSON.stringify (and so a dry run's copy of the body) shows: the same value as a number. */
	toJSON(): number {
		return Number(this.text);
	}
}

/** An amount as a JSON number with all its minor digits, as vendors' samples show it (7000.50). */
export function jsonDecimal(amount: Amount): JsonDecimal {
	return new JsonDecimal(formatAmount(amount));
}

/** A JSON value whose numbers may be JsonDecimal. */
export type JsonTextValue =
	| string
	| number
	| boolean
	| null
	| JsonDecimal
	| JsonTextValue[]
	| { [key: string]: JsonTextValue | undefined };

/**
 * Writes a value as compact JSON text: JsonDecimal as its digits, keys in insertion order,
 * `undefined` entries of objects left out (as JSON.stringify does).
 */
export function toJsonText(value: JsonTextValue | object | undefined): string {
	return writeJson(value);
}

/** `toJsonText` in one pass (no lists of entries or members built on the way). */
function writeJson(value: unknown): string {
	if (value instanceof JsonDecimal) return value.text;
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) {
		let text = '[';
		for (let index = 0; index < value.length; index++) text += (index > 0 ? ',' : '') + writeJson(value[index]);
		return `${text}]`;
	}
	if (typeof value === 'object') {
		let text = '{';
		let first = true;
		for (const key of Object.keys(value)) {
			const entry = (value as Record<string, unknown>)[key];
			if (entry === undefined) continue;
			text += `${first ? '' : ','}${JSON.stringify(key)}:${writeJson(entry)}`;
			first = false;
		}
		return `${text}}`;
	}
	return JSON.stringify(value);
}

/** The same value with every JsonDecimal as a plain number (for output items and dry runs). */
export function toPlainJson(value: JsonTextValue | object | undefined): unknown {
	if (value === undefined) return undefined;
	return JSON.parse(toJsonText(value)) as unknown;
}
