import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { DATE_FORMATS, formatVendorDate } from '../../shared/dates';
import { isEmpty, optionalText } from '../../shared/input';
import { formatAmount, parseAmount } from '../../shared/money';
import { InvalidInputError } from '../../shared/errors';
import { credentialsOnce, perRun } from '../../shared/runState';
import { CREDENTIAL_TYPE } from '../transport';

/** The credential data (URL, corp key, payee), read once per run: adilas has no session token. */
export async function getAdilasCredentials(ctx: IExecuteFunctions): Promise<ICredentialDataDecryptedObject> {
	return await credentialsOnce(ctx, CREDENTIAL_TYPE);
}

/** Largest amount in cents whose decimal text a JSON number keeps exactly (15 significant digits). */
const MAX_EXACT_MINOR = 10n ** 15n;

/**
 * A Numeric money argument (AMOUNT_PAID, INVOICE_AMOUNT), validated as a decimal string with at
 * most 2 decimals and sent as a JSON number, as the seed's sample does (`"AMOUNT_PAID":15`). No
 * arithmetic: the number is read from the validated text, and below 10^13 its JSON text is
 * exactly that text (trailing zeros dropped).
 */
export function amountAsJsonNumber(value: unknown, field: string, { allowZero = false } = {}): number {
	const amount = parseAmount(value, field, { allowZero });
	if (amount.minor >= MAX_EXACT_MINOR) {
		throw new InvalidInputError(field, `${field} is too large: ${formatAmount(amount)}`);
	}
	return Number(formatAmount(amount));
}

/**
 * A String argument that the seed's sample sends as a number when it is one
 * (`"ACTUAL_TRANS_NUMBER":23`, `"TRANSACTION_NUMBER":24`): a plain whole number without leading
 * zeros goes as a JSON number, anything else as text. Empty: the documented default, blank.
 */
export function numberOrText(value: unknown): string | number {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	const text = optionalText(value) ?? '';
	if (/^(0|[1-9]\d{0,14})$/.test(text)) return Number(text);
	return text;
}

/** A String argument: always text ("1003" stays "1003"). Empty: blank. */
export function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return String(value);
}

function now(ctx: IExecuteFunctions): DateTime {
	return DateTime.now().setZone(ctx.getTimezone());
}

/**
 * TRANSACTION_DATE (2015-03-24) and TRANSACTION_DATE_TIME (2015-03-24 11:54:00). Both empty: the
 * payment moment, now in the workflow's time zone. One given: the other follows it (a date alone
 * gets the current time of day; a date-time alone gives its date).
 */
export function transactionDates(
	ctx: IExecuteFunctions,
	dateValue: unknown,
	dateTimeValue: unknown,
): { TRANSACTION_DATE: string; TRANSACTION_DATE_TIME: string } {
	const dateTime = isEmpty(dateTimeValue)
		? undefined
		: formatVendorDate(dateTimeValue, 'TRANSACTION_DATE_TIME', DATE_FORMATS.isoDateSpaceTime);
	const date = isEmpty(dateValue) ? undefined : formatVendorDate(dateValue, 'TRANSACTION_DATE', DATE_FORMATS.isoDate);
	if (dateTime !== undefined) return { TRANSACTION_DATE: date ?? dateTime.slice(0, 10), TRANSACTION_DATE_TIME: dateTime };
	// yyyy-MM-dd HH:mm:ss
	const moment = nowText(ctx);
	return {
		TRANSACTION_DATE: date ?? moment.slice(0, 10),
		TRANSACTION_DATE_TIME: date ? `${date} ${moment.slice(11)}` : moment,
	};
}

/**
 * Now in the workflow's time zone as 2015-03-24 11:54:00. The time zone's formatter is made once
 * per run (converting with Luxon costs about 0.1 ms per item); a zone Intl does not know falls
 * back to Luxon, as before.
 */
function nowText(ctx: IExecuteFunctions): string {
	const formatter = perRun(ctx, 'adilas:nowFormatter', () => {
		try {
			return new Intl.DateTimeFormat('en-US', {
				timeZone: ctx.getTimezone(),
				hourCycle: 'h23',
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
			});
		} catch {
			return undefined;
		}
	});
	if (!formatter) return now(ctx).toFormat(DATE_FORMATS.isoDateSpaceTime);
	// The text changes once a second (a zone's offset changes on a whole second too): written once
	// per second of the run, not once per item.
	const last = perRun(ctx, 'adilas:nowText', () => ({ second: Number.NaN, text: '' }));
	const moment = Date.now();
	const second = Math.floor(moment / 1000);
	if (second === last.second) return last.text;
	const part: Record<string, string> = {};
	for (const { type, value } of formatter.formatToParts(new Date(moment))) part[type] = value;
	last.second = second;
	last.text = `${part.year.padStart(4, '0')}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
	return last.text;
}

/** A date argument in the given format; empty: today (or now) in the workflow's time zone. */
export function dateOrNow(ctx: IExecuteFunctions, value: unknown, field: string, format: string): string {
	return isEmpty(value) ? now(ctx).toFormat(format) : formatVendorDate(value, field, format);
}

export { readOptions, type RunOptions } from '../../shared/fields';
