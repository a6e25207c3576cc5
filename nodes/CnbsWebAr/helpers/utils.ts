import type { IDataObject } from 'n8n-workflow';

import { DATE_FORMATS, optionalVendorDate } from '../../shared/dates';
import { requireText } from '../../shared/input';
import type { Amount } from '../../shared/money';
import { InvalidInputError } from '../../shared/errors';
import { parseAmount } from '../../shared/money';

/** A CNBS date, MM-DD-YYYY (03-24-2015), as written: no shift through a time zone. Empty: not sent. */
export function optionalCnbsDate(value: unknown, field: string): string | undefined {
	return optionalVendorDate(value, field, DATE_FORMATS.usDate);
}

/** A whole number CNBS takes as a JSON number (fiscal year, line item). */
export function wholeNumber(value: unknown, field: string, { digits }: { digits?: number } = {}): number {
	const text = requireText(value, field);
	if (!/^\d+$/.test(text)) throw new InvalidInputError(field, `${field} must be a whole number, got "${text}"`);
	if (digits !== undefined && text.replace(/^0+(?=\d)/, '').length !== digits) {
		throw new InvalidInputError(field, `${field} must have ${digits} digits, got "${text}"`);
	}
	const number = Number(text);
	if (!Number.isSafeInteger(number)) throw new InvalidInputError(field, `${field} is out of range: ${text}`);
	return number;
}

/** An amount from a field (user or expression), positive, at most two decimals. */
export function amountField(value: unknown, field: string): Amount {
	return parseAmount(typeof value === 'string' ? value.trim() : value, field);
}

export function requireCnbsDate(value: unknown, field: string): string {
	const date = optionalCnbsDate(value, field);
	if (date === undefined) throw new InvalidInputError(field, `${field} is required (MM-DD-YYYY, e.g. 05-31-2027)`);
	return date;
}

export { readOptions, type RunOptions } from '../../shared/fields';

/** The entries of a vendor's list that are objects (anything else in the list is ignored). */
export function objectsIn(list: unknown): IDataObject[] {
	return Array.isArray(list)
		? list.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object' && !Array.isArray(entry))
		: [];
}
