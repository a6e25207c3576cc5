import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest, VendorSimulator } from '../simulators/framework';
import { expectNoSecretsShown, runPay } from './recorder';
import type { Invoice, NodeKind, VendorEntry } from './vendors';
import { SECRETS, VENDORS } from './vendors';

/**
 * The bad-input corpus: per vendor, malformed inputs given to the paying operation through
 * expressions (`={{ $json.x }}`, so that empty values reach the node's own checks and not n8n's
 * required-parameter check). Each one is refused naming its field, with 0 requests sent for the
 * whole run; the inputs that are valid (injection attempts, quotes, long text) are sent escaped
 * and arrive intact.
 */

type Value = string | number | boolean | IDataObject | unknown[] | null;

/** What the item of a refused input says: the field is named in the error or its description. */
interface Refused {
	label: string;
	item: IDataObject;
	field: string;
}

/** A valid input with text that must arrive at the vendor exactly as given. */
interface Intact {
	label: string;
	item: IDataObject;
	/** Reads the text back from what the simulator received (the payment request), or the ledger. */
	arrived(request: RecordedRequest, sim: VendorSimulator): unknown;
	expected: unknown;
}

interface Corpus {
	vendor: VendorEntry;
	kind: NodeKind;
	/** The paying operation with every tested field read from the item. */
	parameters: INodeParameters;
	/** A valid item for `invoice` (cases change one field of it). */
	base(invoice: Invoice): IDataObject;
	refused: Array<[field: string, key: string, values: Value[], optional?: 'optional']>;
	/** Items whose refusal names another field than the one changed (e.g. an identifier mode). */
	extraRefused?: Refused[];
	intact: Array<Omit<Intact, 'item'> & { change: IDataObject }>;
}

const AMOUNTS: Value[] = [
	'',
	'   ',
	'0',
	'0.00',
	'-1',
	'-0.01',
	'1.005',
	'1e3',
	'12,50',
	'NaN',
	'Infinity',
	'abc',
	'1.2.3',
	'0x1F',
	'12.00 USD',
	'$12',
	'١٢',
	'99999999999999999999999999.00',
	true,
	{ amount: '12.00' },
	['12.00'],
];
const INTEGER_IDS: Value[] = [
	'',
	'  ',
	'abc',
	'-5',
	'1.5',
	'1e3',
	'12 34',
	'９９',
	'99999999999999999999999',
	'1;DROP TABLE payments',
	'<x/>',
	'7\u0000',
	true,
	{ id: 1 },
	[1, 2],
];
const DATES: Value[] = ['2021-02-30', '2021-13-01', '2021-10-22T25:00:00', '31/12/2021', '01/02/2021', 'tomorrow', '0000-00-00', true, { date: '2021-10-22' }];
/** Injection attempts and awkward text that are valid free text: they must arrive intact. */
const XML_INJECTION = '</strPaymentReference><dbPaymentAmount>9999.00</dbPaymentAmount><x>&amp;"\'';
const JSON_INJECTION = '","payment_amount":"9999.00","x":"\\" } ] {{ $json }} \' <b>&';
const FORM_INJECTION = '&AMOUNT_PAID=9999.00&x=%26"\'},{"AMOUNT_PAID":"9999.00"}';
const LONG_TEXT = 'R'.repeat(2000);
const UNICODE = 'Zahlung für Rechnung Nº 7 — 東京 ✓';

const at = (value: unknown, path: string): unknown =>
	path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as IDataObject)[key] : undefined), value);

const CONTROL = 'ref\u0001\u0007\u001b[31m';

/** Errors name a field as the user sees it (its displayName); CCP's and adilas's hold the wire name. */
const DISPLAY_NAME: Record<string, string> = {
	received_on: 'Received On',
	back_office_code: 'Back Office Code',
	notes: 'Notes',
	InvoiceReferenceId: 'Invoice Reference ID',
	PaymentAccountNumber: 'Payment Account Number',
	PaymentAccountExpiration: 'Payment Account Expiration',
	TransactionType: 'Transaction Type',
	PaymentAccountName: 'Payment Account Name',
	amount_to_process: 'Amount to Process',
	open_amount: 'Open Amount',
	document_number_finance: 'Document Number',
	line_item_in_the_relevant_invoice: 'Line Item',
	fiscal_year_of_the_relevant_invoice: 'Fiscal Year',
	currency_key: 'Currency',
	valid_to: 'Valid To',
	card_validation_code: 'Card Validation Code',
	customer_number: 'Payer',
	payment_card_token: 'Card Token',
	comment: 'Comment',
	reference_number: 'Reference Number',
};

