import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { kinds, withKind } from '../shared/fieldKinds';
import type { PayInvoiceAdapter, PayInvoiceRequest, PreparedPayment } from '../shared/adapter';
import { VendorError, InvalidInputError } from '../shared/errors';
import { optionalText } from '../shared/input';
import { credentialsOnce } from '../shared/runState';
import { amountFromVendor, compareAmounts, formatAmount, parseAmount } from '../shared/money';
import { ACCOUNT_TYPES, ADDRESS_FIELDS, CNBS_KINDS, PAYMENT_METHODS } from './actions/common.descriptions';
import { DETAIL_FIELD_NAMES, payerDataFrom, paymentDetailFrom, paymentSecretsOf, amountRefusal, buildPaymentBody, PAYMENTS_PATH, sendPayment, STALE_MESSAGE } from './helpers/payment';
import { findDocument, readDocumentList } from './helpers/invoice';
import { readDocument } from './helpers/document';
import { readCustomizing } from './helpers/customizing';
import { buildCnbsRequest, CREDENTIAL_TYPE, describeCnbsRequest, FISCAL_YEAR, maskError, secretsOf, VENDOR } from './transport';

/** Names of this vendor's extra fields in the Pay Invoice node. */
const FIELD = {
	customerNumber: 'cnbsWebArCustomerNumber',
	companyCode: 'cnbsWebArCompanyCode',
	fiscalYear: 'cnbsWebArFiscalYear',
	lineItem: 'cnbsWebArLineItem',
	openAmount: 'cnbsWebArOpenAmount',
	paymentMethod: 'cnbsWebArPaymentMethod',
	paymentDetail: 'cnbsWebArPaymentDetail',
	address: 'cnbsWebArAddress',
	document: 'cnbsWebArDocument',
} as const;

/** The card (CC) and e-check (EC) fields of payment_detail, by their CNBS names. */
const PAYMENT_DETAIL_OPTIONS: INodeProperties[] = [
	withKind(kinds.text({ maxLength: 40 }), { displayName: 'Card Name', name: 'payment_card_name', type: 'string', default: '' }),
	withKind(CNBS_KINDS.cardToken, {
		displayName: 'Card Token',
		name: 'payment_card_token',
		type: 'string',
		typeOptions: { password: true },
		default: '',
	}),
	withKind(CNBS_KINDS.cardType, { displayName: 'Card Type', name: 'payment_card_type', type: 'string', default: '', placeholder: 'VISA' }),
	withKind(kinds.card('cvv'), {
		displayName: 'Card Validation Code',
		name: 'card_validation_code',
		type: 'string',
		typeOptions: { password: true },
		default: '',
	}),
	{
		displayName: 'E-Check Account Type',
		name: 'electronic_check_account_type',
		type: 'options',
		options: ACCOUNT_TYPES.map((type) => ({ name: type, value: type })),
		default: 'C',
		description: 'C consumer checking, S consumer savings, X corporate checking',
	},
	withKind(CNBS_KINDS.rdfi, {
		displayName: 'E-Check RDFI Number',
		name: 'electronic_check_rdfi_number',
		type: 'string',
		typeOptions: { password: true },
		default: '',
	}),
	withKind(CNBS_KINDS.validTo, { displayName: 'Valid To', name: 'valid_to', type: 'dateTime', default: '', description: 'The card\'s expiry, sent as MM-DD-YYYY' }),
];

/** How errors name the payment detail fields here: as this node shows them. */
const DETAIL_NAMES: Record<string, string> = {
	...DETAIL_FIELD_NAMES,
	payment_method: 'Payment Method',
	...Object.fromEntries(PAYMENT_DETAIL_OPTIONS.map((option) => [option.name, option.displayName])),
};

