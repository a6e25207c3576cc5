import { DATE_FORMATS, optionalVendorDate } from '../../shared/dates';
import { optionalText } from '../../shared/input';
import { InvalidInputError } from '../../shared/errors';

/** CRM.COM dates as its examples write them: 2014-07-14T09:12:54. Empty: not sent. */
export function optionalCrmDate(value: unknown, field: string): string | undefined {
	return optionalVendorDate(value, field, DATE_FORMATS.isoLocalDateTime);
}

const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A UDF of type Float: a number or numeric text, sent as a JSON number. Empty: not sent. */
export function optionalFloat(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new InvalidInputError(field, `${field} must be a number, got ${value}`);
		return value;
	}
	const text = String(value).trim();
	if (text === '') return undefined;
	if (!FLOAT.test(text)) {
		throw new InvalidInputError(field, `${field} must be a number such as 12.5, got "${text}"`);
	}
	const number = Number(text);
	if (!Number.isFinite(number)) throw new InvalidInputError(field, `${field} is out of range: ${text}`);
	return number;
}

/**
 * `fields_set`: field names separated by commas, sent as written (CRM.COM's own format, e.g.
 * `number,total_amount`); a space, an empty name or another character is refused. Empty: not sent.
 */
export function optionalFieldsSet(value: unknown, field = 'fields_set'): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	const bad = text.split(',').find((name) => !/^[A-Za-z0-9_.]+$/.test(name));
	if (bad !== undefined) {
		throw new InvalidInputError(
			field,
			`${field} must be field names separated by commas, without spaces (such as number,total_amount), got ${JSON.stringify(bad)} in ${JSON.stringify(text)}`,
		);
	}
	return text;
}

export { readOptions, type RunOptions } from '../../shared/fields';
