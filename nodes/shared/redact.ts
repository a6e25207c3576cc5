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

/** Code points from single ones and [first, last] ranges. */
function codePoints(...entries: Array<number | [number, number]>): number[] {
	return entries.flatMap((entry) =>
		typeof entry === 'number' ? [entry] : Array.from({ length: entry[1] - entry[0] + 1 }, (_unused, index) => entry[0] + index),
	);
}

/**
 * What people and encoders put between a card's digit groups. Invisible: white space of any kind
 * (JavaScript's \s, vertical tab and form feed included, NEL) and the default-ignorable characters
 * (zero-width space and joiners, soft hyphen, BOM, bidi marks, word joiner, variation selectors,
 * Hangul fillers). Marks: a dash of any kind, a dot, a middle dot or bullet, an underscore, a
 * slash, a plus, also their full-width and small forms.
 */
const INVISIBLE_CODES = codePoints(
	[0x09, 0x0d], 0x20, 0x85, 0xa0, 0xad, 0x34f, 0x61c, 0x115f, 0x1160, 0x1680, 0x17b4, 0x17b5, [0x180b, 0x180f],
	[0x2000, 0x200f], [0x2028, 0x202f], [0x205f, 0x206f], 0x3000, 0x3164, [0xfe00, 0xfe0f], 0xfeff, 0xffa0,
);
const MARK_CODES = codePoints(
	0x2b, 0x2d, 0x2e, 0x2f, 0x5f, 0xb7, [0x2010, 0x2015], 0x2022, 0x2027, 0x2212, 0x2e3a, 0x2e3b, 0x30fb,
	0xfe58, 0xfe63, 0xff0b, 0xff0d, 0xff0e, 0xff0f, 0xff3f,
);

const hexDigits = (code: number, width: number) => code.toString(16).padStart(width, '0');
/** A hex digit in either case: b -> [bB]. */
const eitherCase = (digit: string) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit);
const regexChar = (code: number) => `\\u${hexDigits(code, 4)}`;
/** A number in hex digits whose letters may be either case: 2b -> 2[bB]. */
const anyCaseHex = (code: number, width: number) => [...hexDigits(code, width)].map(eitherCase).join('');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

interface TrieNode {
	end: boolean;
	next: Map<string, TrieNode>;
}

/**
 * One pattern for many token sequences, sharing their prefixes (u2013 and u2014 as u201[34]...),
 * so that a regex tries a handful of alternatives at each position rather than hundreds.
 */
function trie(sequences: string[][], write: (token: string) => string): string {
	const root: TrieNode = { end: false, next: new Map() };
	for (const sequence of sequences) {
		let node = root;
		for (const token of sequence) {
			if (!node.next.has(token)) node.next.set(token, { end: false, next: new Map() });
			node = node.next.get(token)!;
		}
		node.end = true;
	}
	const emit = (node: TrieNode): string => {
		const branches = [...node.next].map(([token, child]) => write(token) + emit(child));
		if (branches.length === 0) return '';
		const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
		return node.end ? `(?:${body})?` : body;
	};
	return emit(root);
}

const characters = (text: string) => text.split('');

/**
 * The characters themselves, and each as JSON (`\u000b`, `\t`, also escaped twice), as a URL
 * (every UTF-8 byte as %XX in either case, also encoded twice as %25XX, a JSON escape inside a
 * URL as %5Cn) and as XML (`&#13;`, `&#x2013;`, with or without leading zeros, `&nbsp;`) write
 * them. An escape of any other character (`%3A`, a colon) stands for nothing here:
 * "2015-03-24%2011%3A54" is a date and a time, not a card.
 */
