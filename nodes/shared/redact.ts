/** Keeps secrets and card numbers out of everything a node returns or throws. */

export const MASK = '***';

/** Shows only the last four digits of a card number: "************1111". */
export function maskCardNumber(cardNumber: string): string {
	const digits = cardNumber.replace(/\D/g, '');
	if (digits.length <= 4) return MASK;
	return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every occurrence of the given secrets in a text. Secrets shorter than 4 characters are
 * ignored: masking them would garble ordinary words while protecting nothing.
 */
export function redactText(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 4) continue;
		result = result.replace(new RegExp(escapeRegExp(secret), 'g'), MASK);
		// The same secret may appear XML-escaped or URL-encoded in a vendor's echo.
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) result = result.replace(new RegExp(escapeRegExp(encoded), 'g'), MASK);
	}
	// Anything that looks like a card number (13-19 digits) keeps only its last four digits.
	return result.replace(/\b(?:\d[ -]?){12,18}\d\b/g, (match) => maskCardNumber(match));
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