const extraFields: INodeProperties[] = [
	withKind(CNBS_KINDS.payer, {
		displayName: 'Payer',
		name: FIELD.customerNumber,
		type: 'string',
		required: true,
		default: '',
		placeholder: '3000',
		description: 'The payer whose document it is (payer_data.customer_number)',
	}),
	withKind(CNBS_KINDS.companyCode, {
		displayName: 'Company Code',
		name: FIELD.companyCode,
		type: 'string',
		required: true,
		default: '',
		placeholder: '3000',
		description: 'The SAP company code of the document (payer_data.company_code)',
	}),
	withKind(CNBS_KINDS.fiscalYear, {
		displayName: 'Fiscal Year',
		name: FIELD.fiscalYear,
		type: 'string',
		default: '',
		placeholder: '2017',
		description: 'The document\'s fiscal year (fiscal_year_of_the_relevant_invoice). Empty: read from CNBS\'s list of the payer\'s documents.',
	}),
	withKind(CNBS_KINDS.lineItem, {
		displayName: 'Line Item',
		name: FIELD.lineItem,
		type: 'string',
		default: '',
		placeholder: '1',
		description: 'The document\'s line item (line_item_in_the_relevant_invoice). Empty: read from CNBS\'s list.',
	}),
	withKind(kinds.amount({ allowZero: true }), {
		displayName: 'Open Amount',
		name: FIELD.openAmount,
		type: 'string',
		default: '',
		placeholder: '7000.50',
		description:
			'The open amount as CNBS last showed it (e.g. from Get Many). CNBS refuses the payment if it changed since. Empty: read from CNBS before paying.',
	}),
	{
		displayName: 'CNBS Payment Method',
		name: FIELD.paymentMethod,
		type: 'options',
		options: [
			{ name: 'Card (CC)', value: 'CC' },
			{ name: 'E-Check (EC)', value: 'EC' },
		],
		default: 'CC',
		description: 'How the payer pays (payment_detail.payment_method). The Payment Method field, when set to CC or EC, takes precedence.',
	},
	{
		displayName: 'Payment Detail',
		name: FIELD.paymentDetail,
		type: 'collection',
		placeholder: 'Add Payment Detail',
		default: {},
		description: 'The card token (CC) or e-check account (EC) fields of payment_detail, by their CNBS names. Never shown in output or errors.',
		options: PAYMENT_DETAIL_OPTIONS,
	},
	{
		displayName: 'Address',
		name: FIELD.address,
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		description: "The payer's address sent with the payment (payment_detail.address_data)",
		options: ADDRESS_FIELDS.map(([name, displayName]) => withKind(kinds.text(), { displayName, name, type: 'string', default: '' })),
	},
	{
		displayName: 'Document Fields',
		name: FIELD.document,
		type: 'collection',
		placeholder: 'Add Document Field',
		default: {},
		description: 'A comment or a payment reason code sent with the document (documents[].comment, documents[].reason_code)',
		options: [
			withKind(kinds.text(), { displayName: 'Comment', name: 'comment', type: 'string', default: '' }),
			withKind(CNBS_KINDS.reasonCode, { displayName: 'Reason Code', name: 'reason_code', type: 'string', default: '' }),
		],
	},
];

const NOT_YET_KNOWN =
	'fiscal year, line item, open amount and currency are read from CNBS before paying (give Fiscal Year, Line Item, Open Amount and Currency to see the exact request)';

/** Nothing is open on the document: nothing is paid. */
function notOpen(reason: string, currency: string | undefined, vendorResponse: IDataObject): PreparedPayment {
	return {
		amount: '0.00',
		currency,
		alreadyPaid: { reason, vendorResponse },
		request: {},
		send: async () => {
			throw new VendorError('nothing is open: nothing was paid');
		},
	};
}

/** The generic Payment Method as CNBS's payment_method, when it names one. */
function paymentMethodOf(request: PayInvoiceRequest): string {
	const given = optionalText(request.paymentMethod)?.toUpperCase().replace(/[\s_-]/g, '');
	if (given === undefined) return String(request.extra[FIELD.paymentMethod] ?? 'CC');
	const method = given === 'CARD' ? 'CC' : given === 'ECHECK' ? 'EC' : given;
	if (!(PAYMENT_METHODS as readonly string[]).includes(method)) {
		throw new InvalidInputError('Payment Method', `CNBS WebAR pays by CC (card) or EC (e-check): Payment Method "${String(request.paymentMethod)}" is neither`);
	}
	return method;
}