function unitPattern(codes: number[], withEscapes: boolean): string {
	// Combining characters stand alone, not after another character in a class, where they would
	// read as one combined character.
	const combining = codes.filter((code) => /\p{M}/u.test(String.fromCodePoint(code)));
	const plain = codes.filter((code) => !combining.includes(code));
	const shortJson: Record<number, string> = { 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x2f: '/' };
	const json = trie(
		[...codes.filter((code) => shortJson[code]).map((code) => [shortJson[code]]), ...codes.map((code) => ['u', ...characters(hexDigits(code, 4))])],
		(token) => (token === 'u' || !/^[0-9a-f]$/.test(token) ? escapeRegExp(token) : eitherCase(token)),
	);
	const url = trie(
		codes.map((code) => [...Buffer.from(String.fromCodePoint(code), 'utf8')].map((byte) => hexDigits(byte, 2))),
		(byte) => `%(?:25)?${eitherCase(byte[0])}${eitherCase(byte[1])}`,
	);
	const xmlNames: Record<number, string> = { 0xa0: 'nbsp', 0xad: 'shy', 0x2002: 'ensp', 0x2003: 'emsp', 0x2009: 'thinsp', 0x2013: 'ndash', 0x2014: 'mdash', 0x2212: 'minus', 0x2010: 'hyphen', 0x2e: 'period', 0x5f: 'lowbar', 0x2f: 'sol', 0x2b: 'plus' };
	const decimal = trie(codes.map((code) => characters(String(code))), (digit) => digit);
	const hexadecimal = trie(codes.map((code) => characters(hexDigits(code, 1))), eitherCase);
	const names = codes.filter((code) => xmlNames[code]).map((code) => xmlNames[code]);
	const characterItself = [`[${plain.map(regexChar).join('')}]`, ...combining.map(regexChar)];
	if (!withEscapes) return characterItself.join('|');
	return [
		...characterItself,
		`\\\\{1,2}${json}`,
		`%(?:25)?5[cC]${json}`,
		url,
		`&(?:#0*${decimal}|#[xX]0*${hexadecimal}${names.length ? `|${names.join('|')}` : ''});`,
	].join('|');
}


interface CardPatterns {
	/** Thirteen digits, optionally grouped: nothing shorter can hold a card number (the quick check). */
	thirteenDigits: RegExp;
	/** Groups of digits joined by single separators, not inside a longer digit run. */
	digitGroups: RegExp;
	/** A separator between two digits (the digits pick the reading of an escape such as %5Cn). */
	separators: RegExp;
	leadingSeparators: RegExp;
	trailingSeparators: RegExp;
}

function cardPatterns(withEscapes: boolean): CardPatterns {
	const unit = `(?:${unitPattern(INVISIBLE_CODES, withEscapes)})`;
	const mark = `(?:${unitPattern(MARK_CODES, withEscapes)})`;
	// Up to two marks with up to three invisible units around them, or up to four invisible units.
	const separator = `(?:${unit}{0,3}${mark}{1,2}${unit}{0,3}|${unit}{1,4})`;
	return {
		thirteenDigits: new RegExp(`\\d(?:${separator}?\\d){12}`),
		digitGroups: new RegExp(`(?<!\\d)\\d+(?:${separator}\\d+)*(?!\\d)`, 'g'),
		separators: new RegExp(`(?<=\\d)${separator}(?=\\d)`, 'g'),
		leadingSeparators: new RegExp(`^(?:${separator})*(?=\\d)`),
		trailingSeparators: new RegExp(`${separator}*$`),
	};
}

/** For text without an escape (no %, & or backslash, nearly all of it): the characters themselves, a much faster pattern. */
const PLAIN_CARD_PATTERNS = cardPatterns(false);
const ESCAPED_CARD_PATTERNS = cardPatterns(true);
const MAY_HOLD_ESCAPES = /[%&\\]/;

/**
 * Masks, in a run of digit groups ("4111 1111 1111 1111", "12 4111111111111111"), every span of
 * whole groups that holds 13 to 19 digits and passes the Luhn check (the longest first, from the
 * left). Runs of 20+ digits without a separator are identifiers, not cards.
 */
