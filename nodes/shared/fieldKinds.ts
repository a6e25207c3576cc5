import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { DateTime } from 'luxon';

import { DATE_FORMATS } from './dates';
import { hiddenCharacter } from './input';
import { copyPlain, holdsExpression, itemParameter } from './itemParameter';
import { InvalidInputError } from './errors';
import { parseAmount } from './money';
import { maskCardNumbers } from './redact';
import { nodeOnce, perRun } from './runState';

/**
 * The input contract: every field of a paying operation is declared once with its kind, and the
 * operation reads its item's values only through `readFields`, which checks them all before
 * anything is sent. What each kind accepts, refuses and returns is written next to it below and
 * in the README ("Input contract"). The kind is recorded on the property itself (`inputKind`),
 * so the generated test corpus finds it in the loaded node description.
 */
export type InputKind =
	/** Free text: sent exactly as written (no trimming). Refuses objects, lists, booleans, only whitespace. */
	| { kind: 'text'; maxLength?: number; xml?: boolean }
	/** A vendor's identifier or name: text without surrounding whitespace or control characters. */
	| { kind: 'identifier'; maxLength: number; pattern?: string; expected?: string; xml?: boolean }
	/** Digits only (ASCII), at most `maxLength` of them; a JS number must be a safe integer. */
	| { kind: 'digits'; maxLength: number; allowZero?: boolean }
	/** One value of a list: the property's options, or `values`. */
	| { kind: 'code'; values?: Array<string | number> }
	/** A positive decimal with at most `digits` decimals, as text. */
	| { kind: 'amount'; digits?: number; allowZero?: boolean }
	/** A calendar day, returned as yyyy-MM-dd; `vendorFormat` is also accepted (e.g. CNBS MM-dd-yyyy). */
	| { kind: 'date'; vendorFormat?: string }
	/** A wall-clock date and time, returned as yyyy-MM-ddTHH:mm:ss (a day alone stays yyyy-MM-dd); a JS Date in the workflow's time zone. */
	| { kind: 'dateTime' }
	/** A moment as the vendor's sample writes it (2017-03-27T11:00:53.9271639-06:00), sent as written; a luxon DateTime or JS Date with the workflow's offset. */
	| { kind: 'timestamp' }
	/** Card data: never echoed in errors. */
	| { kind: 'card'; part: 'number' | 'expiry' | 'cvv' }
	/** A JSON object or list (or JSON text of one). */
	| { kind: 'json' }
	| { kind: 'boolean' }
	/** A number, or its digits as text; one JavaScript cannot hold exactly (beyond 2^53, 1e21) is refused. */
	| { kind: 'number'; integer?: boolean; min?: number; max?: number }
	/**
	 * An identifier object (a vendor's resourceLocator with one mode per key, e.g. CRM.COM's
	 * helpers/identifier.ts), checked key by key by the vendor's own reader.
	 */
	| { kind: 'identifierObject'; spec: { name: string }; read: IdentifierReader };

/** Reads an identifier object's value; throws InvalidInputError naming the key path. */
export type IdentifierReader = (value: unknown, options: { required: boolean }) => unknown;

export const INPUT_KIND_KEY = 'inputKind';

type WithKind = INodeProperties & { [INPUT_KIND_KEY]?: InputKind };

/** Declares a property's kind (kept on the property, so the node description carries it). */
export function withKind<T extends INodeProperties>(kind: InputKind, property: T): T {
	return { ...property, [INPUT_KIND_KEY]: kind } as T;
}

/** The declared kind; boolean, json, options and number properties declare theirs by their type. */
export function kindOf(property: INodeProperties): InputKind | undefined {
	const declared = (property as WithKind)[INPUT_KIND_KEY];
	if (declared) return declared;
	if (property.type === 'boolean') return { kind: 'boolean' };
	if (property.type === 'json') return { kind: 'json' };
	if (property.type === 'number') {
		return { kind: 'number', min: property.typeOptions?.minValue, max: property.typeOptions?.maxValue };
	}
	if (property.type === 'options' && !property.typeOptions?.loadOptionsMethod) return { kind: 'code' };
	return undefined;
}

