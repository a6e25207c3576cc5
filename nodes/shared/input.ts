import { InvalidInputError } from './errors';

/** No value: undefined, null, or text that is empty or only whitespace. */
export function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A required text field: refuses empty (or whitespace-only) values; the text is kept as written. */
export function requireText(value: unknown, field: string): string {
	const text = value === undefined || value === null ? '' : String(textOnly(value, field));
	if (text.trim() === '') throw new InvalidInputError(field, `${field} is required`);
	if (hasControlCharacters(text)) {
		throw new InvalidInputError(field, `${field} must not contain control characters`);
	}
	return text;
}

/**
 * Whether the text holds a C0 control character or DEL (tab and line breaks allowed unless
 * `lineBreaks` is false): never part of a real identifier or required value.
 */
export function hasControlCharacters(text: string, { lineBreaks = true } = {}): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === 127) return true;
		if (code < 32 && !(lineBreaks && (code === 9 || code === 10 || code === 13))) return true;
	}
	return false;
}

/**
 * Characters no identifier holds, however it was typed or pasted: every control character (C0,
 * DEL and C1, line breaks and tabs included), the invisible format characters (zero-width space
 * and joiners, soft hyphen, byte order mark, left-to-right and right-to-left marks and overrides),
 * the line and paragraph separators, every other default-ignorable character (the combining
 * grapheme joiner, variation selectors, Hangul fillers), lone surrogates and the non-characters
 * U+FFFE and U+FFFF. A vendor would look up, or store, an identifier that only looks like the one
 * meant.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}\uFFFE\uFFFF]/u;

/** The first hidden character of an identifier (see HIDDEN), as U+XXXX; undefined when there is none. */
export function hiddenCharacter(text: string): string | undefined {
	const found = HIDDEN.exec(text);
	return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/**
 * A text field's value must be text or a number: a boolean, an object or a list is refused
 * naming the field (rather than sent as "true" or "[object Object]"). Empty values pass.
 */
export function textOnly(value: unknown, field: string): unknown {
	if (value === undefined || value === null) return value;
	if (typeof value === 'boolean' || typeof value === 'object') {
		const kind = Array.isArray(value) ? 'a list' : typeof value === 'boolean' ? `the boolean ${String(value)}` : 'an object';
		throw new InvalidInputError(field, `${field} must be text or a number, got ${kind}`);
	}
	return value;
}

/** An optional text field: undefined when empty (or only whitespace), else the text as written. */
export function optionalText(value: unknown): string | undefined {
	const text = value === undefined || value === null ? '' : String(value);
	return text.trim() === '' ? undefined : text;
}

/**
 * A numeric identifier (a positive whole number), returned as its digits so large IDs never
 * lose precision. `allowZero` is for IDs where 0 has a meaning.
 */
export function parseIntegerId(value: unknown, field: string, { allowZero = false } = {}): string {
	const text = requireText(value, field);
	if (!/^[0-9]+$/.test(text)) {
		throw new InvalidInputError(field, `${field} must be a whole number, got "${text}"`);
	}
	const normalized = text.replace(/^0+(?=\d)/, '');
	// No vendor's identifiers go beyond 64-bit integers: a longer number is a mistake in the data.
	if (normalized.length > 18) {
		throw new InvalidInputError(field, `${field} is too large to be an identifier: ${text}`);
	}
	if (normalized === '0' && !allowZero) {
		throw new InvalidInputError(field, `${field} must be greater than zero`);
	}
	return normalized;
}

export function optionalIntegerId(value: unknown, field: string): string | undefined {
	return optionalText(value) === undefined ? undefined : parseIntegerId(value, field);
}

/**
 * Sets an own entry as `Object.fromEntries` would: a key named `__proto__` (JSON.parse makes such
 * an entry) becomes an entry, not the object's prototype.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	else target[key] = value;
}

/** The object without its undefined entries: optional fields left empty are not sent. */
export function definedOnly<T extends Record<string, unknown>>(object: T): T {
	const defined: Record<string, unknown> = {};
	for (const key of Object.keys(object)) if (object[key] !== undefined) setOwn(defined, key, object[key]);
	return defined as T;
}
