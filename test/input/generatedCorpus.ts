/* eslint-disable no-console -- test code: runs in Node and jest, never ships to n8n */
import type { IDataObject, INodeParameters, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import type { InputKind } from '../../nodes/shared/fieldKinds';
import { CredentialStore, loadPackage, runNode } from '../harness';
import type { RecordedRequest, VendorSimulator } from '../simulators/framework';
import type { NodeKind, VendorEntry } from '../faults/vendors';
import { SECRETS, VENDORS } from '../faults/vendors';

/**
 * The generated input corpus. For every field of every paying operation, taken from the node
 * descriptions of the built package (as n8n loads it), the bad values of the field's declared
 * kind (`inputKind`, or the type for booleans, options and numbers) are given literally and
 * through an expression, in n8n's engine against the simulators. A bad value is refused naming
 * the field as the user sees it (displayName), with not one request; a valid one is sent exactly
 * as written (checked in what the simulator received), or refused naming the field. A field
 * without a declared kind fails the test, so a new field is covered without anyone writing a case.
 */

type Kind = InputKind;

/** The workflow's time zone: behind UTC, so a JS Date read in UTC would move to the next day. */
const TIME_ZONE = 'America/New_York';

interface PayingOperation {
	label: string;
	vendor: VendorEntry;
	node: NodeKind;
	parameters: INodeParameters;
}

const byKey = (key: string) => VENDORS.find((vendor) => vendor.key === key)!;
const [ccp, crm, evo, cnbs, adilas] = ['cloudCommercePro', 'crmCom', 'evoSnap', 'cnbsWebAr', 'adilas'].map(byKey);

const cnbsCard = {
	payment_card_type: 'VISA',
	payment_card_token: SECRETS.cnbsCardToken,
	payment_card_name: 'Fault Suite',
	valid_to: '05-31-2030',
	card_validation_code: SECRETS.cnbsCvv,
};

const OPERATIONS: PayingOperation[] = [
	{ label: 'Cloud Commerce Pro: Create Payment', vendor: ccp, node: 'vendorNode', parameters: ccp.parameters.vendorNode },
	{
		label: 'Cloud Commerce Pro: Pay Order in Full',
		vendor: ccp,
		node: 'vendorNode',
		parameters: { resource: 'payment', operation: 'payOrderInFull', orderId: '={{ $json.order }}' },
	},
	{ label: 'CRM.COM: Pay Invoice', vendor: crm, node: 'vendorNode', parameters: crm.parameters.vendorNode },
	{ label: 'EVO Snap*: Process', vendor: evo, node: 'vendorNode', parameters: evo.parameters.vendorNode },
	{ label: 'CNBS WebAR: Pay Invoices', vendor: cnbs, node: 'vendorNode', parameters: cnbs.parameters.vendorNode },
	{
		label: 'CNBS WebAR: Make Deposit',
		vendor: cnbs,
		node: 'vendorNode',
		parameters: {
			resource: 'payment',
			operation: 'makeDeposit',
			customer_number: '3000',
			company_code: '3000',
			payment_method: 'CC',
			...cnbsCard,
			amount_to_process: '12.00',
			currency_key: 'USD',
		},
	},
	{ label: 'adilas: Add Invoice Payment', vendor: adilas, node: 'vendorNode', parameters: adilas.parameters.vendorNode },
	// Not paying, but the widest forms of all: every invoice field of EVO's Create and Update.
	{ label: 'EVO Snap*: Create Invoice', vendor: evo, node: 'vendorNode', parameters: { resource: 'invoice', operation: 'create', Amount: '12.50' } },
	{
		label: 'EVO Snap*: Update Invoice',
		vendor: evo,
		node: 'vendorNode',
		parameters: { resource: 'invoice', operation: 'update', InvoiceReferenceId: '={{ $json.invoice }}', Amount: '12.50' },
	},
	...[ccp, crm, evo, cnbs, adilas].map(
		(vendor): PayingOperation => ({ label: `Pay Invoice: ${vendor.name}`, vendor, node: 'payInvoice', parameters: vendor.parameters.payInvoice }),
	),
];

/** Values other fields need when a field is shown only for another choice (e-check fields need a routing number). */
const WITH_CHOICE: Record<string, INodeParameters> = {
	'payment_method=EC': { electronic_check_rdfi_number: '021000021' },
	'cnbsWebArPaymentMethod=EC': { cnbsWebArPaymentDetail: { electronic_check_rdfi_number: '021000021' } },
	'amountMode=amount': { amount: '1.50' },
	'amount=given': { amount_to_process: '1.50' },
	'MONEY_TYPE_ID=byNumber': { moneyTypeNumber: '2' },
	'cloudCommerceProReferenceIs=invoiceId': { cloudCommerceProSalesChannelId: '36', cloudCommerceProCustomerId: '96354316', amountMode: 'amount', amount: '1.50' },
};

/** Valid values a field needs to be paid with (the corp's own ID, the invoice's own currency and open amount). */
const SAMPLES: Record<string, string> = {
	CORP_ID: '53',
	cnbsWebArLineItem: '1',
	cnbsWebArOpenAmount: '12.00',
	'Pay Invoice: CRM.COM/currency': 'EUR',
};

/**
 * Fields whose valid values do not go on the wire by design: EVO's paid states are compared with
 * the invoice's state here; a CNBS document is looked up in the payer's list, and one that is not
 * there is refused before paying.
 */
const NOT_ON_THE_WIRE = new Set([
	'alreadyPaidStates',
	'evoSnapAlreadyPaidStates',
	'Pay Invoice: CNBS WebAR/invoiceReference',
	// A currency these vendors cannot send is checked against the invoice's own.
	'Pay Invoice: CRM.COM/currency',
	'Pay Invoice: EVO Snap*/currency',
	// Kept by the node to skip a payment asked for again (CRM.COM also gets it as the back office
	// code: test/retries/acrossExecutions.test.ts).
	'idempotencyKey',
]);


// ---- the fields, from the node descriptions ----------------------------------------------------

interface Field {
	/** Where the value goes in the node's parameters: [name] or [collection, name] or [collection, group, name]. */
	path: string[];
	property: INodeProperties;
	kind?: Kind;
	/** Parameters that show the field (its displayOptions beyond the operation). */
	choice: INodeParameters;
	/** Their displayNames: a valid value may be refused naming them (Amount, for a vendor that cannot pay an amount). */
	choiceNames?: string[];
	/** In a fixed collection of several rows: the value goes in a row of a list, as the editor makes it. */
	inRow?: boolean;
}

/**
 * Not inputs of a payment: what picks the operation, and the Tool Description (the text an AI
 * agent reads, shown only on the node's tool variant).
 */
const SELECTORS = ['resource', 'operation', 'vendor', 'toolDescription'];

function kindOf(property: INodeProperties): Kind | undefined {
	const declared = (property as INodeProperties & { inputKind?: Kind }).inputKind;
	if (declared) return declared;
	if (property.type === 'boolean') return { kind: 'boolean' };
	if (property.type === 'json') return { kind: 'json' };
	if (property.type === 'number') return { kind: 'number', min: property.typeOptions?.minValue, max: property.typeOptions?.maxValue };
	if (property.type === 'options' && !property.typeOptions?.loadOptionsMethod) return { kind: 'code' };
	return undefined;
}

/** The fields shown for the operation (undefined: not this operation's), with what shows them. */
function choiceFor(property: INodeProperties, parameters: INodeParameters, all: INodeProperties[]): INodeParameters | undefined {
	const choice: INodeParameters = {};
	for (const [key, values] of Object.entries(property.displayOptions?.show ?? {})) {
		if (key.startsWith('@')) continue;
		const allowed = values as unknown[];
		const current = parameters[key] ?? all.find((entry) => entry.name === key && choiceFor(entry, parameters, []) !== undefined)?.default;
		if (allowed.includes(current)) continue;
		if (SELECTORS.includes(key)) return undefined;
		choice[key] = allowed[0] as string;
	}
	return choice;
}

function fieldsOf(properties: INodeProperties[], parameters: INodeParameters): Field[] {
	const fields: Field[] = [];
	const seen = new Set<string>();
	for (const property of properties) {
		// Resource, Operation and Vendor pick the operation (n8n's router refuses what it does not know): not input.
		if (property.type === 'notice' || SELECTORS.includes(property.name)) continue;
		const choice = choiceFor(property, parameters, properties);
		if (choice === undefined || seen.has(property.name)) continue;
		seen.add(property.name);
		const choiceNames = Object.keys(choice).map((key) => properties.find((entry) => entry.name === key)?.displayName ?? key);
		if (property.type === 'collection') {
			for (const option of property.options as INodeProperties[]) {
				fields.push(...fieldsOf([option], {}).map((field) => ({ ...field, path: [property.name, ...field.path], choice })));
			}
		} else if (property.type === 'fixedCollection') {
			for (const group of property.options as INodePropertyCollection[]) {
				for (const option of group.values) {
					fields.push({ path: [property.name, group.name, option.name], property: option, kind: kindOf(option), choice, inRow: property.typeOptions?.multipleValues === true });
				}
			}
		} else {
			fields.push({ path: [property.name], property, kind: kindOf(property), choice, choiceNames });
		}
	}
	return fields;
}

// ---- the cases of each kind ----------------------------------------------------------------------

/** What must happen to a value: refused naming the field; sent as `rendered`; or just not refused (empty, choices). */
type Outcome = { refused: true } | { sent: (leaf: unknown) => boolean; shown: string } | { accepted: true };

interface Case {
	label: string;
	value?: unknown;
	/** Only through an expression: a JS Date or a luxon DateTime made from this ISO text. */
	jsDate?: string;
	luxon?: string;
	outcome: Outcome;
}

const REFUSED: Outcome = { refused: true };
const ACCEPTED: Outcome = { accepted: true };

const equalText = (expected: string): Outcome => ({
	sent: (leaf) => leaf === expected || (typeof leaf === 'number' && String(leaf) === expected),
	shown: JSON.stringify(expected.length > 40 ? `${expected.slice(0, 20)}...(${expected.length})` : expected),
});
const sameNumber = (expected: number): Outcome => ({
	sent: (leaf) => (typeof leaf === 'number' || (typeof leaf === 'string' && leaf.trim() !== '')) && Number(leaf) === expected,
	shown: String(expected),
});
/** A day (and time) as the vendor writes it: 2021-10-22, 10-22-2021, 2021-10-22T22:30:00, 2021-10-22 22:30:00. */
const sameMoment = (day: string, time?: string): Outcome => {
	const [y, m, d] = day.split('-');
	return {
		sent: (leaf) => typeof leaf === 'string' && (leaf.includes(day) || leaf.includes(`${m}-${d}-${y}`)) && (time === undefined || leaf.includes(time)),
		shown: `${day}${time ? ` ${time}` : ''}`,
	};
};

const OBJECT = { a: 1 };
const LIST = ['a', 'b'];
// Past 2^53: JavaScript holds it as 12345678901234567000 (written from text, as an expression would make it).
const BIG = Number('12345678901234567890');
const UNICODE_DIGITS = '١٢';

function emptyCases(property: INodeProperties, kind: Kind): Case[] {
	const meansDefault = (kind.kind === 'code' || kind.kind === 'boolean' || kind.kind === 'number') && property.default !== '' && property.default !== undefined;
	const empty = property.required && !meansDefault ? REFUSED : ACCEPTED;
	return [
		{ label: 'empty', value: '', outcome: empty },
		{ label: 'null', value: null, outcome: empty },
		{ label: 'only spaces', value: '   ', outcome: REFUSED },
	];
}

const notText: Case[] = [
	{ label: 'an object', value: OBJECT, outcome: REFUSED },
	{ label: 'a list', value: LIST, outcome: REFUSED },
	{ label: 'a boolean', value: true, outcome: REFUSED },
	{ label: 'a number past 2^53', value: BIG, outcome: REFUSED },
	{ label: '1e21', value: 1e21, outcome: REFUSED },
];

/**
 * Characters an identifier never holds, however it looks: C1 controls, invisible format characters
 * (zero-width space, soft hyphen, bidi marks and overrides, a byte order mark inside) and the line
 * separator, inside the sample or after it (where trimming does not see them).
 */
function hiddenCharacterCases(sample: string): Case[] {
	const inside = (character: string) => `${sample.slice(0, 1)}${character}${sample.slice(1)}`;
	return [
		{ label: 'a zero-width space inside', value: inside('\u200b'), outcome: REFUSED },
		{ label: 'a zero-width space after', value: `${sample}\u200b`, outcome: REFUSED },
		{ label: 'a soft hyphen', value: `${sample}\u00ad`, outcome: REFUSED },
		{ label: 'a right-to-left mark', value: `\u200f${sample}`, outcome: REFUSED },
		{ label: 'a right-to-left override inside', value: inside('\u202e'), outcome: REFUSED },
		{ label: 'a byte order mark inside', value: inside('\ufeff'), outcome: REFUSED },
		{ label: 'a line separator inside', value: inside('\u2028'), outcome: REFUSED },
		{ label: 'a C1 control (NEL)', value: `${sample}\u0085`, outcome: REFUSED },
		{ label: 'a C1 control (CSI) inside', value: inside('\u009b'), outcome: REFUSED },
		{ label: 'a combining grapheme joiner inside', value: inside('\u034f'), outcome: REFUSED },
		{ label: 'a variation selector after', value: `${sample}\ufe0f`, outcome: REFUSED },
		{ label: 'a Hangul filler inside', value: inside('\u3164'), outcome: REFUSED },
	];
}

/** Times luxon reads but no vendor means: the hour 24 (luxon's next day) and offsets that do not exist. */
function clockCases(zone: string): Case[] {
	return [
		{ label: 'the hour 24', value: `2021-10-22T24:00:00${zone}`, outcome: REFUSED },
		{ label: 'the hour 24 with a space', value: '2021-10-22 24:00:00', outcome: REFUSED },
		{ label: 'the hour 24 with an offset', value: '2021-10-22T24:00:00-04:00', outcome: REFUSED },
		{ label: 'an offset of +25:00', value: '2021-10-22T12:00:00+25:00', outcome: REFUSED },
		{ label: 'an offset of -24:00', value: '2021-10-22T12:00:00-24:00', outcome: REFUSED },
		{ label: 'an offset with 99 minutes', value: '2021-10-22T12:00:00+05:99', outcome: REFUSED },
		{ label: 'an offset of +14:30', value: '2021-10-22T12:00:00+14:30', outcome: REFUSED },
		{ label: 'an offset of +1500', value: '2021-10-22T12:00:00+1500', outcome: REFUSED },
		{ label: 'an offset of -12:30', value: '2021-10-22T12:00:00-12:30', outcome: REFUSED },
		{ label: 'an offset with 17 minutes', value: '2021-10-22T12:00:00+05:17', outcome: REFUSED },
	];
}

function identifierSample(kind: { maxLength: number; pattern?: string }): string {
	const fits = (text: string) => text.length <= kind.maxLength && (kind.pattern === undefined || new RegExp(kind.pattern).test(text));
	return ['ID-7', 'A1B2', 'USD', '2017', 'A', '7'].find(fits) ?? 'A';
}

function casesFor(field: Field, kind: Kind, xml: boolean, sampleOverride?: string, onTheWire = true): Case[] {
	const { property } = field;
	const sentHere = field.path[0] !== 'options' && onTheWire;
	const valid = (expected: Outcome) => (sentHere ? expected : ACCEPTED);
	switch (kind.kind) {
		case 'text': {
			const xmlOnly = (value: string) => (xml || kind.xml ? REFUSED : valid(equalText(value)));
			const long = kind.maxLength ?? 2000;
			return [
				...emptyCases(property, kind),
				...notText,
				{ label: 'spaces around', value: '  as written  ', outcome: valid(equalText('  as written  ')) },
				{ label: 'CR LF inside', value: 'line\r\nbreak', outcome: valid(equalText('line\r\nbreak')) },
				{ label: 'a NUL character', value: 'a\u0000b', outcome: xmlOnly('a\u0000b') },
				{ label: 'control characters', value: 'c\u0001\u001b[31m', outcome: xmlOnly('c\u0001\u001b[31m') },
				{ label: 'unicode digits', value: UNICODE_DIGITS, outcome: valid(equalText(UNICODE_DIGITS)) },
				{ label: 'a string of 20 digits', value: '12345678901234567890', outcome: valid(equalText('12345678901234567890')) },
				{ label: 'a number', value: 42, outcome: valid(equalText('42')) },
				{ label: `${long} characters`, value: 'L'.repeat(long), outcome: valid(equalText('L'.repeat(long))) },
				...(kind.maxLength ? [{ label: 'overlong', value: 'L'.repeat(kind.maxLength + 1), outcome: REFUSED }] : []),
			];
		}
		case 'identifier': {
			const fits = (text: string) => text.length <= kind.maxLength && (kind.pattern === undefined || new RegExp(kind.pattern).test(text));
			const sample = sampleOverride ?? identifierSample(kind);
			const either = (text: string) => (fits(text) ? valid(equalText(text)) : REFUSED);
			return [
				...emptyCases(property, kind),
				...notText,
				{ label: 'spaces around', value: ` ${sample} `, outcome: REFUSED },
				{ label: 'a control character', value: `${sample}\u0001`, outcome: REFUSED },
				{ label: 'a NUL character', value: `${sample}\u0000`, outcome: REFUSED },
				{ label: 'overlong', value: 'A'.repeat(kind.maxLength + 1), outcome: REFUSED },
				{ label: 'unicode digits', value: UNICODE_DIGITS, outcome: either(UNICODE_DIGITS) },
				...hiddenCharacterCases(sample),
				{ label: 'a fractional number', value: 1.5, outcome: REFUSED },
				{ label: 'a string of 20 digits', value: '12345678901234567890', outcome: either('12345678901234567890') },
				// Sent in the case it was typed in, or refused: never changed to fit.
				{ label: 'the sample in lower case', value: sample.toLowerCase(), outcome: either(sample.toLowerCase()) },
				{ label: 'a sample', value: sample, outcome: valid(equalText(sample)) },
			];
		}
		case 'digits': {
			const sample = sampleOverride ?? '12'.slice(0, kind.maxLength);
			return [
				...emptyCases(property, kind),
				...notText,
				{ label: 'spaces around', value: ` ${sample} `, outcome: REFUSED },
				{ label: 'unicode digits', value: UNICODE_DIGITS, outcome: REFUSED },
				{ label: 'full-width digits', value: '９９', outcome: REFUSED },
				{ label: 'letters', value: '12a', outcome: REFUSED },
				{ label: 'negative', value: '-5', outcome: REFUSED },
				{ label: 'a decimal', value: '1.5', outcome: REFUSED },
				{ label: 'one digit too many', value: '9'.repeat(kind.maxLength + 1), outcome: REFUSED },
				{ label: 'zero', value: '0', outcome: kind.allowZero ? valid(equalText('0')) : REFUSED },
				{ label: 'a string of digits', value: sample, outcome: valid(equalText(sample)) },
				{ label: 'a number', value: Number(sample), outcome: valid(equalText(sample)) },
			];
		}
		case 'amount':
			return [
				...emptyCases(property, kind),
				...notText,
				{ label: 'spaces around', value: ' 1.50 ', outcome: REFUSED },
				{ label: 'a comma', value: '1,50', outcome: REFUSED },
				{ label: 'negative', value: '-1.00', outcome: REFUSED },
				// Read as 1.50 (shared.test.ts): the sign never reaches the vendor.
				{ label: 'a plus sign', value: `+${sampleOverride ?? '1.50'}`, outcome: REFUSED },
				{ label: 'one decimal too many', value: `1.${'0'.repeat(kind.digits ?? 2)}5`, outcome: REFUSED },
				{ label: 'exponent', value: '1e3', outcome: REFUSED },
				{ label: 'unicode digits', value: UNICODE_DIGITS, outcome: REFUSED },
				{ label: 'too large', value: '99999999999999999999.00', outcome: REFUSED },
				{ label: 'zero', value: '0.00', outcome: kind.allowZero ? ACCEPTED : REFUSED },
				{ label: 'a decimal', value: sampleOverride ?? '1.50', outcome: valid(sameNumber(Number(sampleOverride ?? '1.50'))) },
				{ label: 'a number', value: Number(sampleOverride ?? '1.50'), outcome: valid(sameNumber(Number(sampleOverride ?? '1.50'))) },
			];
		case 'date':
		case 'dateTime': {
			const usDate = kind.kind === 'date' && kind.vendorFormat === 'MM-dd-yyyy';
			const time = kind.kind === 'dateTime' ? '22:30' : undefined;
			return [
				...emptyCases(property, kind),
				{ label: 'an object', value: OBJECT, outcome: REFUSED },
				{ label: 'a list', value: LIST, outcome: REFUSED },
				{ label: 'a boolean', value: true, outcome: REFUSED },
				{ label: 'a number', value: 20211022, outcome: REFUSED },
				{ label: 'day and month ambiguous', value: '03-04-2021', outcome: usDate ? valid(sameMoment('2021-03-04')) : REFUSED },
				{ label: 'slashes', value: '22/10/2021', outcome: REFUSED },
				{ label: 'impossible', value: '2021-02-30', outcome: REFUSED },
				...clockCases(''),
				{ label: 'year 0000', value: '0000-01-01', outcome: REFUSED },
				{ label: 'a word', value: 'soon', outcome: REFUSED },
				{ label: 'spaces around', value: ' 2021-10-22 ', outcome: REFUSED },
				{ label: 'an ISO day', value: '2021-10-22', outcome: valid(sameMoment('2021-10-22')) },
				{ label: 'an offset kept as written', value: '2021-10-22T23:30:00-05:00', outcome: valid(sameMoment('2021-10-22', time && '23:30')) },
				{ label: 'an offset of +05:45 kept as written', value: '2021-10-22T23:30:00+05:45', outcome: valid(sameMoment('2021-10-22', time && '23:30')) },
				// 02:30 UTC on the 23rd is 22:30 on the 22nd in the workflow's time zone.
				{ label: 'a JS Date near midnight', jsDate: '2021-10-23T02:30:00Z', outcome: valid(sameMoment('2021-10-22', time)) },
				{ label: 'a luxon DateTime', luxon: '2021-10-22T22:30:00-04:00', outcome: valid(sameMoment('2021-10-22', time)) },
			];
		}
		case 'timestamp':
			return [
				...emptyCases(property, kind),
				...notText,
				{ label: 'a day alone', value: '2021-10-22', outcome: REFUSED },
				{ label: 'impossible', value: '2021-02-30T10:00:00', outcome: REFUSED },
				...clockCases('Z'),
				{ label: 'year 0000', value: '0000-01-01T10:00:00Z', outcome: REFUSED },
				{ label: 'a word', value: 'soon', outcome: REFUSED },
				{ label: 'spaces around', value: ' 2021-10-22T22:30:00 ', outcome: REFUSED },
				{ label: 'seven fraction digits and an offset', value: '2017-03-27T11:00:53.9271639-06:00', outcome: valid(equalText('2017-03-27T11:00:53.9271639-06:00')) },
				{ label: 'a JS Date near midnight', jsDate: '2021-10-23T02:30:00Z', outcome: valid(sameMoment('2021-10-22', '22:30')) },
				{ label: 'a luxon DateTime', luxon: '2021-10-22T22:30:00-04:00', outcome: valid(sameMoment('2021-10-22', '22:30')) },
			];
		case 'card': {
			const sample = { number: SECRETS.evoCardNumber, expiry: '1230', cvv: '123' }[kind.part];
			return [
				...emptyCases(property, kind),
				...notText,
				{ label: 'spaces', value: { number: '4111 1111 1111 1111', expiry: '12 30', cvv: ' 123' }[kind.part], outcome: REFUSED },
				{ label: 'too short', value: sample.slice(0, 2), outcome: REFUSED },
				{ label: 'too long', value: `${sample}99999`, outcome: REFUSED },
				{ label: 'unicode digits', value: UNICODE_DIGITS, outcome: REFUSED },
				...(kind.part === 'expiry' ? [{ label: 'month 13', value: '1330', outcome: REFUSED }] : []),
				{ label: 'valid', value: sample, outcome: valid(equalText(sample)) },
			];
		}
		case 'code': {
			const values = kind.values ?? ((property.options ?? []) as Array<{ value: string | number }>).map((option) => option.value);
			return [
				...emptyCases(property, kind),
				...notText,
				{ label: 'not in the list', value: 'NotInTheList', outcome: REFUSED },
				{ label: 'markup', value: '<x/>', outcome: REFUSED },
				{ label: 'spaces around', value: ` ${String(values[0])} `, outcome: REFUSED },
				...values
					.filter((value) => typeof value === 'string' && !values.includes(value.toLowerCase()))
					.map((value): Case => ({ label: `the choice ${JSON.stringify(value)} in lower case`, value: String(value).toLowerCase(), outcome: REFUSED })),
				...values.map((value): Case => ({ label: `the choice ${JSON.stringify(value)}`, value, outcome: ACCEPTED })),
			];
		}
		case 'boolean':
			return [
				...emptyCases(property, kind),
				{ label: 'an object', value: OBJECT, outcome: REFUSED },
				{ label: 'a list', value: LIST, outcome: REFUSED },
				{ label: 'the text "true"', value: 'true', outcome: REFUSED },
				{ label: 'the number 1', value: 1, outcome: REFUSED },
				{ label: 'false', value: false, outcome: ACCEPTED },
			];
		case 'number': {
			const sample = typeof property.default === 'number' && property.default !== 0 ? property.default : (kind.min ?? 0) + 3;
			return [
				...emptyCases(property, kind),
				{ label: 'an object', value: OBJECT, outcome: REFUSED },
				{ label: 'a list', value: LIST, outcome: REFUSED },
				{ label: 'a boolean', value: true, outcome: REFUSED },
				{ label: 'a number past 2^53', value: BIG, outcome: REFUSED },
				{ label: 'a string of 20 digits', value: '12345678901234567890', outcome: REFUSED },
				{ label: '1e21', value: 1e21, outcome: REFUSED },
				{ label: 'a word', value: 'twelve', outcome: REFUSED },
				{ label: 'unicode digits', value: UNICODE_DIGITS, outcome: REFUSED },
				{ label: 'a number', value: sample, outcome: valid(sameNumber(sample)) },
				{ label: 'its digits', value: String(sample), outcome: valid(sameNumber(sample)) },
			];
		}
		case 'identifierObject':
			return [
				...emptyCases(property, kind),
				{ label: 'a list', value: LIST, outcome: REFUSED },
				{ label: 'a boolean', value: true, outcome: REFUSED },
				{ label: 'a number past 2^53', value: BIG, outcome: REFUSED },
				{ label: 'spaces around', value: ' ID-7 ', outcome: REFUSED },
				{ label: 'a control character', value: 'ID\u0001', outcome: REFUSED },
				...hiddenCharacterCases('ID-7'),
				{ label: 'a sample', value: 'ID-7', outcome: valid(equalText('ID-7')) },
			];
		case 'json':
			return [
				...emptyCases(property, kind),
				{ label: 'not JSON', value: '{x', outcome: REFUSED },
				{ label: 'JSON text of a number', value: '5', outcome: REFUSED },
				{ label: 'JSON text of null', value: 'null', outcome: REFUSED },
				{ label: 'an object', value: OBJECT, outcome: ACCEPTED },
			];
	}
}

// ---- running a case ---------------------------------------------------------------------------------

const EXPRESSION = '={{ $json.jsDate ? new Date($json.jsDate) : $json.luxon ? DateTime.fromISO($json.luxon, { setZone: true }) : $json.v }}';

function withValue(operation: PayingOperation, field: Field, value: unknown): INodeParameters {
	const parameters = structuredClone(operation.parameters) as IDataObject;
	for (const [key, choice] of Object.entries(field.choice)) {
		parameters[key] = choice;
		const extra = WITH_CHOICE[`${key}=${String(choice)}`] ?? {};
		for (const [name, given] of Object.entries(extra)) {
			if (name === field.path[0] && field.path.length === 1) continue;
			parameters[name] =
				typeof given === 'object' && given !== null ? { ...(parameters[name] as IDataObject), ...(given as IDataObject) } : given;
		}
	}
	const [first] = field.path;
	if (field.property.type === 'resourceLocator') {
		const base = parameters[first] as IDataObject | undefined;
		const mode = (base?.mode as string | undefined) ?? (field.property.default as { mode: string }).mode;
		value = { __rl: true, mode, value };
	}
	// The value goes in at its path, next to what the operation's parameters already hold there.
	let node = parameters;
	for (const key of field.path.slice(0, -1)) {
		node[key] = { ...((node[key] as IDataObject | undefined) ?? {}) };
		node = node[key] as IDataObject;
	}
	node[field.path[field.path.length - 1]] = value as IDataObject[string];
	if (field.inRow) {
		const [collection, group] = field.path;
		(parameters[collection] as IDataObject)[group] = [(parameters[collection] as IDataObject)[group] as IDataObject];
	}
	// A choice that shows other fields brings their values (Amount for Amount to Pay = Amount).
	const chooser = `${field.path[field.path.length - 1]}=`;
	for (const [choice, extra] of Object.entries(WITH_CHOICE)) {
		if (!choice.startsWith(chooser)) continue;
		for (const [name, given] of Object.entries(extra)) if (!(name in parameters) && name !== first) parameters[name] = given;
	}
	// CRM.COM takes a wallet or an accounts receivable, not both; EVO a token needs its Token.
	if (/wallet/i.test(first)) delete parameters[first === 'crmComWallet' ? 'crmComAccountsReceivable' : 'accounts_receivable_identifier'];
	if (first.includes('TokenInformation') && field.path[1] !== 'Token') {
		parameters[first] = { Token: 'TOKEN-7', ...(parameters[first] as IDataObject) };
	}
	// EVO takes card data or a token: a token field is tried without the card data.
	if (first.includes('TokenInformation')) delete parameters[first === 'TokenInformation' ? 'PaymentData' : 'evoSnapPaymentData'];
	return parameters as INodeParameters;
}

/** Every leaf of what a request carried: JSON values, adilas's call object, the XML body's text, the path. */
function leavesOf(request: RecordedRequest): unknown[] {
	const leaves: unknown[] = [request.path, ...request.path.split('/').map((part) => decodeURIComponent(part))];
	const walk = (node: unknown) => {
		if (node !== null && typeof node === 'object') Object.values(node as object).forEach(walk);
		else leaves.push(node);
	};
	walk(request.json);
	walk(request.query);
	const form = new URLSearchParams(request.body).get('call_function_data');
	if (form) walk(JSON.parse(form) as unknown);
	for (const match of request.body.matchAll(/>([^<]*)</g)) {
		leaves.push(match[1].replace(/&#13;/g, '\r').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
	}
	return leaves;
}

interface Tally {
	fields: number;
	cases: number;
	refused: number;
	sent: number;
}

/**
 * The corpus of one node kind (the vendor nodes, or Pay Invoice), as a jest suite: two test files
 * call it, so that jest runs the two halves in parallel.
 */
export function describeGeneratedCorpus(nodeKind: NodeKind): void {
	const operations = OPERATIONS.filter((operation) => operation.node === nodeKind);
	const tallies: Record<string, Tally> = {};
	describe(`the generated input corpus (${nodeKind === 'payInvoice' ? 'Pay Invoice' : 'vendor nodes'})`, () => {
		let described: Array<{ operation: PayingOperation; fields: Field[] }> = [];

		beforeAll(async () => {
			const pkg = await loadPackage();
			described = operations.map((operation) => {
				const type = pkg.nodeTypes.getByNameAndVersion(pkg.nodeTypes.resolveName(operation.node === 'payInvoice' ? 'payInvoice' : operation.vendor.key));
				return { operation, fields: fieldsOf(type.description.properties, operation.parameters) };
			});
		});

		afterAll(() => {
			const lines = Object.entries(tallies).map(
				([label, tally]) => `${label}: ${tally.fields} fields, ${tally.cases} cases (${tally.refused} refused, ${tally.sent} checked as sent)`,
			);
			console.log(`Generated input corpus\n${lines.join('\n')}`);
		});

		test('every field of every paying operation declares its kind', () => {
			const undeclared = described.flatMap(({ operation, fields }) =>
				fields.filter((field) => field.kind === undefined).map((field) => `${operation.label}: ${field.path.join('.')} (${field.property.displayName})`),
			);
			expect(undeclared).toEqual([]);
			expect(described.every(({ fields }) => fields.length >= 5)).toBe(true);
		});

		describe.each(operations.map((operation, index) => [operation.label, index] as const))('%s', (label, index) => {
			test('every case of every field is refused naming the field with nothing sent, or sent as written', async () => {
				const { operation, fields } = described[index];
				const { vendor } = operation;
				const xml = vendor.key === 'cloudCommercePro';
				const wrong: string[] = [];
				const tally: Tally = { fields: 0, cases: 0, refused: 0, sent: 0 };
				for (const field of fields) {
					if (!field.kind) continue;
					const name = field.property.displayName;
					const key = `${label}/${field.path[field.path.length - 1]}`;
					const last = field.path[field.path.length - 1];
					const cases = casesFor(field, field.kind, xml, SAMPLES[key] ?? SAMPLES[last], !NOT_ON_THE_WIRE.has(key) && !NOT_ON_THE_WIRE.has(last));
					tally.fields++;
					const sim: VendorSimulator = vendor.create();
					await sim.start();
					try {
						const invoices = vendor.load(sim, cases.length * 2);
						const credentials = new CredentialStore({ [vendor.credentialType]: vendor.credentialData(sim.baseUrl) });
						const run = async (parameters: INodeParameters, item: IDataObject) => {
							const before = sim.requests.length;
							let error: string | undefined;
							let output: IDataObject | undefined;
							try {
								const result = await runNode({
									nodeType: operation.node === 'payInvoice' ? 'payInvoice' : vendor.key,
									parameters,
									items: [item],
									credentials,
									credentialType: vendor.credentialType,
									continueOnFail: true,
									timezone: TIME_ZONE,
								});
								output = result.items[0]?.json;
								if (result.error) error = `${result.error.message} ${String(result.error.description ?? '')}`;
								else if (output?.error !== undefined) error = `${String(output.error)} ${String(output.errorDescription ?? '')}`;
							} catch (thrown) {
								// n8n itself refuses a required parameter left empty, before the node runs.
								error = (thrown as Error).message;
							}
							return { error, requests: sim.requests.slice(before) };
						};
						for (const [caseIndex, entry] of cases.entries()) {
							const modes: Array<'literal' | 'expression'> = entry.jsDate || entry.luxon ? ['expression'] : ['literal', 'expression'];
							for (const [modeIndex, mode] of modes.entries()) {
								tally.cases++;
								const invoice = invoices[caseIndex * 2 + modeIndex];
								const item: IDataObject = { ...invoice.item, v: entry.value as IDataObject[string] };
								if (entry.jsDate) item.jsDate = entry.jsDate;
								if (entry.luxon) item.luxon = entry.luxon;
								const { error, requests } = await run(withValue(operation, field, mode === 'literal' ? entry.value : EXPRESSION), item);
								const where = `${key}: ${field.path.join('.')} (${name}) = ${entry.label} [${mode}]`;
								// Named as the user sees it: the message starts with it, or it is quoted ('Check the "Invoice" field').
								const names = (shown: string) => error !== undefined && (error.startsWith(shown) || error.includes(`"${shown}"`));
								const namesField = names(name);
								// n8n fills a literal null with the field's default (e.g. ={{ $json.open_amount }}).
								const outcome = mode === 'literal' && entry.value === null && !['', undefined].includes(field.property.default as string) ? ACCEPTED : entry.outcome;
								if ('refused' in outcome) {
									if (!namesField) wrong.push(`${where}: not refused naming "${name}": ${error ?? 'no error'}`);
									else if (requests.length > 0) wrong.push(`${where}: refused, but ${requests.length} requests were sent`);
									else tally.refused++;
								} else if (namesField || (field.choiceNames ?? []).some(names)) {
									// A valid value may be refused after a read (a payment above the Maximum Amount), never after paying.
									const payments = requests.filter((request) => vendor.isPayment(request));
									if (payments.length > 0) wrong.push(`${where}: refused, but ${payments.length} payment requests were sent`);
									else tally.refused++;
								} else if ('sent' in outcome) {
									if (requests.some((request) => leavesOf(request).some(outcome.sent))) tally.sent++;
									else wrong.push(`${where}: not sent as ${outcome.shown}: ${error ?? `${requests.length} requests, none carrying it`}`);
								}
							}
						}
					} finally {
						await sim.stop();
					}
				}
				tallies[label] = tally;
				expect(wrong).toEqual([]);
				expect(tally.refused).toBeGreaterThan(tally.fields);
			}, 600_000);
		});
	});
}