const text = (options: { maxLength?: number; xml?: boolean } = {}): InputKind => ({ kind: 'text', ...options });
const identifier = (maxLength: number, more: { pattern?: string; expected?: string; xml?: boolean } = {}): InputKind => ({
	kind: 'identifier',
	maxLength,
	...more,
});
const digits = (maxLength: number, more: { allowZero?: boolean } = {}): InputKind => ({ kind: 'digits', maxLength, ...more });

/** Constructors for declarations: `withKind(kinds.digits(10), { ...property })`. */
export const kinds = {
	text,
	identifier,
	digits,
	code: (values?: Array<string | number>): InputKind => ({ kind: 'code', ...(values ? { values } : {}) }),
	amount: (more: { digits?: number; allowZero?: boolean } = {}): InputKind => ({ kind: 'amount', ...more }),
	date: (vendorFormat?: string): InputKind => ({ kind: 'date', ...(vendorFormat ? { vendorFormat } : {}) }),
	dateTime: (): InputKind => ({ kind: 'dateTime' }),
	timestamp: (): InputKind => ({ kind: 'timestamp' }),
	card: (part: 'number' | 'expiry' | 'cvv'): InputKind => ({ kind: 'card', part }),
	json: (): InputKind => ({ kind: 'json' }),
	number: (more: { integer?: boolean; min?: number; max?: number } = {}): InputKind => ({ kind: 'number', ...more }),
};

/** What a value is, for "got ..." in messages (text shortened; secrets never shown). */
export function describeReceived(value: unknown, secret = false): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (value instanceof Date) return `the date ${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
	if (DateTime.isDateTime(value)) return `the date ${value.toISO() ?? 'Invalid DateTime'}`;
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return `the boolean ${String(value)}`;
	if (typeof value === 'number') return `the number ${String(value)}`;
	if (secret) return `text of ${String(value).length} characters`;
	// Cards are masked before the cut: a card cut in two would no longer be recognised.
	const shown = maskCardNumbers(String(value));
	return JSON.stringify(shown.length > 40 ? `${shown.slice(0, 37)}...` : shown);
}

/** The first character XML 1.0 cannot carry: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates. */
function notXmlCharacter(value: string): number | undefined {
	for (let index = 0; index < value.length; index++) {
		const code = value.charCodeAt(index);
		if (code < 32 && code !== 9 && code !== 10 && code !== 13) return code;
		if (code === 0xfffe || code === 0xffff) return code;
		if (code >= 0xd800 && code <= 0xdbff) {
			const next = value.charCodeAt(index + 1);
			if (!(next >= 0xdc00 && next <= 0xdfff)) return code;
			index++;
		} else if (code >= 0xdc00 && code <= 0xdfff) return code;
	}
	return undefined;
}

/** Not given at all (whitespace is a value, which the kind's reader judges). */
function notGiven(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** A string, or a number written as its shortest text when it is exactly representable. */
function textOf(value: unknown, field: string, expected: string, secret = false): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') {
		const written = String(value);
		if (!Number.isFinite(value) || /e/i.test(written) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
			throw new InvalidInputError(
				field,
				`${field} got the number ${written}, which JavaScript cannot hold exactly: give it as text (e.g. "12345678901234567890"). Expected ${expected}.`,
			);
		}
		return written;
	}
	throw new InvalidInputError(field, `${field} must be ${expected}, got ${describeReceived(value, secret)}`);
}

function refuseSurroundingWhitespace(value: string, field: string, expected: string, secret = false): void {
	if (value.trim() !== value) {
		throw new InvalidInputError(
			field,
			`${field} has spaces or line breaks around it (${describeReceived(value, secret)}): give ${expected} without them`,
		);
	}
}

function readText(value: unknown, field: string, kind: { maxLength?: number; xml?: boolean }): string {
	const written = textOf(value, field, 'text');
	// JSON carries any character (escaped); the SOAP envelope cannot carry these.
	const control = kind.xml ? notXmlCharacter(written) : undefined;
	if (control !== undefined) {
		throw new InvalidInputError(
			field,
			`${field} contains the control character U+${control.toString(16).padStart(4, '0').toUpperCase()}, which the vendor's XML cannot carry`,
		);
	}
	if (kind.maxLength !== undefined && written.length > kind.maxLength) {
		throw new InvalidInputError(field, `${field} is ${written.length} characters long; at most ${kind.maxLength} are allowed`);
	}
	return written;
}

