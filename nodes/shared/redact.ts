/** Keeps secrets and card numbers out of everything a node returns or throws. */

export const MASK = '***';

/** Shows only the last four digits of a card number: "************1111". */
export function maskCardNumber(cardNumber: string): string {
	const digits = cardNumber.replace(/\D/g, '');
	if (digits.length <= 4) return MASK;
	return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** The Luhn check every payment card number passes (digits only). */
export function passesLuhn(digits: string): boolean {
	let sum = 0;
	for (let index = digits.length - 1, double = false; index >= 0; index--, double = !double) {
		let digit = digits.charCodeAt(index) - 48;
		if (double) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
		sum += digit;
	}
	return sum % 10 === 0;
}

/**
 * What people and encoders put between a card's digit groups. Invisible units: white space of any
 * kind (also vertical tab and form feed), the default-ignorable characters (zero-width space and
 * joiners, soft hyphen, BOM, bidi marks...), and these characters and the marks as JSON (`\t`,
 * `\u000b`, also escaped twice), a URL (`%20`, `%e2%80%93`, `%2520`, `%5Cn`) or XML (`&#13;`,
 * `&nbsp;`) write them. Marks: a dash of any kind, a dot, a middle dot or bullet, an underscore, a
 * slash, a plus. A separator is up to two marks with up to three invisible units around them, or
 * up to four invisible units. An escape of any other character (`%3A`, a colon) separates nothing:
 * "2015-03-24%2011%3A54" is a date and a time, not a card.
 */
// The combining ones (U+034F, U+17B4-17B5, U+180B-180F, variation selectors) stand alone, not
// after another character in a class, where they would read as one combined character.
const INVISIBLE = String.raw`(?:[\s\u00AD\u061C\u115F\u1160\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]|\u034F|\u17B4|\u17B5|[\u180B-\u180F]|[\uFE00-\uFE0F])`;
/** The code points written as escapes: controls 9-13, space + - . / _, NBSP, soft hyphen, middle dot, U+2000-U+206F, minus, ideographic space, BOM. */
const ESCAPED_HEX = String.raw`(?:0*(?:[9a-dA-D]|20|2[bBdDeEfF]|5[fF]|[aA]0|[aA][dD]|[bB]7|20[0-6][0-9a-fA-F]|2212|3000|[fF][eE][fF][fF]))`;
const ESCAPED_DECIMAL = String.raw`(?:0*(?:9|1[0-3]|32|43|4[5-7]|95|160|173|183|8[12][0-9]{2}|8722|12288|65279))`;
const JSON_CODE = String.raw`(?:[tnrfbv/]|u(?:000[9a-dA-D]|0020|002[bBdDeEfF]|005[fF]|00[aA]0|00[aA][dD]|00[bB]7|20[0-6][0-9a-fA-F]|2212|3000|[fF][eE][fF][fF]))`;
const JSON_ESCAPE = String.raw`\\{1,2}${JSON_CODE}`;
const URL_ESCAPE = String.raw`%(?:25)?(?:0[9a-dA-D]|20|2[bBdDeEfF]|5[fF]|5[cC]${JSON_CODE}|[cC]2%(?:25)?[aA][0dD]|[cC]2%(?:25)?[bB]7|[eE]2%(?:25)?8[0-1]%(?:25)?[89abAB][0-9a-fA-F]|[eE]2%(?:25)?88%(?:25)?92|[eE]3%(?:25)?80%(?:25)?80|[eE][fF]%(?:25)?[bB][bB]%(?:25)?[bB][fF])`;
const XML_ENTITY = String.raw`&(?:#(?:[xX]${ESCAPED_HEX}|${ESCAPED_DECIMAL})|nbsp|ensp|emsp|thinsp|shy|ndash|mdash|minus|hyphen|dash|period|lowbar|sol|plus);`;
const UNIT = `(?:${INVISIBLE}|${JSON_ESCAPE}|${URL_ESCAPE}|${XML_ENTITY})`;
const MARK = String.raw`[-+._/\u00B7\u2010-\u2015\u2022\u2027\u2212\u2E3A\u2E3B\u30FB\uFE58\uFE63\uFF0D\uFF0E\uFF0F\uFF3F]`;
const SEPARATOR = `(?:${UNIT}{0,3}${MARK}{1,2}${UNIT}{0,3}|${UNIT}{1,4})`;
/** Thirteen digits, optionally grouped: nothing shorter can hold a card number (the quick check). */
const THIRTEEN_DIGITS = new RegExp(`\\d(?:${SEPARATOR}?\\d){12}`);
/** Groups of digits joined by single separators, not inside a longer digit run. */
const DIGIT_GROUPS = new RegExp(`(?<!\\d)\\d+(?:${SEPARATOR}\\d+)*(?!\\d)`, 'g');
/** A separator between two digits (the digits pick the reading of an escape such as %5Cn). */
const SEPARATORS = new RegExp(`(?<=\\d)${SEPARATOR}(?=\\d)`, 'g');
const LEADING_SEPARATORS = new RegExp(`^(?:${SEPARATOR})*(?=\\d)`);
const TRAILING_SEPARATORS = new RegExp(`${SEPARATOR}*$`);

/**
 * Masks, in a run of digit groups ("4111 1111 1111 1111", "12 4111111111111111"), every span of
 * whole groups that holds 13 to 19 digits and passes the Luhn check (the longest first, from the
 * left). Runs of 20+ digits without a separator are identifiers, not cards.
 */
function maskCardsInGroups(run: string): string {
	const groups = run.split(SEPARATORS);
	const separators = run.match(SEPARATORS) ?? [];
	const digitCount = groups.reduce((total, group) => total + group.length, 0);
	if (digitCount < 13) return run;
	const parts: string[] = [];
	for (let start = 0; start < groups.length; ) {
		let end = -1;
		let digits = '';
		for (let last = start, count = 0; last < groups.length && count + groups[last].length <= 19; last++) {
			count += groups[last].length;
			const candidate = groups.slice(start, last + 1).join('');
			if (count >= 13 && passesLuhn(candidate)) {
				end = last;
				digits = candidate;
			}
		}
		if (end === -1) {
			parts.push(groups[start], separators[start] ?? '');
			start++;
			continue;
		}
		parts.push(maskCardNumber(digits), separators[end] ?? '');
		start = end + 1;
	}
	return parts.join('');
}

/**
 * The digits a run starts with that belong to a URL escape before it: `%22` (a quote) before a
 * card in a form-encoded body, `%2522` when encoded twice.
 */
function escapeDigits(text: string, offset: number): number {
	if (text[offset - 1] === '%') return /^(?:25)*[0-9A-Fa-f]{2}/.exec(text.slice(offset))?.[0].length ?? 0;
	return /%[A-Fa-f]$/.test(text.slice(Math.max(0, offset - 2), offset)) ? 1 : 0;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isHexLetter = (code: number) => (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * Whether the digits stand inside a hexadecimal identifier (e.g. EVO's 3F655073614773765E55E2...):
 * the word around them is hex letters and digits only. A card glued to other text ("PAY4012...")
 * is still a card.
 */
function insideHexIdentifier(text: string, start: number, end: number): boolean {
	let hexLetters = 0;
	for (let index = start - 1; index >= 0; index--) {
		const code = text.charCodeAt(index);
		if (!isDigit(code) && !isLetter(code)) break;
		// The hex digits of a URL escape (%3A) end the word.
		if (text[index - 1] === '%' || text[index - 2] === '%') break;
		if (!isDigit(code) && !isHexLetter(code)) return false;
		hexLetters++;
	}
	for (let index = end; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (!isDigit(code) && !isLetter(code)) break;
		if (!isDigit(code) && !isHexLetter(code)) return false;
		hexLetters++;
	}
	return hexLetters > 0;
}

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const isUuidCharacter = (code: number) => isDigit(code) || isHexLetter(code) || code === 45;

/**
 * The UUIDs (an idempotency key, an event ID) a run of digit groups overlaps: their all-digit
 * groups joined by dashes can look like a grouped card number ("84432-6518-4840" in
 * e3d84432-6518-4840-..., "024655814862-0" in ...-a096-024655814862-0, a key with an item index).
 */
function uuidSpans(text: string, start: number, end: number): Array<[number, number]> {
	let from = start;
	let to = end;
	while (from > 0 && isUuidCharacter(text.charCodeAt(from - 1))) from--;
	while (to < text.length && isUuidCharacter(text.charCodeAt(to))) to++;
	if (to - from < 36) return [];
	const spans: Array<[number, number]> = [];
	for (const match of text.slice(from, to).matchAll(UUIDS)) {
		const at = from + (match.index ?? 0);
		if (at < end && at + match[0].length > start) spans.push([at, at + match[0].length]);
	}
	return spans;
}

/** Masks the cards in a run of digit groups, leaving the digits of a URL escape before it. */
function maskRun(text: string, run: string, offset: number): string {
	if (run.length < 13) return run;
	if (/^\d+$/.test(run) && insideHexIdentifier(text, offset, offset + run.length)) return run;
	const escaped = Math.min(escapeDigits(text, offset), run.length);
	const rest = run.slice(escaped);
	const lead = LEADING_SEPARATORS.exec(rest)?.[0] ?? '';
	const trail = TRAILING_SEPARATORS.exec(rest.slice(lead.length))?.[0] ?? '';
	const groups = rest.slice(lead.length, rest.length - trail.length);
	return run.slice(0, escaped) + lead + maskCardsInGroups(groups) + trail;
}

/** Every card number in a text (13-19 digits passing Luhn, plain or grouped) keeps only its last four digits. */
export function maskCardNumbers(text: string): string {
	if (!THIRTEEN_DIGITS.test(text)) return text;
	return text.replace(DIGIT_GROUPS, (run: string, offset: number) => {
		// Too short to hold 13 digits: most runs (dates, amounts, IDs) end here.
		if (run.length < 13) return run;
		const spans = uuidSpans(text, offset, offset + run.length);
		if (spans.length === 0) return maskRun(text, run, offset);
		// A UUID's digits stay as they are; what stands beside it is looked at on its own.
		const end = offset + run.length;
		const parts: string[] = [];
		let at = offset;
		for (const [from, to] of spans) {
			if (from > at) parts.push(maskRun(text, text.slice(at, from), at));
			const uuidEnd = Math.min(to, end);
			parts.push(text.slice(Math.max(at, from), uuidEnd));
			at = uuidEnd;
		}
		if (at < end) parts.push(maskRun(text, text.slice(at, end), at));
		return parts.join('');
	});
}

/** A whole number long enough to be a card number (e.g. a card typed into a numeric field). */
function mayBeCardNumber(value: number): boolean {
	return Number.isSafeInteger(value) && Math.abs(value) >= 1e12;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The part of a secret's Base64 that is the same wherever the secret stands in the encoded text
 * (the secret alone, `secret:` and `user:secret` as HTTP Basic builds them, `:secret`...): Base64
 * encodes 3 bytes at a time, so there are three alignments. For each, the characters that also
 * depend on the bytes before or after the secret are left out.
 */
function base64Cores(secret: string): string[] {
	const length = Buffer.byteLength(secret, 'utf8');
	return [0, 1, 2].map((offset) => {
		const encoded = base64(`${'\0'.repeat(offset)}${secret}`);
		return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + length)) / 6));
	});
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Whether a string anywhere in a JSON value passes the test. */
function someString(value: unknown, test: (text: string) => boolean): boolean {
	if (typeof value === 'string') return test(value);
	if (Array.isArray(value)) return value.some((entry) => someString(entry, test));
	if (value !== null && typeof value === 'object') return Object.values(value).some((entry) => someString(entry, test));
	return false;
}

/** A secret of 4 characters has a Base64 core of 4 at one alignment (e.g. a CVV after one byte). */
const MIN_BASE64_CORE_LENGTH = 4;

const isAlphanumeric = (char: string) => /^[A-Za-z0-9]$/.test(char);
const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');
const bytesOf = (text: string) => [...Buffer.from(text, 'utf8')];

/** Every character (or every character but letters and digits) written as `escape` writes it. */
function escaped(secret: string, escape: (code: number) => string, all: boolean): string {
	return [...secret].map((char) => (!all && isAlphanumeric(char) ? char : escape(char.codePointAt(0)!))).join('');
}

/** JSON's \uXXXX escape (surrogate pairs for characters outside the BMP). */
function jsonEscape(code: number): string {
	return String.fromCodePoint(code)
		.split('')
		.map((unit) => `\\u${hex(unit.charCodeAt(0), 4)}`)
		.join('');
}

/**
 * Every form in which a secret may come back in a vendor's echo of the request: as given; URL-
 * encoded (once or twice, as a URI component or a form field, with upper- or lower-case hex, or
 * every byte); in hexadecimal; JSON-escaped (as JSON.stringify writes it, with `\/`, and with
 * \uXXXX escapes); XML-escaped (named and numeric entities); and in Base64 (standard, URL-safe and
 * URL-encoded, also of the URL-encoded secret) at any position, e.g. inside an Authorization header.
 */
function formsOf(secret: string): string[] {
	const uriEncoded = encodeURIComponent(secret);
	const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
	const everyByte = bytesOf(secret)
		.map((byte) => `%${hex(byte, 2)}`)
		.join('');
	const hexadecimal = bytesOf(secret)
		.map((byte) => hex(byte, 2))
		.join('');
	const json = JSON.stringify(secret).slice(1, -1);
	const forms = [
		secret,
		uriEncoded,
		uriEncoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
		encodeURIComponent(uriEncoded),
		formEncoded,
		everyByte,
		everyByte.toUpperCase(),
		hexadecimal,
		hexadecimal.toUpperCase(),
		json,
		json.replace(/\//g, '\\/'),
		...[false, true].flatMap((all) => {
			const jsonEscaped = escaped(secret, jsonEscape, all);
			return [jsonEscaped, jsonEscaped.replace(/\\u([0-9a-f]{4})/g, (_escape, code: string) => `\\u${code.toUpperCase()}`)];
		}),
		secret.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]),
		...[false, true].flatMap((all) => [
			escaped(secret, (code) => `&#${code};`, all),
			escaped(secret, (code) => `&#x${hex(code, 1)};`, all),
			escaped(secret, (code) => `&#x${hex(code, 1).toUpperCase()};`, all),
		]),
	];
	for (const encoded of new Set([secret, uriEncoded, formEncoded, everyByte, everyByte.toUpperCase()])) {
		for (const core of base64Cores(encoded)) {
			if (core.length < MIN_BASE64_CORE_LENGTH) continue;
			forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'), encodeURIComponent(core));
		}
	}
	return forms;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A hexadecimal number whose letters may be written in either case: 2b -> 2[bB]. */
const anyCaseHex = (code: number, width: number) =>
	hex(code, width).replace(/[a-f]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
const JSON_SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A character of a secret in any of the forms an escaping encoder may give it, each character on
 * its own (an encoder that escapes only some characters, `-` as `%2d`): itself; a URL escape of
 * each UTF-8 byte, in either case, also escaped twice (`%252D`); a JSON `\u` escape (also after
 * a URL-encoded backslash) or short escape; an XML entity, numeric with leading zeros or named.
 */
function characterPattern(char: string): string {
	const code = char.codePointAt(0)!;
	const alternatives = [escapeRegExp(char)];
	if (XML_ESCAPES[char]) alternatives.push(escapeRegExp(XML_ESCAPES[char]));
	if (JSON_SHORT_ESCAPES[char]) alternatives.push(escapeRegExp(JSON_SHORT_ESCAPES[char]));
	if (char === ' ') alternatives.push('\\+');
	alternatives.push(
		char
			.split('')
			.map((unit) => `(?:\\\\|%5[cC])u${anyCaseHex(unit.charCodeAt(0), 4)}`)
			.join(''),
		bytesOf(char)
			.map((byte) => `%(?:25)?${anyCaseHex(byte, 2)}`)
			.join(''),
		`&#0*${code};`,
		`&#[xX]0*${anyCaseHex(code, 1)};`,
	);
	return `(?:${alternatives.join('|')})`;
}

/** Where an escaped form can stand at all: nothing to look for in a text without one of these. */
const ESCAPE_SIGN = /[%&\\]/;

/**
 * Masks a set of secrets (in every form, see `formsOf`) and card numbers. Made once per set of
 * secrets: the forms are computed once, and a text that holds none of them is returned as is.
 */
export class Redactor {
	private readonly needles: string[];
	private readonly jsonNeedles: string[];
	/** Each secret with its characters escaped in any mix of forms (see `characterPattern`). */
	private readonly escapedForms: RegExp[] = [];
	/** Each secret in hexadecimal, in any mix of cases. */
	private readonly hexForms: RegExp[] = [];

	constructor(secrets: Array<string | undefined>) {
		const needles = new Set<string>();
		for (const secret of secrets) {
			// Secrets shorter than 4 characters are ignored: masking them would garble ordinary words.
			if (typeof secret !== 'string' || secret.length < 4) continue;
			for (const form of formsOf(secret)) if (form.length >= 4) needles.add(form);
			this.escapedForms.push(new RegExp([...secret].map(characterPattern).join(''), 'g'));
			this.hexForms.push(new RegExp(bytesOf(secret).map((byte) => hex(byte, 2)).join(''), 'gi'));
		}
		// The longest first, so that a form is masked whole before a shorter form inside it.
		this.needles = [...needles].sort((a, b) => b.length - a.length);
		// How each form reads inside JSON text (a backslash or a quote in it is escaped there).
		this.jsonNeedles = [...new Set(this.needles.map((needle) => JSON.stringify(needle).slice(1, -1)))];
	}

	text(text: string): string {
		let result = text;
		for (const needle of this.needles) {
			if (result.includes(needle)) result = result.split(needle).join(MASK);
		}
		if (ESCAPE_SIGN.test(result)) for (const form of this.escapedForms) result = result.replace(form, MASK);
		for (const form of this.hexForms) result = result.replace(form, MASK);
		return maskCardNumbers(result);
	}

	/** Whether the text holds a secret or a card number (the same verdict as `text`, without building a copy). */
	holdsAny(text: string): boolean {
		return (
			this.needles.some((needle) => text.includes(needle)) ||
			(ESCAPE_SIGN.test(text) && this.escapedForms.some((form) => text.search(form) !== -1)) ||
			this.hexForms.some((form) => text.search(form) !== -1) ||
			maskCardNumbers(text) !== text
		);
	}

	/** The value with every string masked; parts without anything to mask are the same objects. */
	value<T>(value: T): T {
		if (typeof value === 'string') return this.text(value) as T;
		if (typeof value === 'number' && mayBeCardNumber(value)) {
			const masked = maskCardNumbers(String(value));
			return (masked === String(value) ? value : masked) as T;
		}
		if (Array.isArray(value)) {
			const entries = value.map((entry) => this.value(entry));
			return (entries.some((entry, index) => entry !== value[index]) ? entries : value) as T;
		}
		if (isPlainObject(value)) {
			let changed = false;
			const entries = Object.entries(value).map(([key, entry]) => {
				const redacted = this.value(entry);
				changed ||= redacted !== entry;
				return [key, redacted];
			});
			return (changed ? Object.fromEntries(entries) : value) as T;
		}
		return value;
	}

	/**
	 * A JSON output item with everything masked: one serialisation tells whether there is anything
	 * to mask at all (nearly never), and only then is the item walked. (In JSON text every string
	 * and number stands between quotes, commas or brackets, and a secret's form is looked for as
	 * JSON writes it, so what is found there is what the walk finds in the values; the card
	 * separators include JSON's \t and \n.)
	 */
	jsonItem<T extends object>(json: T): T {
		let serialised: string;
		try {
			serialised = JSON.stringify(json);
		} catch {
			return this.value(json);
		}
		const holdsAny =
			this.jsonNeedles.some((needle) => serialised.includes(needle)) ||
			this.hexForms.some((form) => serialised.search(form) !== -1) ||
			maskCardNumbers(serialised) !== serialised;
		if (holdsAny) return this.value(json);
		// An escaped form is escaped again in JSON text: the strings themselves are looked at.
		const holdsEscaped =
			this.escapedForms.length > 0 &&
			ESCAPE_SIGN.test(serialised) &&
			someString(json, (text) => ESCAPE_SIGN.test(text) && this.escapedForms.some((form) => text.search(form) !== -1));
		return holdsEscaped ? this.value(json) : json;
	}
}

/** The last set of secrets and its redactor: errors of one run mask the same secrets again and again. */
let lastRedactor: { key: string; redactor: Redactor } | undefined;

export function redactorFor(secrets: Array<string | undefined>): Redactor {
	const key = secrets.map((secret) => (typeof secret === 'string' ? secret : '')).join('\0');
	if (lastRedactor?.key !== key) lastRedactor = { key, redactor: new Redactor(secrets) };
	return lastRedactor.redactor;
}

/** Replaces every occurrence of the given secrets (in any form) and every card number in a text. */
export function redactText(text: string, secrets: Array<string | undefined>): string {
	return redactorFor(secrets).text(text);
}

/** Deep copy of a JSON value with every string passed through `redactText`. */
export function redactValue<T>(value: T, secrets: Array<string | undefined>): T {
	const redactor = redactorFor(secrets);
	const copy = (entry: unknown): unknown => {
		if (typeof entry === 'string' || typeof entry === 'number') return redactor.value(entry);
		if (Array.isArray(entry)) return entry.map(copy);
		if (entry !== null && typeof entry === 'object') {
			return Object.fromEntries(Object.entries(entry).map(([key, inner]) => [key, copy(inner)]));
		}
		return entry;
	};
	return copy(value) as T;
}

/** How far past its length an excerpt may run to end at white space. */
const EXCERPT_SLACK = 4096;
/** Two digits and a card separator between them, found at every position (a lookahead). */
const JOINED_DIGITS = new RegExp(`(?=(\\d(?:${SEPARATOR})?\\d))`, 'g');

/** Whether a cut before `at` would fall inside a run of digit groups (a card number, perhaps). */
function insideDigitGroups(text: string, at: number): boolean {
	const from = Math.max(0, at - 16);
	for (const match of text.slice(from, at + 16).matchAll(JOINED_DIGITS)) {
		const start = from + (match.index ?? 0);
		if (start < at && at < start + match[1].length) return true;
	}
	return false;
}

/**
 * The start of a vendor's answer, for an error message. The cut falls at white space that is not
 * inside a run of digit groups: a secret or a card number cut in two would no longer be recognised
 * and masked when the message is redacted, and part of it would show.
 */
export function excerpt(text: string, length: number): string {
	if (text.length <= length) return text;
	const spaces = /\s/g;
	spaces.lastIndex = length;
	for (let found = spaces.exec(text); found && found.index < length + EXCERPT_SLACK; found = spaces.exec(text)) {
		if (!insideDigitGroups(text, found.index)) return `${text.slice(0, found.index)}...`;
	}
	return `${text.slice(0, length + EXCERPT_SLACK)}...`;
}
