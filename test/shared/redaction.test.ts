import { excerpt, finishExcerpts, maskCardNumbers, passesLuhn, Redactor } from '../../nodes/shared/redact';
import { CARD_SEPARATORS, grouped, SECRET_ENCODINGS, TEST_CARDS } from '../harness/encodings';
import { ALL_SECRETS } from '../faults/vendors';

/**
 * Redaction by construction: every secret the fault suite plants (and secrets made of the
 * characters encoders treat specially) in every encoding of test/harness/encodings.ts, and every
 * test card in every grouping separator, in plain text and inside a JSON output item.
 */

const SECRETS = [...ALL_SECRETS, 'p@ss/wörd+ 1&"<x>', 'tok€n:😀;a=b', '9231'];

const surroundings = (form: string) => [form, `Refused: ${form}.`, `Authorization: Basic ${form}`, `{"echo":"${form}"}`, `a${form}b`];

describe.each(SECRET_ENCODINGS)('a secret $name', ({ encode, minLength = 4 }) => {
	test.each(SECRETS.filter((secret) => secret.length >= minLength))('is masked: %s', (secret) => {
		const redactor = new Redactor([secret, 'another-secret-value']);
		const form = encode(secret);
		for (const text of surroundings(form)) {
			const masked = redactor.text(text);
			expect(masked).not.toContain(form);
			expect(masked).not.toContain(secret);
			expect(masked).toContain('***');
			expect(redactor.holdsAny(text)).toBe(true);
			const item = redactor.jsonItem({ message: text, nested: [{ text }] });
			expect(JSON.stringify(item)).not.toContain(form.replace(/\\/g, '\\\\').replace(/"/g, '\\"'));
			expect(item.message).toBe(masked);
		}
	});
});

describe.each(CARD_SEPARATORS)('a card number grouped by $name', ({ separator }) => {
	test.each(TEST_CARDS.map((card) => [card.digits, card] as const))('is masked: %s', (_digits, { digits, groups }) => {
		expect(passesLuhn(digits)).toBe(true);
		const written = grouped(digits, groups, separator);
		const masked = `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
		for (const text of [written, `card ${written} paid`, `notes: ${written}\n`, `"${written}"`]) {
			expect(maskCardNumbers(text)).toBe(text.replace(written, masked));
		}
		// In an output item: the JSON text (where a tab or line break is written \t or \n) finds it too.
		const redactor = new Redactor([]);
		expect(redactor.jsonItem({ reference: `Ref ${written}` })).toEqual({ reference: `Ref ${masked}` });
	});
});

describe('what is not a card number stays as written', () => {
	test.each([
		['an amount and a date', 'paid 1250.00 on 2021-03-04 10:00'],
		['an IP address and a port', '192.168.100.200:8080'],
		['a phone number', '+1 (555) 123-4567'],
		['a 13-digit timestamp failing Luhn', '1733238000000'],
		['a 20-digit identifier', '12345678901234567890'],
		['a grouped number failing Luhn', '4111.1111.1111.1112'],
		['a hexadecimal identifier', '3F655073614773765E55E233355E4F5F'],
		// An escape separates digits only where the character it writes does: a colon does not.
		['a date and time, URL-encoded', 'TRANSACTION_DATE_TIME%22%3A%222015-03-24%2011%3A54%3A00%22'],
		['a date and time, JSON-escaped', '2015-03-24 11\\u003a54\\u003a00'],
		['a date and time, XML colon entities', '2015-03-24 11&#58;54&#x3a;00'],
	])('%s', (_name, text) => {
		expect(maskCardNumbers(text)).toBe(text);
	});
});

describe('an excerpt of an answer, cut wherever the limit falls', () => {
	const LIMIT = 40;
	/** What an error shows: masked by the runner, and only then cut. */
	const shownBy = (redactor: Redactor, text: string) => finishExcerpts(redactor.text(excerpt(text, LIMIT)));

	test.each(SECRET_ENCODINGS)('is cut after masking: nothing of a secret $name shows', ({ encode, minLength = 4 }) => {
		for (const secret of SECRETS.filter((entry) => entry.length >= minLength)) {
			const redactor = new Redactor([secret]);
			const form = encode(secret);
			for (let before = 0; before <= LIMIT; before++) {
				const text = `${'x'.repeat(before)}${form} and the rest of the answer`;
				const shown = shownBy(redactor, text);
				// The start of the masked answer, and never longer than the limit.
				expect(redactor.text(text).startsWith(shown.replace(/\.\.\.$/, ''))).toBe(true);
				expect(shown.length).toBeLessThanOrEqual(LIMIT + 3);
			}
		}
	});

	test.each(CARD_SEPARATORS)('is cut after masking: nothing of a card grouped by $name shows', ({ separator }) => {
		const written = grouped('4012888888881881', [4, 4, 4, 4], separator);
		const redactor = new Redactor([]);
		for (let before = 0; before <= LIMIT; before++) {
			expect(shownBy(redactor, `${'x'.repeat(before)} ${written} and the rest of the answer`)).not.toMatch(/4012\D{0,12}8888/);
		}
	});

	test('short answers are shown whole, and an output item is cut too', () => {
		expect(excerpt('short', LIMIT)).toBe('short');
		const item = new Redactor(['secret-value-1']).jsonItem({ error: `failed: ${excerpt(`${'y'.repeat(30)} secret-value-1 ${'z'.repeat(30)}`, LIMIT)}` });
		expect(item.error).toBe(`failed: ${'y'.repeat(30)} ***${' '}${'z'.repeat(5)}...`);
	});
});