function readIdentifierText(value: unknown, field: string, kind: { maxLength: number; pattern?: string; expected?: string }, secret: boolean): string {
	const expected = kind.expected ?? `an identifier of at most ${kind.maxLength} characters`;
	if (typeof value === 'number' && !Number.isInteger(value)) {
		throw new InvalidInputError(field, `${field} got the number ${String(value)}, which is not a whole number: expected ${expected}`);
	}
	const written = textOf(value, field, expected, secret);
	refuseSurroundingWhitespace(written, field, expected, secret);
	const hidden = hiddenCharacter(written);
	if (hidden !== undefined) {
		throw new InvalidInputError(field, `${field} contains the control or invisible character ${hidden}: expected ${expected}`);
	}
	if (written.length > kind.maxLength) {
		throw new InvalidInputError(field, `${field} is ${written.length} characters long: expected ${expected}`);
	}
	if (kind.pattern !== undefined && !new RegExp(kind.pattern).test(written)) {
		throw new InvalidInputError(field, `${field} must be ${expected}, got ${describeReceived(written, secret)}`);
	}
	return written;
}

function readDigits(value: unknown, field: string, kind: { maxLength: number; allowZero?: boolean }): string {
	const expected = `a whole number of at most ${kind.maxLength} digits`;
	const written = textOf(value, field, expected);
	refuseSurroundingWhitespace(written, field, expected);
	// ASCII digits only: '١٢' or '９９' are digits to a person, not to the vendor.
	if (!/^[0-9]+$/.test(written)) {
		throw new InvalidInputError(field, `${field} must be ${expected}, got ${describeReceived(written)}`);
	}
	if (written.length > kind.maxLength) {
		throw new InvalidInputError(field, `${field} has ${written.length} digits: expected ${expected}`);
	}
	if (!kind.allowZero && /^0+$/.test(written)) throw new InvalidInputError(field, `${field} must be greater than zero`);
	return written;
}

function readCode(value: unknown, field: string, property: INodeProperties, values?: Array<string | number>): string | number {
	const allowed = values ?? (property.options ?? []).map((option) => (option as { value: string | number }).value);
	const match = allowed.find((entry) => entry === value || (typeof value !== 'boolean' && typeof value !== 'object' && String(entry) === String(value)));
	if (match === undefined) {
		throw new InvalidInputError(
			field,
			`${field} must be one of ${allowed.map((entry) => JSON.stringify(entry)).join(', ')}, got ${describeReceived(value)}`,
		);
	}
	return match;
}

function readAmountText(value: unknown, field: string, kind: { digits?: number; allowZero?: boolean }): string {
	const places = kind.digits ?? 2;
	const expected = `a positive decimal with at most ${places} decimals, such as 12.00`;
	const written = textOf(value, field, expected);
	refuseSurroundingWhitespace(written, field, expected);
	// Refused rather than dropped: what is sent is what was written.
	if (written.startsWith('+')) throw new InvalidInputError(field, `${field} must be ${expected}, without a sign, got ${describeReceived(written)}`);
	parseAmount(written, field, { digits: places, allowZero: kind.allowZero === true });
	return written;
}

const ISO_DATE_TIME = "yyyy-MM-dd'T'HH:mm:ss";

/**
 * What luxon reads but no vendor means: the hour 24 (ISO's end of day, which luxon turns into the
 * next day, so 2021-10-22T24:00 would be sent as the 23rd) and an offset no time zone uses
 * (beyond -12:00 or +14:00, or minutes other than :00, :30 and :45: +14:30, +25:00, +05:99),
 * which luxon keeps. Undefined when the text has neither.
 */
