/** Keeps secrets and card numbers out of everything a node returns or throws. */

export const MASK = '***';

/** Shows only the last four digits of a card number: "************1111". */
export function maskCardNumber(cardNumber: string): string {
	const digits = cardNumber.replace(/\D/g, '');
	if (digits.length <= 4) return MASK;
	return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** Every occurrence of `secret` in `text` replaced by the mask (a literal match, no pattern). */
function maskAll(text: string, secret: string): string {
	return text.includes(secret) ? text.split(secret).join(MASK) : text;
}

/** 13 to 19 digits, optionally grouped by spaces or dashes: what looks like a card number. */
const CARD_NUMBER = /\b(?:\d[ -]?){12,18}\d\b/g;
const THIRTEEN_DIGITS = /(?:\d[ -]?){12}\d/;

/**
 * Replaces every occurrence of the given secrets in a text. Secrets shorter than 4 characters are
 * ignored: masking them would garble ordinary words while protecting nothing.
 */
export function redactText(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 4) continue;
		result = maskAll(result, secret);
		// The same secret may appear XML-escaped or URL-encoded in a vendor's echo.
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) result = maskAll(result, encoded);
	}
	// Anything that looks like a card number (13-19 digits) keeps only its last four digits.
	if (!THIRTEEN_DIGITS.test(result)) return result;
	return result.replace(CARD_NUMBER, (match) => maskCardNumber(match));
}

/** Deep copy of a JSON value with every string passed through `redactText`. */
export function redactValue<T>(value: T, secrets: Array<string | undefined>): T {
	if (typeof value === 'string') return redactText(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets)) as T;
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, redactValue(entry, secrets)]),
		) as T;
	}
	return value;
}
