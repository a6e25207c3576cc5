import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DATE_FORMATS, optionalVendorDate } from '../../../shared/dates';
import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { definedOnly, optionalText } from '../../../shared/input';
import { callAdilas, describeRequest, jsonInteger, resolveCorpId } from '../../transport';
import { FUNCTION_NAME_KEY } from '../../transport/credential';
import { ADILAS_ID } from '../common.descriptions';
import { amountAsJsonNumber, dateOrNow, getAdilasCredentials, readOptions } from '../../helpers/utils';

export const FUNCTION_NAME = 'startMainInvoice';

const show = { resource: ['invoice'], operation: ['start'] };

export const INVOICE_TYPES = [
	{ name: 'Customer Invoice (2)', value: 2 },
	{ name: 'Counter Sale (3)', value: 3 },
	{ name: 'Rental Ticket (4)', value: 4 },
	{ name: 'Quote (7)', value: 7 },
	{ name: 'Transition Invoice (8)', value: 8 },
];

export const description: INodeProperties[] = [
	withKind(ADILAS_ID, {
		displayName: 'Customer ID (CUSTOMER_ID)',
		name: 'CUSTOMER_ID',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1',
		description: 'The customer the invoice is for. 1 is adilas\'s dummy customer for counter sales.',
		displayOptions: { show },
	}),
	{
		displayName: 'Invoice Type (INVOICE_TYPE_ID)',
		name: 'INVOICE_TYPE_ID',
		type: 'options',
		options: INVOICE_TYPES,
		default: 2,
		displayOptions: { show },
	},
	withKind(kinds.amount({ allowZero: true }), {
		displayName: 'Invoice Amount (INVOICE_AMOUNT)',
		name: 'INVOICE_AMOUNT',
		type: 'string',
		required: true,
		default: '',
		placeholder: '15.00',
		description:
			'The invoice total, a decimal with at most 2 decimals (sent as a number). adilas refuses payments (status zero) on an invoice whose amount, date, paid and receivable fields are empty.',
		displayOptions: { show },
	}),
	additionalFieldsCollection(show, [
		withKind(kinds.dateTime(), {
			displayName: 'Adjusted Date Time (ADJUSTED_DATE_TIME)',
			name: 'ADJUSTED_DATE_TIME',
			type: 'dateTime',
			default: '',
			description: 'An adjusted time stamp for the invoice, sent as 2015-03-24 11:54:00. Empty: not sent.',
		}),
		withKind(ADILAS_ID, {
			displayName: 'Corp ID (CORP_ID)',
			name: 'CORP_ID',
			type: 'string',
			default: '',
			placeholder: '53',
			description:
				'Your corporation ID. Empty: the number in the credential\'s corp key. Another number is refused before anything is sent.',
		}),
		withKind(kinds.text(), {
			displayName: 'External PO Number (EXTERNAL_PO_NUMBER)',
			name: 'EXTERNAL_PO_NUMBER',
			type: 'string',
			default: '',
			description: 'The customer\'s purchase order number. Empty: not sent.',
		}),
		withKind(ADILAS_ID, {
			displayName: 'Invoice Created By ID (INVOICE_CREATED_BY_ID)',
			name: 'INVOICE_CREATED_BY_ID',
			type: 'string',
			default: '',
			placeholder: '178',
			description: 'The payee (user) ID who creates the invoice. Empty: not sent (adilas uses the calling payee).',
		}),
		withKind(kinds.date(), {
			displayName: 'Invoice Date (INVOICE_DATE)',
			name: 'INVOICE_DATE',
			type: 'dateTime',
			default: '',
			description: 'Sent as 2015-03-24. Empty: today in the workflow\'s time zone.',
		}),
		withKind(kinds.text(), {
			displayName: 'Invoice Notes (INVOICE_NOTES)',
			name: 'INVOICE_NOTES',
			type: 'string',
			default: '',
			description: 'Internal notes. Empty: not sent.',
		}),
		withKind(kinds.text(), {
			displayName: 'Printable Invoice Notes (PRINTABLE_INVOICE_NOTES)',
			name: 'PRINTABLE_INVOICE_NOTES',
			type: 'string',
			default: '',
			description: 'Notes printed on the invoice. Empty: not sent.',
		}),
	]),
	optionsCollection(show, [dryRunOption, timeoutOption]),
];

/**
 * Keys the new invoice number may come under. adilas does not publish startMainInvoice's answer:
 * these are read in order, at the top level, then inside nested objects and arrays.
 */
export const INVOICE_NUMBER_KEYS = [
	'INVOICE_NUMBER',
	'MAIN_INVOICE_NUMBER',
	'MAIN_INVOICE_ID',
	'INVOICE_ID',
	'NEW_INVOICE_NUMBER',
	'NEW_INVOICE_ID',
	'NEW_MAIN_INVOICE_ID',
	'INVOICE_NO',
	'INVOICE_NUM',
];