function clockProblem(text: string): string | undefined {
	const clock = /^[+-]?\d{4,6}-\d{2}-\d{2}[T ](.*)$/.exec(text)?.[1];
	if (clock === undefined) return undefined;
	if (/^24(?!\d)/.test(clock)) return 'the hour 24 is not a time of day (write 00:00 of the next day)';
	const offset = /([+-])(\d{2}):?(\d{2})?$/.exec(clock.replace(/\[[^\]]*\]$/, ''));
	if (offset === null || !/\d{2}/.test(clock.slice(0, offset.index))) return undefined;
	const minutes = Number(offset[3] ?? 0);
	const total = Number(offset[2]) * 60 + minutes;
	const inUse = [0, 30, 45].includes(minutes) && total <= (offset[1] === '+' ? 14 * 60 : 12 * 60);
	return inUse ? undefined : `the offset ${offset[0]} is not one a time zone uses (offsets go from -12:00 to +14:00, by whole or half hours or :45)`;
}

/**
 * A date from what n8n gives a node, as a wall-clock DateTime: an ISO string (an offset in it is
 * kept, not converted), `yyyy-MM-dd HH:mm:ss`, the field's own vendor format, a luxon DateTime as
 * it is, a JS Date read in the workflow's time zone. Day-month orders other than the field's own
 * format (03-04-2021: March or April?) are refused.
 */
function readDateTime(value: unknown, field: string, zone: string, vendorFormat?: string): DateTime {
	const expected = `a date such as 2021-10-22 or 2021-10-22T12:01:44${vendorFormat ? ` (or ${vendorFormat.replace(/d/g, 'D').replace(/y/g, 'Y')})` : ''}`;
	let parsed: DateTime | undefined;
	if (value instanceof Date) {
		parsed = DateTime.fromJSDate(value, { zone });
	} else if (DateTime.isDateTime(value)) {
		parsed = value;
	} else if (typeof value === 'string') {
		refuseSurroundingWhitespace(value, field, expected);
		const problem = clockProblem(value);
		if (problem) throw new InvalidInputError(field, `${field} is not a valid date: ${describeReceived(value)} (${problem})`);
		if (/^\d{4}-\d{2}-\d{2} \d/.test(value)) {
			parsed = DateTime.fromFormat(value, DATE_FORMATS.isoDateSpaceTime, { setZone: true });
		} else if (/^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) {
			parsed = DateTime.fromISO(value, { setZone: true });
		} else if (vendorFormat !== undefined) {
			parsed = DateTime.fromFormat(value, vendorFormat, { setZone: true });
		}
		if (!parsed) throw new InvalidInputError(field, `${field} must be ${expected}, got ${describeReceived(value)}`);
	} else {
		throw new InvalidInputError(field, `${field} must be ${expected}, got ${describeReceived(value)}`);
	}
	if (!parsed.isValid) {
		throw new InvalidInputError(
			field,
			`${field} is not a valid date: ${describeReceived(value)} (${parsed.invalidExplanation ?? parsed.invalidReason ?? 'invalid'})`,
		);
	}
	if (parsed.year < 1) throw new InvalidInputError(field, `${field} is not a valid date: ${describeReceived(value)} (there is no year ${parsed.year})`);
	return parsed;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A timestamp: ISO text is checked and sent as written (seven fraction digits and the offset
 * kept); a luxon DateTime as its ISO text; a JS Date at the workflow's offset, never shifted to UTC.
 */
function readTimestamp(value: unknown, field: string, zone: string): string {
	const expected = 'a date and time such as 2017-03-27T11:00:53-06:00';
	if (value instanceof Date) {
		const parsed = DateTime.fromJSDate(value, { zone });
		if (!parsed.isValid) throw new InvalidInputError(field, `${field} is not a valid date: ${describeReceived(value)}`);
		return parsed.toISO()!;
	}
	if (DateTime.isDateTime(value)) {
		if (!value.isValid) throw new InvalidInputError(field, `${field} is not a valid date: ${describeReceived(value)}`);
		return value.toISO()!;
	}
	if (typeof value !== 'string') throw new InvalidInputError(field, `${field} must be ${expected}, got ${describeReceived(value)}`);
	refuseSurroundingWhitespace(value, field, expected);
	const problem = clockProblem(value);
	if (problem) throw new InvalidInputError(field, `${field} is not a valid date: ${describeReceived(value)} (${problem})`);
	// Luxon reads milliseconds only: the extra fraction digits are checked by the pattern.
	const parsed = DateTime.fromISO(value.replace(/(\.\d{3})\d+/, '$1'), { setZone: true });
	if (!ISO_TIMESTAMP.test(value) || !parsed.isValid || parsed.year < 1) {
		throw new InvalidInputError(field, `${field} must be ${expected}, got ${describeReceived(value)}`);
	}
	return value;
}

function readNumber(value: unknown, field: string, kind: { integer?: boolean; min?: number; max?: number }): number {
	const expected = kind.integer ? 'a whole number' : 'a number such as 12.5';
	let number: number;
	if (typeof value === 'number') {
		number = value;
		if (!Number.isFinite(number) || /e/i.test(String(number)) || (Number.isInteger(number) && !Number.isSafeInteger(number))) {
			throw new InvalidInputError(field, `${field} got the number ${String(value)}, which cannot be sent exactly: expected ${expected}`);
		}
	} else if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
		number = Number(value);
		if (!sameDecimal(value, String(number))) {
			throw new InvalidInputError(field, `${field} has more digits than can be sent exactly (${describeReceived(value)}): expected ${expected}`);
		}
	} else {
		throw new InvalidInputError(field, `${field} must be ${expected}, got ${describeReceived(value)}`);
	}
	if (kind.integer && !Number.isInteger(number)) throw new InvalidInputError(field, `${field} must be a whole number, got ${String(value)}`);
	if (kind.min !== undefined && number < kind.min) throw new InvalidInputError(field, `${field} must be at least ${kind.min}, got ${String(value)}`);
	if (kind.max !== undefined && number > kind.max) throw new InvalidInputError(field, `${field} must be at most ${kind.max}, got ${String(value)}`);
	return number;
}