/**
 * CNBS WebAR for the generic Pay Invoice node: one finance document (number, fiscal year, line
 * item) paid in full (its open amount) or by a given amount as CNBS's customizing allows. The
 * document is read from the payer's list unless its open amount, fiscal year and line item are
 * given; CNBS itself refuses a payment whose open amount changed since it was read.
 */
export const cnbsWebArPayInvoiceAdapter: PayInvoiceAdapter = {
	key: 'cnbsWebAr',
	vendor: VENDOR,
	credentialType: CREDENTIAL_TYPE,
	capabilities: {
		fullBalance: true,
		givenAmount: true,
		balanceCheck: true,
		currency: true,
		paymentDate: { refusedBecause: 'its payment request has no payment date (SAP posts the payment when CNBS executes it)' },
		paymentReference: { sentAs: 'documents.reference_number' },
		paymentMethod: { sentAs: 'payment_detail.payment_method' },
	},
	invoiceReferenceHint:
		'The CNBS finance document number (document_number_finance, as Invoice > Get Many lists it); its payer and company code go in the CNBS fields below.',
	invoiceReferencePlaceholder: '1400000229',
	invoiceReferenceKind: CNBS_KINDS.documentNumber,
	extraFields,
	secretsOf,

	async prepare(this: IExecuteFunctions, request: PayInvoiceRequest): Promise<PreparedPayment> {
		const extra = request.extra;
		const detailValues = (extra[FIELD.paymentDetail] ?? {}) as IDataObject;
		const payer = payerDataFrom((name) => extra[name === 'customer_number' ? FIELD.customerNumber : FIELD.companyCode]);
		const method = paymentMethodOf(request);
		const detail = paymentDetailFrom(
			(name) => (name === 'payment_method' ? method : detailValues[name]),
			(extra[FIELD.address] ?? {}) as IDataObject,
			DETAIL_NAMES,
		);
		const documentFields = (extra[FIELD.document] ?? {}) as IDataObject;
		const given = {
			fiscalYear: optionalText(extra[FIELD.fiscalYear]),
			lineItem: optionalText(extra[FIELD.lineItem]),
			openAmount: optionalText(extra[FIELD.openAmount]),
		};
		const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
		const document = {
			document_number_finance: request.invoiceReference,
			line_item_in_the_relevant_invoice: given.lineItem ?? '1',
			[FISCAL_YEAR]: given.fiscalYear,
			open_amount: given.openAmount,
			currency_key: request.currency,
		} as IDataObject;
		const mustRead =
			request.checkBalanceFirst || given.fiscalYear === undefined || given.lineItem === undefined || given.openAmount === undefined;

		if (mustRead && !request.dryRun) {
			const list = await readDocumentList(
				this,
				credentials,
				{ payer_number: payer.customer_number, company_code: payer.company_code, document_type: '01', document_search_status: '03' },
				request.timeout,
			);
			const candidates = list.filter(
				(entry) =>
					findDocument([entry], {
						document_number_finance: request.invoiceReference,
						fiscal_year_of_the_relevant_invoice: Number(given.fiscalYear ?? entry[FISCAL_YEAR]),
						line_item_in_the_relevant_invoice: Number(given.lineItem ?? entry.line_item_in_the_relevant_invoice ?? 1),
					}) !== undefined,
			);
			if (candidates.length === 0) {
				throw new VendorError(
					`Document ${request.invoiceReference} is not among the documents CNBS lists for payer ${payer.customer_number} in company code ${payer.company_code}: nothing was paid`,
				);
			}
			if (candidates.length > 1) {
				throw new InvalidInputError('cnbsWebArFiscalYear', `CNBS lists document ${request.invoiceReference} more than once: give its Fiscal Year and Line Item`);
			}
			const [found] = candidates;
			if (String(found.document_status ?? '').trim() === '04') {
				throw new VendorError(`Document ${request.invoiceReference} is cancelled: nothing was paid`);
			}
			const open = amountFromVendor(found.open_amount ?? 0, 'open_amount');
			const currency = optionalText(found.currency_key);
			// Paid in full since the open amount was read (e.g. by an earlier try): already paid, not "changed".
			if (open.minor <= 0n) {
				return notOpen(`CNBS lists the document with open amount ${formatAmount(open)}`, currency, { document: found });
			}
			if (given.openAmount !== undefined && compareAmounts(open, parseAmount(given.openAmount, 'cnbsWebArOpenAmount', { allowZero: true })) !== 0) {
				throw new VendorError(STALE_MESSAGE, {
					description: `CNBS now lists the open amount as ${formatAmount(open)}, not ${given.openAmount}.`,
				});
			}
			if (request.currency !== undefined && currency !== undefined && currency !== request.currency) {
				throw new VendorError(`Document ${request.invoiceReference} is in ${currency}, not ${request.currency}: nothing was paid`);
			}
			document[FISCAL_YEAR] = found[FISCAL_YEAR];
			document.line_item_in_the_relevant_invoice = found.line_item_in_the_relevant_invoice ?? document.line_item_in_the_relevant_invoice;
			document.open_amount = formatAmount(open);
			document.currency_key = currency ?? request.currency;
		}

		if (request.dryRun && mustRead) {
			// Nothing is read in a dry run: show the request as far as it is known.
			const partial = JSON.stringify({
				payer_data: payer,
				payment_detail: detail,
				documents: [{ document_number_finance: request.invoiceReference, ...documentFields, not_yet_known: NOT_YET_KNOWN }],
			});
			return {
				amount: request.amount,
				currency: request.currency,
				request: describeCnbsRequest(
					buildCnbsRequest(credentials, { method: 'POST', path: PAYMENTS_PATH, body: partial, timeout: request.timeout }),
					credentials,
					paymentSecretsOf(detail),
				),
				send: async () => {
					throw new VendorError('a dry run sends nothing');
				},
			};
		}
		if (document.currency_key === undefined) {
			throw new InvalidInputError(
				'Currency',
				'Currency is required for CNBS WebAR when Fiscal Year, Line Item and Open Amount are given (it is sent as currency_key)',
			);
		}
		if (parseAmount(document.open_amount, 'cnbsWebArOpenAmount', { allowZero: true }).minor === 0n) {
			return notOpen(`The open amount is ${String(document.open_amount)}`, request.currency, {});
		}
		const cnbsDocument = readDocument({
			document_number_finance: request.invoiceReference,
			line_item_in_the_relevant_invoice: document.line_item_in_the_relevant_invoice,
			fiscal_year_of_the_relevant_invoice: document[FISCAL_YEAR],
			open_amount: document.open_amount,
			currency_key: document.currency_key,
			amount: request.amountMode === 'full' ? 'openAmount' : 'given',
			amount_to_process: request.amount,
			additionalFields: { ...documentFields, reference_number: request.paymentReference },
		});
		if (request.amountMode === 'amount' && compareAmounts(cnbsDocument.amount_to_process, cnbsDocument.open_amount) !== 0) {
			const refusal = amountRefusal(cnbsDocument, await readCustomizing(this, credentials, request.timeout));
			if (refusal) throw refusal;
		}
		const body = buildPaymentBody(payer, detail, [cnbsDocument]);
		const described = describeCnbsRequest(
			buildCnbsRequest(credentials, { method: 'POST', path: PAYMENTS_PATH, body, timeout: request.timeout }),
			credentials,
			paymentSecretsOf(detail),
		);
		return {
			amount: formatAmount(cnbsDocument.amount_to_process),
			currency: cnbsDocument.currency_key,
			request: described,
			send: async () => {
				const { outcomes, messages } = await sendPayment(this, credentials, payer, detail, [cnbsDocument], request.timeout);
				const [outcome] = outcomes;
				if (!outcome.paid) throw maskError(outcome.error, [...secretsOf(credentials), ...paymentSecretsOf(detail)]);
				const { payed } = outcome;
				return {
					amount: formatAmount(cnbsDocument.amount_to_process),
					currency: optionalText(payed.currency_key) ?? cnbsDocument.currency_key,
					paymentId: optionalText(payed.authorization_number),
					vendorResponse: { payed, messages: messages as unknown as IDataObject[] },
				};
			},
		};
	},
};
