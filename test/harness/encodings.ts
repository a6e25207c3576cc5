/**
 * How a secret or a card number may come back from a vendor, written here independently of
 * nodes/shared/redact.ts: the redaction tests and the fault suite try every entry on every
 * secret and card they know, so a new encoding or separator is covered by adding it here.
 */

const bytes = (text: string) => [...Buffer.from(text, 'utf8')];
const hexOf = (text: string) => bytes(text).map((byte) => byte.toString(16).padStart(2, '0')).join('');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const every = (text: string, write: (code: number) => string) => [...text].map((char) => write(char.codePointAt(0)!)).join('');
const punctuation = (text: string, write: (code: number) => string) =>
	[...text].map((char) => (/[A-Za-z0-9]/.test(char) ? char : write(char.codePointAt(0)!))).join('');
const jsonUnit = (code: number, upper: boolean) => {
	const units = String.fromCodePoint(code).split('').map((unit) => unit.charCodeAt(0).toString(16).padStart(4, '0'));
	return units.map((unit) => `\\u${upper ? unit.toUpperCase() : unit}`).join('');
};

/**
 * A secret as a vendor may quote it. `minLength`: the shortest secret the form is masked for
 * (Base64 of a secret under 4 characters is too short to tell apart from other Base64).
 */
export const SECRET_ENCODINGS: Array<{ name: string; encode: (secret: string) => string; minLength?: number }> = [
	{ name: 'as given', encode: (secret) => secret },
	{ name: 'URL-encoded', encode: (secret) => encodeURIComponent(secret) },
	{ name: 'URL-encoded twice', encode: (secret) => encodeURIComponent(encodeURIComponent(secret)) },
	{ name: 'URL-encoded, lower-case hex', encode: (secret) => encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()) },
	{ name: 'form-encoded', encode: (secret) => new URLSearchParams({ s: secret }).toString().slice(2) },
	{ name: 'every byte percent-encoded', encode: (secret) => bytes(secret).map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('') },
	{ name: 'every byte percent-encoded, lower case', encode: (secret) => bytes(secret).map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('') },
	{ name: 'hexadecimal', encode: hexOf },
	{ name: 'hexadecimal, upper case', encode: (secret) => hexOf(secret).toUpperCase() },
	{ name: 'JSON string', encode: (secret) => JSON.stringify(secret).slice(1, -1) },
	{ name: 'JSON with \\/', encode: (secret) => JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/') },
	{ name: 'JSON \\u escapes of punctuation', encode: (secret) => punctuation(secret, (code) => jsonUnit(code, true)) },
	{ name: 'JSON \\u escapes of every character', encode: (secret) => every(secret, (code) => jsonUnit(code, false)) },
	{ name: 'XML numeric entities', encode: (secret) => punctuation(secret, (code) => `&#${code};`) },
	{ name: 'XML hex entities of every character', encode: (secret) => every(secret, (code) => `&#x${code.toString(16).toUpperCase()};`) },
	{ name: 'only punctuation percent-encoded, lower case', encode: (secret) => punctuation(secret, (code) => bytes(String.fromCodePoint(code)).map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')) },
	{ name: 'percent-encoded in mixed case', encode: (secret) => bytes(secret).map((byte, index) => `%${byte.toString(16).padStart(2, '0')[index % 2 ? 'toUpperCase' : 'toLowerCase']()}`).join('') },
	{ name: 'hexadecimal in mixed case', encode: (secret) => [...hexOf(secret)].map((char, index) => (index % 3 ? char : char.toUpperCase())).join('') },
	{ name: 'XML numeric entities with leading zeros', encode: (secret) => punctuation(secret, (code) => `&#00${code};`) },
	{ name: 'XML hex entities with leading zeros, lower case', encode: (secret) => every(secret, (code) => `&#x00${code.toString(16)};`) },
	{ name: 'JSON \\u escapes, then URL-encoded', encode: (secret) => encodeURIComponent(punctuation(secret, (code) => jsonUnit(code, false))) },
	{ name: 'hexadecimal bytes apart', encode: (secret) => bytes(secret).map((byte) => byte.toString(16).padStart(2, '0')).join(' ') },
	{ name: 'HTML5 named entities of punctuation', encode: (secret) => secret.replace(/-/g, '&hyphen;').replace(/,/g, '&comma;').replace(/\//g, '&sol;').replace(/=/g, '&equals;').replace(/!/g, '&excl;') },
	{ name: 'quoted-printable', encode: (secret) => [...secret].map((char) => (/[A-Za-z0-9]/.test(char) ? char : bytes(char).map((byte) => `=${byte.toString(16).padStart(2, '0').toUpperCase()}`).join(''))).join('') },
	{ name: 'Base64', encode: b64, minLength: 4 },
	{ name: 'Base64 of UTF-16', encode: (secret) => Buffer.from(secret, 'utf16le').toString('base64'), minLength: 4 },
	{ name: 'Base64 of x + secret (the 4-character core)', encode: (secret) => b64(`x${secret}`), minLength: 4 },
	{ name: 'Base64 of the secret, every byte percent-encoded', encode: (secret) => b64(bytes(secret).map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('')), minLength: 4 },
	{ name: 'Base64 of secret:', encode: (secret) => b64(`${secret}:`), minLength: 4 },
	{ name: 'Base64 of user:secret', encode: (secret) => b64(`faultsuite:${secret}`), minLength: 4 },
	{ name: 'Base64 of :secret', encode: (secret) => b64(`:${secret}`), minLength: 5 },
	{ name: 'URL-safe Base64 of user:secret', encode: (secret) => b64(`u:${secret}`).replace(/\+/g, '-').replace(/\//g, '_'), minLength: 4 },
	{ name: 'URL-encoded Base64 of secret:', encode: (secret) => encodeURIComponent(b64(`${secret}:`)), minLength: 4 },
	{ name: 'Base64 of the URL-encoded secret', encode: (secret) => b64(`token=${encodeURIComponent(secret)}`), minLength: 4 },
];

/** What people and encoders put between a card's digit groups. */
export const CARD_SEPARATORS: Array<{ name: string; separator: string }> = [
	{ name: 'a space', separator: ' ' },
	{ name: 'a dash', separator: '-' },
	{ name: 'a dot', separator: '.' },
	{ name: 'an en dash', separator: '\u2013' },
	{ name: 'a minus sign', separator: '\u2212' },
	{ name: 'a no-break space', separator: '\u00a0' },
	{ name: 'a narrow no-break space', separator: '\u202f' },
	{ name: 'a tab', separator: '\t' },
	{ name: 'a vertical tab', separator: '\v' },
	{ name: 'a form feed', separator: '\f' },
	{ name: 'a line break', separator: '\n' },
	{ name: 'CR LF', separator: '\r\n' },
	{ name: 'an ideographic space', separator: '\u3000' },
	{ name: 'a word joiner', separator: '\u2060' },
	{ name: 'a byte order mark', separator: '\ufeff' },
	{ name: 'an em dash', separator: '\u2014' },
	{ name: 'two dashes', separator: '--' },
	{ name: 'a bullet', separator: '\u2022' },
	{ name: 'a URL-encoded en dash', separator: '%E2%80%93' },
	{ name: 'a URL-encoded zero-width space, lower case', separator: '%e2%80%8b' },
	{ name: 'a URL-encoded space, encoded twice', separator: '%2520' },
	{ name: 'an XML character reference', separator: '&#8209;' },
	{ name: 'a small hyphen-minus', separator: '\ufe63' },
	{ name: 'a URL-encoded full-width hyphen', separator: '%EF%BC%8D' },
	{ name: 'an HTML named dash', separator: '&ndash;' },
	{ name: 'an underscore', separator: '_' },
	{ name: 'a slash', separator: '/' },
	{ name: 'a dash with spaces', separator: ' - ' },
	{ name: 'two spaces', separator: '  ' },
	{ name: 'a URL-encoded space', separator: '%20' },
	{ name: 'a URL-encoded dash', separator: '%2D' },
	{ name: 'a URL-encoded dash, lower case', separator: '%2d' },
	{ name: 'a form-encoded space', separator: '+' },
	{ name: 'a zero-width space', separator: '\u200b' },
	{ name: 'a soft hyphen', separator: '\u00ad' },
];

/** Luhn-valid test cards of 13, 15, 16 and 19 digits, with the groupings they are printed in. */
export const TEST_CARDS: Array<{ digits: string; groups: number[] }> = [
	{ digits: '4222222222222', groups: [4, 4, 5] },
	{ digits: '378282246310005', groups: [4, 6, 5] },
	{ digits: '4012888888881881', groups: [4, 4, 4, 4] },
	{ digits: '6011000990139424', groups: [4, 4, 4, 4] },
	{ digits: '4000056655665556', groups: [4, 4, 4, 4] },
	{ digits: '6304000000000000000', groups: [4, 4, 4, 4, 3] },
];

/** The card's digits in its groups, joined by the separator. */
export function grouped(digits: string, groups: number[], separator: string): string {
	const parts: string[] = [];
	let at = 0;
	for (const size of groups) {
		parts.push(digits.slice(at, at + size));
		at += size;
	}
	return parts.join(separator);
}
