import type { INodeProperties } from 'n8n-workflow';

import type { IdentifierKey, IdentifierSpec } from '../helpers/identifier';
import { kinds, withKind } from '../../shared/fieldKinds';
import { identifierParameter } from '../helpers/identifier';

/** The identifier objects of `payments/pay_invoice` and `invoices/show`, with the keys the seed allows. */

/** CRM.COM IDs are 32 hexadecimal digits (seed examples). */
const id = (placeholder = '83DFE781350877933A6FA2A51EF0F102'): IdentifierKey => ({
	key: 'id',
	displayName: 'ID',
	placeholder,
});

const name = (placeholder: string): IdentifierKey => ({ key: 'name', displayName: 'Name', placeholder });

const alternativeCode: IdentifierKey = { key: 'alternative_code', displayName: 'Alternative Code', mode: 'Alt', placeholder: 'ALT01' };

export const INVOICE: IdentifierSpec = {
	name: 'invoice_identifier',
	displayName: 'Invoice',
	keys: [
		id('54F3A49F23024C51AFF21B7C728F3549'),
		{ key: 'number', displayName: 'Number', placeholder: 'INV001' },
		{ key: 'reference_number', displayName: 'Reference Number', mode: 'Ref No.', placeholder: '328' },
		{ key: 'back_office_code', displayName: 'Back Office Code', mode: 'BO', placeholder: 'BO-INV001' },
	],
};

export const ACCOUNTS_RECEIVABLE: IdentifierSpec = {
	name: 'accounts_receivable_identifier',
	displayName: 'Accounts Receivable',
	keys: [id(), { key: 'number', displayName: 'Number', placeholder: '192' }, name('Dina Mika')],
};

export const WALLET: IdentifierSpec = {
	name: 'wallet_identifier',
	displayName: 'Wallet',
	keys: [id(), { key: 'number', displayName: 'Number', placeholder: 'W0000007376' }],
};

export const TYPE: IdentifierSpec = {
	name: 'type_identifier',
	displayName: 'Financial Transaction Type',
	keys: [id(), name('Invoices Balance Payment'), alternativeCode],
};

export const CATEGORY: IdentifierSpec = {
	name: 'category_identifier',
	displayName: 'Financial Transaction Category',
	keys: [
		id(),
		name('Invoice Payments'),
		{ key: 'code', displayName: 'Code', placeholder: 'INVPAY' },
	],
};

export const PAYMENT_METHOD: IdentifierSpec = {
	name: 'payment_method_identifier',
	displayName: 'Payment Method',
	keys: [id(), name('Direct Debit'), alternativeCode],
};

export const RECEIVED_BY_USER: IdentifierSpec = {
	name: 'received_by_user_identifier',
	displayName: 'Received by User',
	keys: [id(), { key: 'username', displayName: 'Username', mode: 'User', placeholder: 'JackH' }],
};

export const RECEIVED_BY_UNIT: IdentifierSpec = {
	name: 'received_by_unit_identifier',
	displayName: 'Received by Unit',
	keys: [id(), name('Admin Unit'), alternativeCode],
};

export const CARD: IdentifierSpec = {
	name: 'card_identifier',
	displayName: 'Payment Gateway Card',
	keys: [
		id(),
		{ key: 'payment_gateway_reference_number', displayName: 'Payment Gateway Reference Number', mode: 'PG Ref', placeholder: 'card_1234' },
		{ key: 'last_digits', displayName: 'Last Digits', mode: 'Digits', placeholder: '4242' },
	],
};

export const PAYMENT_PREFERENCE: IdentifierSpec = {
	name: 'accounts_receivable_payment_preference_identifier',
	displayName: 'Accounts Receivable Payment Preference',
	keys: [
		id(),
		{
			key: 'payment_preference_identifier',
			displayName: 'Payment Preference',
			nested: [
				{ ...id(), mode: 'Pref ID' },
				{ ...name('Direct Debit Preference'), mode: 'Pref' },
				{ ...alternativeCode, mode: 'Pref Alt' },
			],
		},
		{ key: 'payment_medium_identifier', displayName: 'Payment Medium Identifier', mode: 'Medium', placeholder: 'PM-0001' },
		{ key: 'bank_account_number', displayName: 'Bank Account Number', mode: 'Bank', placeholder: 'CY17002001280000001200527600' },
	],
};

const FIELDS_SET_KIND = kinds.identifier(2000, {
	pattern: '^[A-Za-z0-9_.]+(,[A-Za-z0-9_.]+)*$',
	expected: 'field names separated by commas, without spaces, such as number,total_amount',
});

export const fieldsSetField: INodeProperties = withKind(FIELDS_SET_KIND, {
	displayName: 'Fields Set',
	name: 'fields_set',
	type: 'string',
	default: '',
	placeholder: 'number,reference_number,issued_on,payment_amount',
	description: 'The fields to return (fields_set), separated by commas without spaces, sent as written. Empty: all fields.',
});

export const invoiceIdentifierField: INodeProperties = identifierParameter(INVOICE, {
	required: true,
	defaultMode: 'number',
	displayName: 'Invoice',
	description: 'The invoice (invoice_identifier), by exactly one of its ID (32 hexadecimal characters), number (e.g. INV001), reference number or back office code. Empty: the item fails naming this field, before anything is sent.',
});

export const UDF_STRINGS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `udf_string_${n}`);

export const UDF_FLOATS = [1, 2, 3, 4].map((n) => `udf_float_${n}`);

export const UDF_DATES = [1, 2, 3, 4].map((n) => `udf_date_${n}`);

const CARD_HINT =
	'Mandatory when the payment method is linked with a payment gateway system, which charges this card for the payment. Only cards owned by the accounts receivable\'s owner can be used.';

const PAYMENT_PREFERENCE_HINT =
	'Mandatory only when the payment is processed by a generic payment gateway, as the payment method denotes. It must belong to the accounts receivable. From CRM.COM R11.0.0.';

/** Optional identifiers, in the Additional Fields collection. */
export const OPTIONAL_IDENTIFIERS: Array<{ spec: IdentifierSpec; field: INodeProperties }> = [
	{
		spec: CATEGORY,
		field: identifierParameter(CATEGORY, {
			defaultMode: 'name',
			displayName: 'Financial Transaction Category',
			description: 'The financial transaction category of the payment (category_identifier)',
		}),
	},
	{
		spec: RECEIVED_BY_USER,
		field: identifierParameter(RECEIVED_BY_USER, {
			defaultMode: 'username',
			displayName: 'Received by User',
			description:
				'The user who actually received the payment (received_by_user_identifier). Empty: the user who issues it.',
		}),
	},
	{
		spec: RECEIVED_BY_UNIT,
		field: identifierParameter(RECEIVED_BY_UNIT, {
			defaultMode: 'name',
			displayName: 'Received by Unit',
			description: 'The unit that actually received the payment (received_by_unit_identifier)',
		}),
	},
	{
		spec: CARD,
		field: identifierParameter(CARD, {
			displayName: 'Payment Gateway Card',
			description: 'The card the payment gateway charges for the payment (card_identifier)',
			hint: CARD_HINT,
		}),
	},
	{
		spec: PAYMENT_PREFERENCE,
		field: identifierParameter(PAYMENT_PREFERENCE, {
			displayName: 'Accounts Receivable Payment Preference',
			description:
				'The payment preference a generic payment gateway uses to process the payment (accounts_receivable_payment_preference_identifier)',
			hint: PAYMENT_PREFERENCE_HINT,
		}),
	},
];