function maskCardsInGroups(run: string, patterns: CardPatterns): string {
	const groups = run.split(patterns.separators);
	const separators = run.match(patterns.separators) ?? [];
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
function maskRun(text: string, run: string, offset: number, patterns: CardPatterns): string {
	if (run.length < 13) return run;
	if (/^\d+$/.test(run) && insideHexIdentifier(text, offset, offset + run.length)) return run;
	const escaped = Math.min(escapeDigits(text, offset), run.length);
	const rest = run.slice(escaped);
	const lead = patterns.leadingSeparators.exec(rest)?.[0] ?? '';
	const trail = patterns.trailingSeparators.exec(rest.slice(lead.length))?.[0] ?? '';
	const groups = rest.slice(lead.length, rest.length - trail.length);
	return run.slice(0, escaped) + lead + maskCardsInGroups(groups, patterns) + trail;
}

/** Every card number in a text (13-19 digits passing Luhn, plain or grouped) keeps only its last four digits. */
export function maskCardNumbers(text: string): string {
	const patterns = MAY_HOLD_ESCAPES.test(text) ? ESCAPED_CARD_PATTERNS : PLAIN_CARD_PATTERNS;
	if (!patterns.thirteenDigits.test(text)) return text;
	return text.replace(patterns.digitGroups, (run: string, offset: number) => {
		// Too short to hold 13 digits: most runs (dates, amounts, IDs) end here.
		if (run.length < 13) return run;
		const spans = uuidSpans(text, offset, offset + run.length);
		if (spans.length === 0) return maskRun(text, run, offset, patterns);
		// A UUID's digits stay as they are; what stands beside it is looked at on its own.
		const end = offset + run.length;
		const parts: string[] = [];
		let at = offset;
		for (const [from, to] of spans) {
			if (from > at) parts.push(maskRun(text, text.slice(at, from), at, patterns));
			const uuidEnd = Math.min(to, end);
			parts.push(text.slice(Math.max(at, from), uuidEnd));
			at = uuidEnd;
		}
		if (at < end) parts.push(maskRun(text, text.slice(at, end), at, patterns));
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

/**
 * The part of a secret's Base64 that is the same wherever the secret stands in the encoded text
 * (the secret alone, `secret:` and `user:secret` as HTTP Basic builds them, `:secret`...): Base64
 * encodes 3 bytes at a time, so there are three alignments. For each, the characters that also
 * depend on the bytes before or after the secret are left out.
 */
function base64Cores(secret: string | Buffer): string[] {
	const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
	return [0, 1, 2].map((offset) => {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
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

const bytesOf = (text: string) => [...Buffer.from(text, 'utf8')];

/**
 * The literal forms of a secret: as given, form-encoded (a space as +), JSON-escaped as
 * JSON.stringify writes it, and in Base64 (standard, URL-safe and URL-encoded) at any position,
 * e.g. inside an Authorization header: of the secret, of its URL and percent encodings and of its
 * UTF-16. Forms with escaped characters (URL, JSON, XML, quoted-printable) and hex are found by
 * the patterns of `characterPattern` and the hex forms, in any mix and case.
 */
function formsOf(secret: string): string[] {
	const uriEncoded = encodeURIComponent(secret);
	const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
	const everyByte = bytesOf(secret)
		.map((byte) => `%${hexDigits(byte, 2)}`)
		.join('');
	const forms = [secret, formEncoded, JSON.stringify(secret).slice(1, -1)];
	// UTF-16 (little-endian, as Windows and .NET encode text) too.
	const sources = [...new Set([secret, uriEncoded, formEncoded, everyByte, everyByte.toUpperCase()]), Buffer.from(secret, 'utf16le')];
	for (const encoded of sources) {
		for (const core of base64Cores(encoded)) {
			if (core.length < MIN_BASE64_CORE_LENGTH) continue;
			forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'), encodeURIComponent(core));
		}
	}
	return forms;
}

/** HTML5's names of ASCII punctuation (`&comma;`, `&hyphen;`...), which some XML and HTML writers use. */
const HTML_NAMES: Record<string, string[]> = {
	'!': ['excl'], '"': ['quot', 'QUOT'], '#': ['num'], $: ['dollar'], '%': ['percnt'], '&': ['amp', 'AMP'], "'": ['apos'],
	'(': ['lpar'], ')': ['rpar'], '*': ['ast', 'midast'], '+': ['plus'], ',': ['comma'], '-': ['hyphen', 'dash'], '.': ['period'],
	'/': ['sol'], ':': ['colon'], ';': ['semi'], '<': ['lt', 'LT'], '=': ['equals'], '>': ['gt', 'GT'], '?': ['quest'], '@': ['commat'],
	'[': ['lsqb', 'lbrack'], '\\': ['bsol'], ']': ['rsqb', 'rbrack'], '^': ['Hat'], _: ['lowbar', 'UnderBar'], '`': ['grave', 'DiacriticalGrave'],
	'{': ['lcub', 'lbrace'], '|': ['verbar', 'vert', 'VerticalLine'], '}': ['rcub', 'rbrace'], '~': ['tilde'],
};
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
	for (const name of HTML_NAMES[char] ?? []) alternatives.push(`&${name};`);
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
		// Quoted-printable (=2D), as e-mail and some form writers encode.
		bytesOf(char)
			.map((byte) => `=${anyCaseHex(byte, 2)}`)
			.join(''),
		`&#0*${code};`,
		`&#[xX]0*${anyCaseHex(code, 1)};`,
	);
	return `(?:${alternatives.join('|')})`;
}

/** Where an escaped form can stand at all: nothing to look for in a text without one of these. */
const ESCAPE_SIGN = /[%&\\=]/;

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
			// In hex, in either case, its bytes also apart (`46 61 75`, `46:61:75`).
			this.hexForms.push(new RegExp(bytesOf(secret).map((byte) => hexDigits(byte, 2)).join('[ :-]?'), 'gi'));
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
			return finishExcerptsIn(this.value(json));
		}
		// An output item is masked for the last time here: a quoted answer in it is cut after.
		if (serialised.includes(EXCERPT_START)) return finishExcerptsIn(this.value(json));
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

/** Mark the part of a message to be cut once it is masked: start, length, text, end. */
const EXCERPT_START = '\uE000';
const EXCERPT_TEXT = '\uE001';
const EXCERPT_END = '\uE002';
const EXCERPTS = /\uE000(\d+)\uE001([\s\S]*?)\uE002/g;

/**
 * The start of a vendor's answer, for an error message: marked to be cut to `length` characters
 * only after it is masked (`finishExcerpts`, where the node's runner masks an error or an output
 * item for the last time). A secret or a card cut in two before masking would no longer be
 * recognised, and part of it would show; cut after masking, nothing of it can.
 */
export function excerpt(text: string, length: number): string {
	if (text.length <= length) return text;
	return `${EXCERPT_START}${length}${EXCERPT_TEXT}${text.replace(/[\uE000-\uE002]/g, '')}${EXCERPT_END}`;
}

/** Cuts every marked excerpt of a masked text to its length. */
export function finishExcerpts(text: string): string {
	if (!text.includes(EXCERPT_START)) return text;
	return text.replace(EXCERPTS, (_whole, length: string, quoted: string) =>
		quoted.length <= Number(length) ? quoted : `${quoted.slice(0, Number(length))}...`,
	);
}

/** A JSON value with `finishExcerpts` applied to its strings; parts without excerpts are the same objects. */
function finishExcerptsIn<T>(value: T): T {
	if (typeof value === 'string') return finishExcerpts(value) as T;
	if (Array.isArray(value)) {
		const entries = value.map((entry) => finishExcerptsIn(entry));
		return (entries.some((entry, index) => entry !== value[index]) ? entries : value) as T;
	}
	if (isPlainObject(value)) {
		const entries = Object.entries(value).map(([key, entry]) => [key, finishExcerptsIn(entry)] as const);
		return (entries.some(([key, entry]) => entry !== value[key]) ? Object.fromEntries(entries) : value) as T;
	}
	return value;
}