/** Whether two decimal texts are the same number (leading and trailing zeros aside). */
function sameDecimal(a: string, b: string): boolean {
	const canonical = (text: string) => {
		const negative = text.startsWith('-');
		const [whole, fraction = ''] = text.replace(/^-/, '').split('.');
		const digits = `${whole.replace(/^0+(?=\d)/, '')}.${fraction.replace(/0+$/, '')}`.replace(/\.$/, '');
		return digits === '0' ? '0' : `${negative ? '-' : ''}${digits}`;
	};
	return canonical(a) === canonical(b);
}

function readCard(value: unknown, field: string, part: 'number' | 'expiry' | 'cvv'): string {
	const expected = { number: 'a card number of 12 to 19 digits', expiry: 'a card expiry as MMYY, such as 1230', cvv: 'a card code of 3 or 4 digits' }[part];
	const written = textOf(value, field, expected, true);
	const pattern = { number: /^[0-9]{12,19}$/, expiry: /^(0[1-9]|1[0-2])[0-9]{2}$/, cvv: /^[0-9]{3,4}$/ }[part];
	if (!pattern.test(written)) throw new InvalidInputError(field, `${field} must be ${expected} (got ${describeReceived(written, true)})`);
	return written;
}

function readJson(value: unknown, field: string): unknown {
	if (typeof value === 'object' && value !== null) return value;
	if (typeof value !== 'string') throw new InvalidInputError(field, `${field} must be a JSON object or list, got ${describeReceived(value)}`);
	let parsed: unknown;
	let problem: string | undefined;
	try {
		parsed = JSON.parse(value) as unknown;
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined) throw new InvalidInputError(field, `${field} is not valid JSON: ${problem}`);
	// JSON text of a number, a string, true or null is valid JSON, but not the object or list the field takes.
	if (typeof parsed !== 'object' || parsed === null) {
		throw new InvalidInputError(field, `${field} must be a JSON object or list, got the JSON ${describeReceived(value)}`);
	}
	return parsed;
}

/**
 * Checks one value against its field's kind and returns it as the operation sends it (undefined:
 * empty, not sent). Errors name the field by its displayName.
 */
