import { DateTime } from 'luxon';

import { InvalidInputError } from './errors';
import { isEmpty } from './input';

/** The date formats the vendors' documents show (luxon tokens). */
export const DATE_FORMATS = {
	/** Cloud Commerce Pro, CRM.COM: 2021-10-22T12:01:44 */
	isoLocalDateTime: "yyyy-MM-dd'T'HH:mm:ss",
	/** adilas: 2015-03-24 */
	isoDate: 'yyyy-MM-dd',
	/** adilas: 2015-03-24 11:54:00 */
	isoDateSpaceTime: 'yyyy-MM-dd HH:mm:ss',
	/** CNBS WebAR: 03-24-2015 */
	usDate: 'MM-dd-yyyy',
} as const;

function isDateTimeLike(value: unknown): value is { toISO: () => string | null } {
	return typeof value === 'object' && value !== null && typeof (value as DateTime).toISO === 'function';
}

/** A date in the vendor's format; empty (see isEmpty): undefined, not sent. */
export function optionalVendorDate(value: unknown, field: string, format: string): string | undefined {
	return isEmpty(value) ? undefined : formatVendorDate(value, field, format);
}

/**
 * Reads a date from what n8n gives a node (an ISO string from a date field, an expression's
 * luxon DateTime, a JS Date in `zone`, or the vendor's own MM-DD-YYYY) and writes it in the vendor's format.
 * The wall-clock date and time are kept as written: an offset in the input is not converted to
 * another zone, so a payment dated 2021-10-22 never becomes the 21st.
 */
/**
 * Text dates already written, by format and text: the same constant field (a card's Valid To, a
 * payment date) is read for every item, and luxon's parsing costs about 0.05 ms. Text is read
 * without the zone (only a JS Date uses it), so the result depends on the two alone. Bounded.
 */
const writtenTexts = new Map<string, string>();

export function formatVendorDate(value: unknown, field: string, format: string, zone = 'utc'): string {
	if (typeof value !== 'string') return parseAndFormat(value, field, format, zone);
	const key = `${format}\u0000${value}`;
	let written = writtenTexts.get(key);
	if (written === undefined) {
		written = parseAndFormat(value, field, format, zone);
		if (writtenTexts.size >= 1000) writtenTexts.clear();
		writtenTexts.set(key, written);
	}
	return written;
}

function parseAndFormat(value: unknown, field: string, format: string, zone: string): string {
	let parsed: DateTime | undefined;
	if (value instanceof Date) {
		// A JS Date is an instant: its day is the one of the workflow's time zone.
		parsed = DateTime.fromJSDate(value, { zone });
	} else if (DateTime.isDateTime(value)) {
		parsed = value;
	} else if (isDateTimeLike(value)) {
		parsed = DateTime.fromISO(value.toISO() ?? '', { setZone: true });
	} else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		parsed = DateTime.fromISO(text, { setZone: true });
		if (!parsed.isValid) parsed = DateTime.fromFormat(text, DATE_FORMATS.isoDateSpaceTime, { setZone: true });
		// 03-04-2021 is March or April: read as MM-DD-YYYY only where the vendor's format is that one.
		if (!parsed.isValid && format === DATE_FORMATS.usDate) parsed = DateTime.fromFormat(text, DATE_FORMATS.usDate, { setZone: true });
	}
	if (!parsed) {
		throw new InvalidInputError(field, `${field} must be a date such as 2021-10-22T12:01:44`);
	}
	if (!parsed.isValid) {
		throw new InvalidInputError(
			field,
			`${field} is not a valid date: "${String(value)}" (${parsed.invalidExplanation ?? parsed.invalidReason})`,
		);
	}
	return parsed.toFormat(format);
}
