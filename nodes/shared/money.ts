/**
 * Money as decimal strings: amounts are validated as text and computed in integer minor units
 * (BigInt), never as JavaScript floats, so 0.1 + 0.2 problems cannot reach a payment.
 */

import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError } from './errors';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** The most whole digits an amount may have (999,999,999,999,999.99: beyond any vendor's amount field). */
const MAX_WHOLE_DIGITS = 15;

/** A validated amount: its canonical text and its value in minor units (cents). */
export interface Amount {
	minor: bigint;
	digits: number;
}

/**
 * Reads an amount given by a user or an expression (number or string) and refuses anything that
 * is not a positive decimal with at most `digits` decimals. Numbers are read through their
 * shortest text form (12.1 → "12.1"), which is what the user typed.
 */
export function parseAmount(
	value: unknown,
	field: string,
	{ digits = 2, allowZero = false }: { digits?: number; allowZero?: boolean } = {},
): Amount {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new InvalidInputError(field, `${field} must be a number, got ${value}`);
		text = String(value);
		if (/e/i.test(text)) throw new InvalidInputError(field, `${field} is out of range: ${value}`);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else if (value === undefined || value === null) {
		throw new InvalidInputError(field, `${field} is required`);
	} else {
		throw new InvalidInputError(field, `${field} must be a decimal amount such as 12.00`);
	}
	if (text === '') throw new InvalidInputError(field, `${field} is required`);
	if (text.startsWith('-')) {
		throw new InvalidInputError(field, `${field} must be positive, got ${text}`);
	}
	const match = DECIMAL.exec(text.replace(/^\+/, ''));
	if (!match) {
		throw new InvalidInputError(field, `${field} must be a decimal amount such as 12.00, got "${text}"`);
	}
	const [, whole, fraction = ''] = match;
	// Beyond 15 whole digits no vendor's amount field holds it: a mistake in the data.
	if (whole.replace(/^0+(?=\d)/, '').length > MAX_WHOLE_DIGITS) {
		throw new InvalidInputError(field, `${field} is too large: ${text}`);
	}
	if (fraction.length > digits) {
		throw new InvalidInputError(
			field,
			`${field} has more than ${digits} decimal places: ${text}`,
		);
	}
	const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
	if (minor === 0n && !allowZero) {
		throw new InvalidInputError(field, `${field} must be greater than zero`);
	}
	return { minor, digits };
}

/** Formats minor units the way the vendors' samples show amounts: "12.00". */
export function formatAmount(amount: Amount): string {
	const { minor, digits } = amount;
	const negative = minor < 0n;
	const abs = negative ? -minor : minor;
	const scale = 10n ** BigInt(digits);
	const whole = (abs / scale).toString();
	const fraction = (abs % scale).toString().padStart(digits, '0');
	return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/** Reads an amount a vendor returned (number or text, possibly zero) without the user checks. */
export function amountFromVendor(value: unknown, field: string, digits = 2): Amount {
	const text = typeof value === 'number' ? value.toFixed(digits) : String(value ?? '').trim();
	const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
	if (!match) throw new InvalidInputError(field, `The vendor returned an unreadable ${field}: "${text}"`);
	const [, sign, whole, fraction = ''] = match;
	// Vendors may send more decimals than the currency has (e.g. 12.000); round half up.
	const padded = fraction.padEnd(digits + 1, '0');
	let minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(padded.slice(0, digits) || '0');
	if (Number(padded[digits]) >= 5) minor += 1n;
	return { minor: sign ? -minor : minor, digits };
}

export function subtractAmounts(a: Amount, b: Amount): Amount {
	if (a.digits !== b.digits) throw new Error('Cannot subtract amounts of different precision');
	return { minor: a.minor - b.minor, digits: a.digits };
}

export function compareAmounts(a: Amount, b: Amount): number {
	if (a.minor === b.minor) return 0;
	return a.minor < b.minor ? -1 : 1;
}

/**
 * An amount a vendor answered as a JSON number, written as a decimal string with at least 2
 * decimals (225 → "225.00", 12.5 → "12.50", 0.0725 → "0.0725"): every node outputs amounts as
 * text, never as floats. Anything that is not a plain finite number is returned as it is.
 */
export function amountText(value: unknown): unknown {
	if (typeof value !== 'number' || !Number.isFinite(value)) return value;
	const text = String(value);
	if (!/^-?\d+(\.\d+)?$/.test(text)) return value; // exponent notation: not an amount a vendor sends
	const [whole, fraction = ''] = text.split('.');
	return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** The item with every top-level amount (a key ending in "amount") that is a number as `amountText`. */
export function amountsAsText(json: IDataObject): IDataObject {
	let changed: IDataObject | undefined;
	for (const [key, value] of Object.entries(json)) {
		if (typeof value === 'number' && /amount$/i.test(key)) {
			changed ??= { ...json };
			changed[key] = amountText(value) as string;
		}
	}
	return changed ?? json;
}