export function readValue(property: INodeProperties, value: unknown, zone: string, label = property.displayName): unknown {
	const kind = kindOf(property);
	const field = label;
	const secret = property.typeOptions?.password === true;
	if (kind?.kind === 'identifierObject' || kind?.kind === 'json') {
		if (kind.kind === 'identifierObject') return readIdentifierObject(value, field, kind, property.required === true);
		if (notGiven(value)) return requiredOrNothing(property, field);
		return readJson(value, field);
	}
	if (notGiven(value)) {
		// An option, a flag or a number left empty by an expression means its default, as in the editor.
		const fallback = property.default as unknown;
		if ((kind?.kind === 'code' || kind?.kind === 'boolean' || kind?.kind === 'number') && !notGiven(fallback)) {
			return readValue(property, fallback, zone, label);
		}
		return requiredOrNothing(property, field);
	}
	if (typeof value === 'string' && value.trim() === '') {
		if (property.required) throw new InvalidInputError(field, `${field} is required (got only whitespace)`);
		throw new InvalidInputError(field, `${field} is only whitespace: give a value, or leave it empty`);
	}
	switch (kind?.kind) {
		case 'text':
			return readText(value, field, kind);
		case 'identifier':
			return readIdentifierText(value, field, kind, secret);
		case 'digits':
			return readDigits(value, field, kind);
		case 'code':
			return readCode(value, field, property, kind.values);
		case 'amount':
			return readAmountText(value, field, kind);
		case 'date':
			return readDateTime(value, field, zone, kind.vendorFormat).toFormat(DATE_FORMATS.isoDate);
		case 'dateTime':
			// A day without a time stays a day: vendors that take both (adilas) keep it so.
			if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return readDateTime(value, field, zone).toFormat(DATE_FORMATS.isoDate);
			return readDateTime(value, field, zone).toFormat(ISO_DATE_TIME);
		case 'timestamp':
			return readTimestamp(value, field, zone);
		case 'card':
			return readCard(value, field, kind.part);
		case 'boolean':
			if (typeof value !== 'boolean') throw new InvalidInputError(field, `${field} must be true or false, got ${describeReceived(value)}`);
			return value;
		case 'number':
			return readNumber(value, field, kind);
		default:
			// Undeclared (the generated tests refuse such a field): at least never turn objects into text.
			if (typeof value === 'object' || typeof value === 'boolean') {
				throw new InvalidInputError(field, `${field} must be text, got ${describeReceived(value)}`);
			}
			return value;
	}
}

/**
 * Checks a value that one vendor takes more strictly than the generic field it came from (Pay
 * Invoice's Payment Reference going into CCP's XML): as `readValue`, for a field named `field`.
 */
export function readAs(kind: InputKind, value: unknown, field: string, zone = 'utc'): unknown {
	return readValue(withKind(kind, { displayName: field, name: field, type: 'string', default: '' }), value, zone);
}

function readIdentifierObject(
	value: unknown,
	field: string,
	{ spec, read }: { spec: { name: string }; read: IdentifierReader },
	required: boolean,
): unknown {
	const given = value !== null && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
	if (typeof given === 'string' && given !== '' && given.trim() === '') {
		const problem = required ? 'is required (got only whitespace)' : 'is only whitespace: give a value, or leave it empty';
		throw new InvalidInputError(field, `${field}: ${spec.name} ${problem}`);
	}
	let refusal: unknown;
	try {
		return read(value, { required });
	} catch (error) {
		refusal = error;
	}
	if (!(refusal instanceof InvalidInputError)) throw refusal;
	// The identifier's own message names its key path (invoice_identifier.number); the field leads.
	throw new InvalidInputError(field, refusal.message.startsWith(field) ? refusal.message : `${field}: ${refusal.message}`);
}

function requiredOrNothing(property: INodeProperties, field: string): undefined {
	if (property.required) throw new InvalidInputError(field, `${field} is required`);
	return undefined;
}

/** Whether the property is shown for the node's current (literal) parameters, as the editor decides. */
export function isShown(property: INodeProperties, parameters: IDataObject): boolean {
	const { show, hide } = property.displayOptions ?? {};
	const matches = (key: string, values: unknown[]) => !key.startsWith('@') && values.some((entry) => entry === parameters[key]);
	for (const [key, values] of Object.entries(show ?? {})) {
		if (key.startsWith('@')) continue;
		if (!matches(key, values as unknown[])) return false;
	}
	for (const [key, values] of Object.entries(hide ?? {})) {
		if (matches(key, values as unknown[])) return false;
	}
	return true;
}

