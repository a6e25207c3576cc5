import type { INodeProperties } from 'n8n-workflow';

import { kinds, withKind } from '../../shared/fieldKinds';
import { DATE_FORMATS } from '../../shared/dates';

export const PAYMENT_METHODS = ['CC', 'EC'] as const;

/**
 * The kinds of CNBS's fields, bounded by the SAP fields behind them: customer number (KUNNR) and
 * document number (BELNR) 10 characters, company code (BUKRS) and card type (CCINS) 4, card token
 * (CCNUM) 25, line item (BUZEI) 3 digits, fiscal year 4 digits, an ABA routing number 9 digits.
 */
export const CNBS_KINDS = {
	payer: kinds.digits(10),
	companyCode: kinds.identifier(4, { pattern: '^[A-Za-z0-9]+$', expected: 'a company code of up to 4 letters or digits' }),
	cardType: kinds.identifier(4, { pattern: '^[A-Z0-9]+$', expected: 'a card type of up to 4 capital letters or digits, such as VISA' }),
	cardToken: kinds.identifier(25, { expected: 'a card token of at most 25 characters' }),
	validTo: kinds.date(DATE_FORMATS.usDate),
	rdfi: kinds.digits(9),
	documentNumber: kinds.identifier(10, { pattern: '^[A-Za-z0-9]+$', expected: 'a document number of up to 10 letters or digits' }),
	lineItem: kinds.digits(3),
	fiscalYear: kinds.identifier(4, { pattern: '^[0-9]{4}$', expected: 'a fiscal year of 4 digits, such as 2017' }),
	currency: kinds.identifier(3, { pattern: '^[A-Z]{3}$', expected: 'a three-letter currency code in capitals, such as USD' }),
	reasonCode: kinds.identifier(10, { expected: 'a reason code of at most 10 characters' }),
	/** Not bounded in CNBS's document (01 = invoice): two letters or digits, as its samples. */
	documentType: kinds.identifier(2, { pattern: '^[A-Za-z0-9]+$', expected: 'a document type of up to 2 letters or digits, such as 01' }),
	/** SAP sales area: sales organization (VKORG) 4, distribution channel (VTWEG) and division (SPART) 2. */
	salesOrganization: kinds.identifier(4, { pattern: '^[A-Za-z0-9]+$', expected: 'a sales organization of up to 4 letters or digits' }),
	distributionChannel: kinds.identifier(2, { pattern: '^[A-Za-z0-9]+$', expected: 'a distribution channel of up to 2 letters or digits' }),
	division: kinds.identifier(2, { pattern: '^[A-Za-z0-9]+$', expected: 'a division of up to 2 letters or digits' }),
	date: kinds.date(DATE_FORMATS.usDate),
};

export const ACCOUNT_TYPES = ['C', 'S', 'X'] as const;

/** The company code, a list read from CNBS's customizing (or an expression). */
function companyCodeField(
	show: Record<string, string[]>,
	{ wireName, required = false, defaultValue = '' }: { wireName: string; required?: boolean; defaultValue?: string },
): INodeProperties {
	return withKind(CNBS_KINDS.companyCode, {
		displayName: 'Company Code Name or ID',
		name: 'company_code',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCompanyCodes' },
		...(required ? { required } : {}),
		default: defaultValue,
		hint: `The company code (${wireName}). The list is read from CNBS's customizing.`,
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show },
	});
}

/** What a list (Invoice > Get Many, Payment > Get Many) is narrowed to: the payer and the company code. */
export function payerListFields(show: Record<string, string[]>, listed: 'documents' | 'payments'): INodeProperties[] {
	return [
		withKind(CNBS_KINDS.payer, {
			displayName: 'Payer',
			name: 'payer_number',
			type: 'string',
			default: '',
			placeholder: '3000',
			description: `The payer whose ${listed} to list`,
			displayOptions: { show },
		}),
		companyCodeField(show, { wireName: 'company_code' }),
	];
}

/** The Document Type filter of a list, with the type the list is for as default. */
export function documentTypeFilter(type: string, meaning: string): INodeProperties {
	return withKind(CNBS_KINDS.documentType, {
		displayName: 'Document Type',
		name: 'document_type',
		type: 'string',
		default: type,
		description: `The document type: ${type} = ${meaning}`,
	});
}