function corpora(): Corpus[] {
	const [ccp, crm, evo, cnbs, adilas] = ['cloudCommercePro', 'crmCom', 'evoSnap', 'cnbsWebAr', 'adilas'].map(
		(key) => VENDORS.find((vendor) => vendor.key === key)!,
	);
	return [
		{
			vendor: ccp,
			kind: 'vendorNode',
			parameters: {
				resource: 'payment',
				operation: 'create',
				intInvoiceID: '={{ $json.invoice }}',
				intSalesChannelID: '={{ $json.channel }}',
				strPaymentReference: '={{ $json.reference }}',
				dbPaymentAmount: '={{ $json.amount }}',
				intCustomerID: '={{ $json.customer }}',
				dtPaymentDate: '={{ $json.date }}',
			},
			base: (invoice) => ({ invoice: invoice.item.invoice, channel: 36, reference: 'Fault suite', amount: '1.00', customer: 96354316, date: '2021-10-22T12:01:44' }),
			refused: [
				['intInvoiceID', 'invoice', INTEGER_IDS],
				['dbPaymentAmount', 'amount', AMOUNTS],
				['dtPaymentDate', 'date', DATES, 'optional'],
				['intSalesChannelID', 'channel', ['', 'x', '-1']],
				['intCustomerID', 'customer', ['', '1.5']],
				['strPaymentReference', 'reference', ['', 'bad\u0000null', CONTROL]],
			],
			intact: [
				{ label: 'XML injection in the reference', change: { reference: XML_INJECTION }, arrived: (_r, sim) => lastCcpReference(sim), expected: XML_INJECTION },
				{ label: 'unicode reference', change: { reference: UNICODE }, arrived: (_r, sim) => lastCcpReference(sim), expected: UNICODE },
				{ label: 'long reference', change: { reference: LONG_TEXT }, arrived: (_r, sim) => lastCcpReference(sim), expected: LONG_TEXT },
			],
		},
		{
			vendor: crm,
			kind: 'vendorNode',
			parameters: {
				...crm.parameters.vendorNode,
				invoice_identifier: { __rl: true, mode: 'number', value: '={{ $json.invoice }}' },
				accounts_receivable_identifier: { __rl: true, mode: 'number', value: '={{ $json.ar }}' },
				type_identifier: { __rl: true, mode: 'name', value: '={{ $json.type }}' },
				payment_method_identifier: { __rl: true, mode: 'name', value: '={{ $json.method }}' },
				back_office_code: '={{ $json.code }}',
				additionalFields: { received_on: '={{ $json.received }}', notes: '={{ $json.notes }}' },
			},
			base: (invoice) => ({ invoice: invoice.ref, ar: '192', type: 'Invoices Balance Payment', method: 'Direct Debit', received: '', notes: '', code: '' }),
			refused: [
				['invoice_identifier', 'invoice', ['', '   ', true, { number: 'X' }, [1], 'INV\u0000']],
				['accounts_receivable_identifier', 'ar', ['', '  ', true, {}, [1], 'A\u0001']],
				['type_identifier', 'type', ['', '  ', true, {}, [1], 'T\u0002']],
				['payment_method_identifier', 'method', ['', '  ', true, {}, [1], 'M\u0003']],
				['received_on', 'received', DATES, 'optional'],
				['back_office_code', 'code', [{ code: 1 }, true, [1]], 'optional'],
				['notes', 'notes', [{}, true], 'optional'],
			],
			extraRefused: [
				{ label: 'identifier with two keys', item: { invoiceJson: '{"id":"54F3","number":"FSINV100"}' }, field: 'invoice_identifier' },
				{ label: 'identifier with no key', item: { invoiceJson: '{}' }, field: 'invoice_identifier' },
				{ label: 'identifier with an unknown key', item: { invoiceJson: '{"code":"FSINV100"}' }, field: 'invoice_identifier' },
				{ label: 'identifier that is not JSON', item: { invoiceJson: '{number: FSINV100' }, field: 'invoice_identifier' },
			],
			intact: [
				{ label: 'JSON injection in the notes', change: { notes: JSON_INJECTION }, arrived: (request) => at(request.json, 'notes'), expected: JSON_INJECTION },
				{ label: 'JSON injection in the back office code', change: { code: JSON_INJECTION.slice(0, 40) }, arrived: (request) => at(request.json, 'back_office_code'), expected: JSON_INJECTION.slice(0, 40) },
				{ label: 'unicode notes', change: { notes: UNICODE }, arrived: (request) => at(request.json, 'notes'), expected: UNICODE },
				{ label: 'control characters in the notes (escaped in JSON)', change: { notes: CONTROL }, arrived: (request) => at(request.json, 'notes'), expected: CONTROL },
				{ label: 'long notes', change: { notes: LONG_TEXT }, arrived: (request) => at(request.json, 'notes'), expected: LONG_TEXT },
			],
		},
		{
			vendor: evo,
			kind: 'vendorNode',
			parameters: {
				...evo.parameters.vendorNode,
				InvoiceReferenceId: '={{ $json.invoice }}',
				TransactionType: '={{ $json.txType }}',
				PaymentData: {
					PaymentType: 'Credit',
					CardType: '={{ $json.cardType }}',
					PaymentAccountNumber: '={{ $json.card }}',
					PaymentAccountExpiration: '={{ $json.expiry }}',
					PaymentAccountName: '={{ $json.name }}',
				},
			},
			base: (invoice) => ({ invoice: invoice.ref, txType: 'AuthorizeAndCapture', cardType: 'Visa', card: SECRETS.evoCardNumber, expiry: '1230', name: 'Fault Suite' }),
			refused: [
				['InvoiceReferenceId', 'invoice', ['', '  ', true, { id: 1 }, [1], '../../admin', 'ABC DEF', '?x=1', 'A\u0000B', '"},{"a":"', 'a/b', '%2e%2e', 'x y', '#frag', '..', 'A%00B', 'Ω', 'id\\n', '.']],
				['PaymentAccountNumber', 'card', ['4111 1111 1111 1111x', '12', 'abcdabcdabcdabcd', '9'.repeat(40), { n: 1 }, true], 'optional'],
				['PaymentAccountExpiration', 'expiry', ['1320', '0030', '12/30', '2030-12', '1', '12300', 'abcd', true, '00-0'], 'optional'],
				// TransactionType and CardType are open by design (EVO's lists are not public): any name passes.
				['TransactionType', 'txType', ['Authorize;DROP', 'Auth Capture', '<x/>', '1', '"},{"', 'Authorize\u0000'], 'optional'],
				['PaymentAccountName', 'name', [{}, true], 'optional'],
			],
			intact: [
				{ label: 'JSON injection in the card holder name', change: { name: JSON_INJECTION }, arrived: (request) => at(request.json, 'ProcessingInformation.PaymentDataInfo.PaymentAccountName'), expected: JSON_INJECTION },
				{ label: 'unicode card holder name', change: { name: UNICODE }, arrived: (request) => at(request.json, 'ProcessingInformation.PaymentDataInfo.PaymentAccountName'), expected: UNICODE },
				{ label: 'control characters in the card holder name (escaped in JSON)', change: { name: CONTROL }, arrived: (request) => at(request.json, 'ProcessingInformation.PaymentDataInfo.PaymentAccountName'), expected: CONTROL },
			],
		},
		{
			vendor: cnbs,
			kind: 'vendorNode',
			parameters: {
				...cnbs.parameters.vendorNode,
				customer_number: '={{ $json.customer }}',
				company_code: '={{ $json.company }}',
				payment_card_token: '={{ $json.token }}',
				valid_to: '={{ $json.validTo }}',
				card_validation_code: '={{ $json.cvv }}',
				amount: 'given',
				amount_to_process: '={{ $json.amount }}',
				additionalFields: { comment: '={{ $json.comment }}', reference_number: '={{ $json.reference }}' },
			},
			base: (invoice) => ({ ...invoice.item, customer: '3000', company: '3000', token: SECRETS.cnbsCardToken, validTo: '05-31-2030', cvv: SECRETS.cnbsCvv, amount: '1.00', comment: '', reference: '' }),
			refused: [
				['amount_to_process', 'amount', AMOUNTS],
				['open_amount', 'open_amount', ['', '-1', '1.005', '12,50', 'NaN', 'abc', true]],
				['document_number_finance', 'document_number_finance', ['', 'x'.repeat(11), '1400/0229', '"},{"a":1', true]],
				['line_item_in_the_relevant_invoice', 'line_item_in_the_relevant_invoice', ['', '-1', '1.5', 'a']],
				['fiscal_year_of_the_relevant_invoice', 'fiscal_year_of_the_relevant_invoice', ['', '17', '20177', 'MMXVII']],
				['currency_key', 'currency_key', ['', 'US', 'DOLLARS', '$$$']],
				['valid_to', 'validTo', ['13-01-2030', '02-30-2030', '2030/05/31', 'soon', true]],
				['card_validation_code', 'cvv', ['12', '12345', 'abc'], 'optional'],
				['customer_number', 'customer', ['', true]],
				['payment_card_token', 'token', ['', true, 'T\u0000']],
				['comment', 'comment', [{}, true, [1]], 'optional'],
				['reference_number', 'reference', [true], 'optional'],
			],
			intact: [
				{ label: 'JSON injection in the comment', change: { comment: JSON_INJECTION }, arrived: (request) => at(request.json, 'documents.0.comment'), expected: JSON_INJECTION },
				{ label: 'JSON injection in the reference number', change: { reference: '"}],"x":[{"' }, arrived: (request) => at(request.json, 'documents.0.reference_number'), expected: '"}],"x":[{"' },
				{ label: 'unicode comment', change: { comment: UNICODE }, arrived: (request) => at(request.json, 'documents.0.comment'), expected: UNICODE },
				{ label: 'control characters in the comment (escaped in JSON)', change: { comment: CONTROL }, arrived: (request) => at(request.json, 'documents.0.comment'), expected: CONTROL },
			],
		},
		{
			vendor: adilas,
			kind: 'vendorNode',
			parameters: {
				...adilas.parameters.vendorNode,
				AMOUNT_PAID: '={{ $json.amount }}',
				additionalFields: {
					PAYMENT_NOTES: '={{ $json.notes }}',
					TRANSACTION_DATE: '={{ $json.date }}',
					PAYMENT_CHECK_NUMBER: '={{ $json.check }}',
				},
			},
			base: (invoice) => ({ invoice: invoice.item.invoice, amount: '1.00', notes: '', date: '', check: '' }),
			refused: [
				['INVOICE_NUMBER', 'invoice', INTEGER_IDS],
				['AMOUNT_PAID', 'amount', AMOUNTS],
				['TRANSACTION_DATE', 'date', DATES, 'optional'],
				['PAYMENT_NOTES', 'notes', [{}, true, [1]], 'optional'],
				['PAYMENT_CHECK_NUMBER', 'check', [true], 'optional'],
			],
			intact: [
				{ label: 'form and JSON injection in the notes', change: { notes: FORM_INJECTION }, arrived: (_r, sim) => lastAdilasCall(sim).PAYMENT_NOTES, expected: FORM_INJECTION },
				{ label: 'JSON injection in the check number', change: { check: JSON_INJECTION.slice(0, 30) }, arrived: (_r, sim) => lastAdilasCall(sim).PAYMENT_CHECK_NUMBER, expected: JSON_INJECTION.slice(0, 30) },
				{ label: 'unicode notes', change: { notes: UNICODE }, arrived: (_r, sim) => lastAdilasCall(sim).PAYMENT_NOTES, expected: UNICODE },
				{ label: 'control characters in the notes (escaped in JSON)', change: { notes: CONTROL }, arrived: (_r, sim) => lastAdilasCall(sim).PAYMENT_NOTES, expected: CONTROL },
			],
		},
	];
}