function readGroup(property: INodeProperties, value: unknown, zone: string): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new InvalidInputError(property.displayName, `${property.displayName} must be a set of fields, got ${describeReceived(value)}`);
	}
	const given = value as IDataObject;
	const read: IDataObject = {};
	if (property.type === 'collection') {
		for (const option of (property.options ?? []) as INodeProperties[]) {
			if (option.name in given) read[option.name] = readProperty(option, given[option.name], zone);
		}
		return read;
	}
	// fixedCollection: groups of values, a list of them with multipleValues.
	for (const group of (property.options ?? []) as INodePropertyCollection[]) {
		if (!(group.name in given)) continue;
		const entries = given[group.name];
		const readEntry = (entry: unknown) => {
			const fields: IDataObject = {};
			const values = (entry ?? {}) as IDataObject;
			for (const option of group.values) if (option.name in values) fields[option.name] = readProperty(option, values[option.name], zone);
			return fields;
		};
		read[group.name] = Array.isArray(entries) ? entries.map(readEntry) : readEntry(entries);
	}
	return read;
}

function readProperty(property: INodeProperties, value: unknown, zone: string): IDataObject[string] {
	if (property.type === 'collection' || property.type === 'fixedCollection') return readGroup(property, value, zone);
	return readValue(property, value, zone) as IDataObject[string];
}

/** One field of a run's plan: shown for the node's parameters, and whether it holds an expression. */
interface PlannedField {
	property: INodeProperties;
	expression: boolean;
}

/**
 * The fields of `properties` that `readFields` reads in this run: those shown for the node's
 * parameters (`isShown` judges the parameters as the node holds them, which do not change during
 * a run), first of each name, notices left out; each with whether its raw parameter holds an
 * expression. The same for every item of the run: worked out once per run and property list.
 */
function fieldPlan(ctx: IExecuteFunctions, parameters: IDataObject, properties: INodeProperties[]): PlannedField[] {
	const plans = perRun(ctx, 'readFields:plans', () => new WeakMap<INodeProperties[], PlannedField[]>());
	let plan = plans.get(properties);
	if (plan === undefined) {
		plan = [];
		const names = new Set<string>();
		for (const property of properties) {
			if (property.type === 'notice' || names.has(property.name) || !isShown(property, parameters)) continue;
			names.add(property.name);
			const raw = property.name in parameters ? parameters[property.name] : property.default;
			plan.push({ property, expression: holdsExpression(raw) });
		}
		plans.set(properties, plan);
	}
	return plan;
}

/**
 * Whether none of the named fields holds an expression in this run (a field not shown counts as
 * holding none: it is not read). What is made only of such fields is the same for every item.
 */
export function holdNoExpression(ctx: IExecuteFunctions, properties: INodeProperties[], names: string[]): boolean {
	const parameters = nodeOnce(ctx).parameters as IDataObject;
	return fieldPlan(ctx, parameters, properties).every(({ property, expression }) => !expression || !names.includes(property.name));
}

/**
 * Reads and checks every field of `properties` shown for the node's parameters, for one item,
 * before the operation sends anything: the values as they go on (see `readValue`), by name, with
 * collections as objects. The first bad value throws an InvalidInputError naming its field.
 */
export function readFields(ctx: IExecuteFunctions, itemIndex: number, properties: INodeProperties[]): IDataObject {
	const parameters = nodeOnce(ctx).parameters as IDataObject;
	const zone = ctx.getTimezone();
	// A field that holds no expression is the same for every item: read and checked once per run
	// (each read goes through n8n's parameter and expression machinery, about 0.1 ms).
	const constants = perRun(ctx, 'readFields:constants', () => new Map<INodeProperties, IDataObject[string]>());
	const read: IDataObject = {};
	for (const { property, expression } of fieldPlan(ctx, parameters, properties)) {
		if (expression) {
			read[property.name] = readProperty(property, itemParameter(ctx, itemIndex, property.name, property.default), zone);
			continue;
		}
		if (!constants.has(property)) {
			constants.set(property, readProperty(property, itemParameter(ctx, itemIndex, property.name, property.default), zone));
		}
		// A copy: an operation may add to what it read (e.g. its additional fields).
		read[property.name] = copyPlain(constants.get(property));
	}
	return read;
}