/** Payer data and payment detail fields, shared by Pay Invoices and Make Deposit. */
export function payerAndPaymentFields(show: Record<string, string[]>): INodeProperties[] {
	const card = { ...show, payment_method: ['CC'] };
	const check = { ...show, payment_method: ['EC'] };
	return [
		withKind(CNBS_KINDS.payer, {
			displayName: 'Payer',
			name: 'customer_number',
			type: 'string',
			required: true,
			default: '={{ $json.payer_number }}',
			description:
				'The payer\'s customer number (payer_data.customer_number). The default reads the payer of the document from Invoice > Get Many.',
			displayOptions: { show },
		}),
		companyCodeField(show, { wireName: 'payer_data.company_code', required: true, defaultValue: '={{ $json.company_code }}' }),
		{
			displayName: 'Payment Method',
			name: 'payment_method',
			type: 'options',
			options: [
				{ name: 'Card (CC)', value: 'CC' },
				{ name: 'E-Check (EC)', value: 'EC' },
			],
			default: 'CC',
			description: 'How the payment is made (payment_detail.payment_method)',
			displayOptions: { show },
		},
		withKind(CNBS_KINDS.cardType, {
			displayName: 'Card Type Name or ID',
			name: 'payment_card_type',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getPaymentCardTypes' },
			default: '',
			hint: 'The card type (payment_detail.payment_card_type), e.g. VISA, MC, AMEX. The list is read from CNBS\'s customizing.',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			displayOptions: { show: card },
		}),
		withKind(CNBS_KINDS.cardToken, {
			displayName: 'Card Token',
			name: 'payment_card_token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: '-E803-1111-1000000000000H',
			description:
				'The card\'s token from your card vault (payment_detail.payment_card_token). Never shown in output or errors.',
			displayOptions: { show: card },
		}),
		withKind(kinds.text({ maxLength: 40 }), {
			displayName: 'Name on Card',
			name: 'payment_card_name',
			type: 'string',
			default: '',
			placeholder: 'John Doe',
			description: 'The card holder\'s name (payment_detail.payment_card_name)',
			displayOptions: { show: card },
		}),
		withKind(CNBS_KINDS.validTo, {
			displayName: 'Valid To',
			name: 'valid_to',
			type: 'string',
			default: '',
			placeholder: '05-31-2027',
			description: 'The card\'s expiry date (payment_detail.valid_to), sent as MM-DD-YYYY; a date such as 2027-05-31 is accepted too',
			displayOptions: { show: card },
		}),
		withKind(kinds.card('cvv'), {
			displayName: 'Card Validation Code',
			name: 'card_validation_code',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The card\'s CVV (payment_detail.card_validation_code), when CNBS\'s customizing asks for it. Never shown in output or errors.',
			displayOptions: { show: card },
		}),
		{
			displayName: 'Account Type',
			name: 'electronic_check_account_type',
			type: 'options',
			options: [
				{ name: 'Consumer Checking (C)', value: 'C' },
				{ name: 'Consumer Savings (S)', value: 'S' },
				{ name: 'Corporate Checking (X)', value: 'X' },
			],
			default: 'C',
			description: 'The bank account\'s type for an e-check (payment_detail.electronic_check_account_type)',
			displayOptions: { show: check },
		},
		withKind(CNBS_KINDS.rdfi, {
			displayName: 'RDFI Number',
			name: 'electronic_check_rdfi_number',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The routing number of the receiving bank (payment_detail.electronic_check_rdfi_number). Never shown in output or errors.',
			displayOptions: { show: check },
		}),
		{
			displayName: 'Address',
			name: 'address_data',
			type: 'collection',
			placeholder: 'Add Address Field',
			default: {},
			description: 'The payer\'s address for the payment (payment_detail.address_data). Fields left out are sent empty.',
			displayOptions: { show },
			options: ADDRESS_FIELDS.map(
				([name, displayName]): INodeProperties =>
					withKind(kinds.text(), {
						displayName: `${displayName} (${name})`,
						name,
						type: 'string',
						default: '',
					}),
			),
		},
	];
}

/** The eight fields of address_data, in the seed's order. */
export const ADDRESS_FIELDS: Array<[string, string]> = [
	['name', 'Name'],
	['name_2', 'Name 2'],
	['city', 'City'],
	['district', 'District'],
	['street', 'Street'],
	['postal_code_city', 'Postal Code'],
	['region', 'Region'],
	['country', 'Country'],
];

/** The posting-date range both lists filter on (date_from, date_to). */
export const postingDateFilters: INodeProperties[] = [
	withKind(CNBS_KINDS.date, {
		displayName: 'Date From',
		name: 'date_from',
		type: 'dateTime',
		default: '',
		description: 'The earliest posting date, sent as MM-DD-YYYY',
	}),
	withKind(CNBS_KINDS.date, {
		displayName: 'Date To',
		name: 'date_to',
		type: 'dateTime',
		default: '',
		description: 'The latest posting date, sent as MM-DD-YYYY',
	}),
];

/** The fields that name one billing document (Get and Download PDF). */
export function documentFields(shown: Record<string, string[]>): INodeProperties[] {
	return [
		withKind(CNBS_KINDS.documentNumber, {
			displayName: 'Billing Document',
			name: 'billing_document_number',
			type: 'string',
			required: true,
			default: '={{ $json.billing_document_number }}',
			description: 'The billing document number. The default reads it from Invoice > Get Many\'s output.',
			displayOptions: { show: shown },
		}),
		withKind(CNBS_KINDS.payer, {
			displayName: 'Customer',
			name: 'customer_number',
			type: 'string',
			required: true,
			default: '={{ $json.payer_number }}',
			description: 'The customer the document belongs to. The default reads the payer from Invoice > Get Many\'s output.',
			displayOptions: { show: shown },
		}),
		withKind(CNBS_KINDS.documentType, {
			displayName: 'Document Type',
			name: 'document_type',
			type: 'string',
			default: '01',
			description: 'The document type: 01 = invoice',
			displayOptions: { show: shown },
		}),
	];
}