function wholeNumber(value: unknown): string | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^\d+$/.test(text) && !/^0+$/.test(text) ? text.replace(/^0+/, '') : undefined;
}

function pathTo(prefix: string, key: string): string {
	return prefix === '' ? key : `${prefix}.${key}`;
}

function searchLevel(node: unknown, path: string, keyOk: (key: string) => boolean): { value: string; key: string } | undefined {
	if (Array.isArray(node)) return node.length > 0 ? searchLevel(node[0], `${path}[0]`, keyOk) : undefined;
	if (node === null || typeof node !== 'object') return undefined;
	const entries = Object.entries(node as IDataObject);
	for (const wanted of INVOICE_NUMBER_KEYS) {
		const entry = entries.find(([key]) => key.toUpperCase() === wanted && keyOk(key));
		const value = entry ? wholeNumber(entry[1]) : undefined;
		if (entry && value) return { value, key: pathTo(path, entry[0]) };
	}
	const loose = entries.find(([key, value]) => /INVOICE.*(NUMBER|ID|NO)$/i.test(key) && keyOk(key) && wholeNumber(value));
	if (loose) return { value: wholeNumber(loose[1])!, key: pathTo(path, loose[0]) };
	return undefined;
}

/** The new invoice's number, read tolerantly; undefined when no known key holds a whole number. */
export function findInvoiceNumber(answer: IDataObject): { value: string; key: string } | undefined {
	const notCreator = (key: string) => !/CREATED_BY|CUSTOMER|TYPE/i.test(key);
	const top = searchLevel(answer, '', notCreator);
	if (top) return top;
	for (const [key, value] of Object.entries(answer)) {
		if (value !== null && typeof value === 'object') {
			const nested = searchLevel(value, key, notCreator);
			if (nested) return nested;
		}
	}
	return undefined;
}

/** startMainInvoice's call object; optional arguments are left out when empty. */
export async function buildCall(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject = readFields(ctx, itemIndex, description)): Promise<IDataObject> {
	const credentials = await getAdilasCredentials(ctx);
	const extra = (fields.additionalFields ?? {}) as IDataObject;
	const optional = (name: string) => optionalText(extra[name]);
	const createdBy = optional('INVOICE_CREATED_BY_ID');
	const call: IDataObject = {
		API_CALL_FUNCTION_NAME: FUNCTION_NAME,
		ADJUSTED_DATE_TIME: optionalVendorDate(extra.ADJUSTED_DATE_TIME, 'ADJUSTED_DATE_TIME', DATE_FORMATS.isoDateSpaceTime),
		CORP_ID: resolveCorpId(extra.CORP_ID, credentials),
		CUSTOMER_ID: jsonInteger(fields.CUSTOMER_ID, 'CUSTOMER_ID'),
		EXTERNAL_PO_NUMBER: optional('EXTERNAL_PO_NUMBER'),
		INVOICE_AMOUNT: amountAsJsonNumber(fields.INVOICE_AMOUNT, 'INVOICE_AMOUNT', {
			allowZero: true,
		}),
		INVOICE_CREATED_BY_ID: createdBy === undefined ? undefined : jsonInteger(createdBy, 'INVOICE_CREATED_BY_ID'),
		INVOICE_DATE: dateOrNow(ctx, extra.INVOICE_DATE, 'INVOICE_DATE', DATE_FORMATS.isoDate),
		INVOICE_NOTES: optional('INVOICE_NOTES'),
		PRINTABLE_INVOICE_NOTES: optional('PRINTABLE_INVOICE_NOTES'),
		INVOICE_TYPE_ID: jsonInteger(fields.INVOICE_TYPE_ID ?? 2, 'INVOICE_TYPE_ID'),
	};
	return definedOnly(call);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// Every field checked first, named by its display name; the call is built from the checked values.
	const fields = readFields(this, itemIndex, description);
	const credentials = await getAdilasCredentials(this);
	const { dryRun, timeout } = readOptions(this, itemIndex);
	const call = await buildCall(this, itemIndex, fields);

	if (dryRun) {
		return { status: 'dry run', function: FUNCTION_NAME, request: describeRequest(credentials, call) };
	}
	const answer = await callAdilas(this, credentials, call, timeout);
	const found = findInvoiceNumber(answer);
	const args = Object.fromEntries(Object.entries(call).filter(([key]) => key !== FUNCTION_NAME_KEY));
	if (!found) {
		// The invoice was started: failing here would invite a second start. Add refuses to run
		// without a number, so nothing is paid against a guess.
		return {
			status: 'started',
			function: FUNCTION_NAME,
			...args,
			...answer,
			warning: `adilas started the invoice but its answer had no invoice number under a known key (${INVOICE_NUMBER_KEYS.join(', ')}): read it from the answer below`,
		};
	}
	return {
		status: 'started',
		function: FUNCTION_NAME,
		...args,
		...answer,
		INVOICE_NUMBER: found.value,
		invoiceNumberReadFrom: found.key,
	};
}