function lastCcpReference(sim: VendorSimulator): unknown {
	const payments = (sim as unknown as { payments: Array<{ reference: string }> }).payments;
	return payments[payments.length - 1]?.reference;
}

function lastAdilasCall(sim: VendorSimulator): IDataObject {
	const calls = (sim as unknown as { calls: Array<{ call: IDataObject }> }).calls;
	return calls[calls.length - 1]?.call ?? {};
}

function describeValue(value: Value): string {
	const text = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}...(${value.length})` : value) : JSON.stringify(value);
	return text;
}

const CORPORA = corpora();

describe('the bad-input corpus', () => {
	afterAll(() => expectNoSecretsShown(1));

	test('has at least 40 malformed inputs per vendor', () => {
		const sizes: Record<string, number> = {};
		for (const corpus of CORPORA) {
			const count =
				corpus.refused.reduce((n, [, , values, optional]) => n + values.length + (optional ? 0 : 1), 0) + (corpus.extraRefused?.length ?? 0);
			expect({ vendor: corpus.vendor.key, atLeast40: count >= 40 }).toEqual({ vendor: corpus.vendor.key, atLeast40: true });
			sizes[corpus.vendor.key] = count;
		}
		// The sizes the README reports.
		expect(sizes).toEqual({ cloudCommercePro: 58, crmCom: 46, evoSnap: 43, cnbsWebAr: 71, adilas: 51 });
	});

	describe.each(CORPORA.map((corpus) => [corpus.vendor.name, corpus] as const))('%s', (_name, corpus) => {
		const { vendor } = corpus;

		test('every malformed input is refused naming its field, and not one request is sent', async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const [invoice] = vendor.load(sim, 1);
				const base = corpus.base(invoice);
				const cases: Refused[] = corpus.refused.flatMap(([field, key, values]) =>
					values.map((value) => ({ label: `${field} = ${describeValue(value)}`, item: { ...base, [key]: value }, field })),
				);
				const missing = corpus.refused.filter(([, , , optional]) => !optional).map(([field, key]) => {
					const item = { ...base };
					delete item[key];
					return { label: `${field} missing`, item, field };
				});
				const all = [...cases, ...missing];
				const result = await runPay(vendor, corpus.kind, sim, { items: all.map((entry) => entry.item), parameters: corpus.parameters, label: `corpus ${vendor.key}` });
				const extra = corpus.extraRefused ?? [];
				let extraItems: IDataObject[] = [];
				if (extra.length) {
					const json = await runPay(vendor, corpus.kind, sim, {
						items: extra.map((entry) => ({ ...base, ...entry.item })),
						parameters: { ...corpus.parameters, invoice_identifier: { __rl: true, mode: 'json', value: '={{ $json.invoiceJson }}' } },
						label: `corpus ${vendor.key} identifiers`,
					});
					extraItems = json.items.map((item) => item.json);
				}
				const outputs = [...result.items.map((item) => item.json), ...extraItems];
				const wrong = [...all, ...extra]
					.map((entry, index) => {
						const json = outputs[index] ?? {};
						const said = `${String(json.error ?? '')} ${String(json.errorDescription ?? '')}`;
						const refused = json.error !== undefined && said.includes(DISPLAY_NAME[entry.field] ?? entry.field) && /nothing was sent/.test(said);
						return refused ? undefined : `${entry.label}: ${json.error === undefined ? `not refused (${String(json.status)})` : said}`;
					})
					.filter(Boolean);
				expect(wrong).toEqual([]);
				expect(all.length + extra.length).toBeGreaterThanOrEqual(40);
				// Not one request for the whole corpus: no sign-on, no read, no payment.
				expect(sim.requests).toEqual([]);
			} finally {
				await sim.stop();
			}
		});

		test('valid text with injection attempts, quotes, unicode and length is sent escaped and arrives intact', async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, corpus.intact.length);
				const wrong: string[] = [];
				for (const [index, entry] of corpus.intact.entries()) {
					const before = sim.requests.length;
					const result = await runPay(vendor, corpus.kind, sim, {
						items: [{ ...corpus.base(invoices[index]), ...entry.change }],
						parameters: corpus.parameters,
						label: `corpus ${vendor.key} ${entry.label}`,
					});
					const json = result.items[0]?.json ?? {};
					const payment = sim.requests.slice(before).filter((request) => vendor.isPayment(request));
					if (json.status !== 'paid' || payment.length !== 1) {
						wrong.push(`${entry.label}: ${String(json.status)} ${String(json.error ?? '')}, ${payment.length} payment requests`);
						continue;
					}
					const arrived = entry.arrived(payment[0], sim);
					if (arrived !== entry.expected) wrong.push(`${entry.label}: arrived as ${JSON.stringify(arrived)}`);
				}
				expect(wrong).toEqual([]);
			} finally {
				await sim.stop();
			}
		});
	});
});
