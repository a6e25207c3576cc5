import { InvalidInputError } from './money';

/** A required text field: refuses empty (or whitespace-only) values. */
export function requireText(value: unknown, field: string): string {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') throw new InvalidInputError(field, `${field} is required`);
	return text;
}

/** An optional text field: undefined when empty. */
export function optionalText(value: unknown): string | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	return text === '' ? undefined : text;
}

/**
 * A numeric identifier (a positive whole number), returned as its digits so large IDs never
 * lose precision. `allowZero` is for IDs where 0 has a meaning.
 */
export function parseIntegerId(value: unknown, field: string, { allowZero = false } = {}): string {
	const text = requireText(value, field);
	if (!/^\d+$/.test(text)) {
		throw new InvalidInputError(field, `${field} must be a whole number, got "${text}"`);
	}
	const normalized = text.replace(/^0+(?=\d)/, '');
	if (normalized === '0' && !allowZero) {
		throw new InvalidInputError(field, `${field} must be greater than zero`);
	}
	return normalized;
}

export function optionalIntegerId(value: unknown, field: string): string | undefined {
	return optionalText(value) === undefined ? undefined : parseIntegerId(value, field);
}
