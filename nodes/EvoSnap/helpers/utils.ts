import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { RunOptions as SharedRunOptions } from '../../shared/fields';
import { readOptions as readSharedOptions } from '../../shared/fields';
import { isEmpty, optionalText, requireText } from '../../shared/input';
import { nodeParameterToRead } from '../../shared/itemParameter';
import { perRun } from '../../shared/runState';
import { JsonDecimal } from '../../shared/jsonText';
import { InvalidInputError } from '../../shared/errors';
import { parseAmount } from '../../shared/money';
import { DEFAULT_ALREADY_PAID_STATES, DIGITS } from '../actions/common.descriptions';

// ---- enums (the lists in vendors.md; the seed's own values included) ------------------------

// ---- precision of decimal fields ------------------------------------------------------------

// ---- readers --------------------------------------------------------------------------------

/** The digits of a validated decimal as JSON allows them (no leading zeros, no plus sign). */
function decimalText(value: unknown): string {
	const text = (typeof value === 'number' ? String(value) : String(value).trim()).replace(/^\+/, '');
	return text.replace(/^0+(?=\d)/, '');
}

/**
 * The invoice Amount: required, positive, at most two decimals; sent as a JSON number with the
 * digits written (12.50 stays 12.50, as in EVO's Create sample; 12.5 stays 12.5, as in its Update).
 */
export function invoiceAmount(value: unknown, field = 'Amount'): JsonDecimal {
	parseAmount(value, field, { digits: DIGITS.amount });
	return new JsonDecimal(decimalText(value));
}

/**
 * An optional decimal (zero allowed), sent as a JSON number with exactly the digits written
 * ("0.0725" stays 0.0725; a float such as 0.1 + 0.2 from an expression is refused as over-precise).
 */
export function optionalDecimal(value: unknown, field: string, digits: number): JsonDecimal | undefined {
	if (isEmpty(value)) return undefined;
	parseAmount(value, field, { digits, allowZero: true });
	return new JsonDecimal(decimalText(value));
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new InvalidInputError(field, `${field} must be true or false`);
}

/** A value of a closed list: refused when it is not one of `allowed`. */
export function optionalEnum(value: unknown, field: string, allowed: string[]): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	if (!allowed.includes(text)) {
		throw new InvalidInputError(field, `${field} must be one of ${allowed.join(', ')}, got "${text}"`);
	}
	return text;
}

const MMYY = /^(0[1-9]|1[0-2])\d{2}$/;

/** An expiration date as MMYY (0520). The value is not repeated in the message: it is card data. */
export function optionalMmyy(value: unknown, field: string): string | undefined {
	const text = optionalText(typeof value === 'number' ? String(value).padStart(4, '0') : value);
	if (text === undefined) return undefined;
	if (!MMYY.test(text)) {
		throw new InvalidInputError(field, `${field} must be the expiration as MMYY (month 01-12, e.g. 0520)`);
	}
	return text;
}

/**
 * A card number: 12 to 19 digits (spaces and dashes are dropped). Not checked with Luhn: EVO's
 * own sample numbers fail it. The value is never repeated in a message.
 */
export function optionalCardNumber(value: unknown, field: string): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	const digits = text.replace(/[\s-]/g, '');
	if (!/^\d{12,19}$/.test(digits)) {
		throw new InvalidInputError(field, `${field} must be a card number of 12 to 19 digits`);
	}
	return digits;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A timestamp such as 2017-03-27T11:00:53.9271639-06:00, sent as written; a luxon DateTime as ISO. */
export function optionalTimestamp(value: unknown, field: string): string | undefined {
	if (isEmpty(value)) return undefined;
	if (DateTime.isDateTime(value)) return value.toISO() ?? undefined;
	if (value instanceof Date) return value.toISOString();
	const text = String(value).trim();
	if (!ISO_TIMESTAMP.test(text) || !DateTime.fromISO(text.replace(/(\.\d{3})\d+/, '$1')).isValid) {
		throw new InvalidInputError(field, `${field} must be a date and time such as 2017-03-27T11:00:53-06:00, got "${text}"`);
	}
	return text;
}

/** JSON text or an expression's array: the list, or undefined when empty. */
export function optionalJsonList(value: unknown, field: string): IDataObject[] | undefined {
	if (isEmpty(value)) return undefined;
	let parsed: unknown = value;
	let valid = true;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value) as unknown;
		} catch {
			valid = false;
		}
	}
	if (!valid) throw new InvalidInputError(field, `${field} is not valid JSON: give an array of objects`);
	if (!Array.isArray(parsed) || parsed.some((entry) => entry === null || typeof entry !== 'object' || Array.isArray(entry))) {
		throw new InvalidInputError(field, `${field} must be an array of objects`);
	}
	return parsed as IDataObject[];
}

// ---- the objects of the wire format, in the seed's key order ---------------------------------

/** The invoice reference id of the URL: required, no slashes or other URL syntax. */
export function invoiceReferenceId(value: unknown, field = 'InvoiceReferenceId'): string {
	const text = requireText(value, field);
	// "." and ".." are path segments a URL resolves (Invoices/../process would call another endpoint).
	if (!/^[A-Za-z0-9_.-]+$/.test(text) || /^\.+$/.test(text)) {
		throw new InvalidInputError(field, `${field} must be letters and digits such as 6177CCEE97C84FF7B1CFF11EAA347DBE, got "${text}"`);
	}
	return text;
}

// ---- options --------------------------------------------------------------------------------

export interface RunOptions extends SharedRunOptions {
	alreadyPaidStates: string[];
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): RunOptions {
	const values = nodeParameterToRead(ctx, 'options', itemIndex, {}) as IDataObject;
	const text = String(values.alreadyPaidStates ?? DEFAULT_ALREADY_PAID_STATES);
	// The list of a text is split once per run (a copy per item).
	const lists = perRun(ctx, 'evoSnap:paidStates', () => new Map<string, string[]>());
	let states = lists.get(text);
	if (states === undefined) {
		states = text
			.split(',')
			.map((state) => state.trim())
			.filter((state) => state !== '');
		lists.set(text, states);
	}
	return { ...readSharedOptions(ctx, itemIndex), alreadyPaidStates: [...states] };
}

// ---- fields shared by operations ------------------------------------------------------------
