import type { Amount } from './money';
import { formatAmount } from './money';

/**
 * JSON bodies whose amounts must be written as numbers exactly as the vendor's sample shows them
 * (`"open_amount": 7000.50`), without ever becoming a JavaScript float: put a `JsonAmount` where
 * the amount goes and serialize with `toJsonWithAmounts`.
 */

/** U+2063 (invisible separator): JSON.stringify keeps it as is, and no amount text contains it. */
const AMOUNT_MARK = '\u2063amount\u2063';

export class JsonAmount {
	constructor(readonly text: string) {}

	toJSON(): string {
		return `${AMOUNT_MARK}${this.text}${AMOUNT_MARK}`;
	}
}

export function jsonAmount(amount: Amount): JsonAmount {
	return new JsonAmount(formatAmount(amount));
}

/** JSON text of a body, each JsonAmount written as a bare number with its decimals (7000.50). */
export function toJsonWithAmounts(body: unknown): string {
	return JSON.stringify(body).replace(new RegExp(`"${AMOUNT_MARK}(-?\\d+(?:\\.\\d+)?)${AMOUNT_MARK}"`, 'g'), '$1');
}
