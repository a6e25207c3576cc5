import type { IdentifierKey, IdentifierSpec } from '../shared/identifier';

/** The identifier objects of `payments/pay_invoice` and `invoices/show`, with the keys the seed allows. */

/** CRM.COM IDs are 32 hexadecimal digits (seed examples). */
const id = (placeholder = '83DFE781350877933A6FA2A51EF0F102'): IdentifierKey => ({
	key: 'id',
	displayName: 'ID',
	placeholder,
});
const name = (placeholder: string): IdentifierKey => ({ key: 'name', displayName: 'Name', placeholder });
const alternativeCode: IdentifierKey = { key: 'alternative_code', displayName: 'Alternative Code', placeholder: 'ALT01' };

export const INVOICE: IdentifierSpec = {
	name: 'invoice_identifier',
	displayName: 'Invoice',
	keys: [
		id('54F3A49F23024C51AFF21B7C728F3549'),
		{ key: 'number', displayName: 'Number', placeholder: 'INV001' },
		{ key: 'reference_number', displayName: 'Reference Number', placeholder: '328' },
		{ key: 'back_office_code', displayName: 'Back Office Code', placeholder: 'BO-INV001' },
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
	keys: [id(), { key: 'username', displayName: 'Username', placeholder: 'JackH' }],
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
		{ key: 'payment_gateway_reference_number', displayName: 'Payment Gateway Reference Number', placeholder: 'card_1234' },
		{ key: 'last_digits', displayName: 'Last Digits', placeholder: '4242' },
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
			nested: [id(), name('Direct Debit Preference'), alternativeCode],
		},
		{ key: 'payment_medium_identifier', displayName: 'Payment Medium Identifier', placeholder: 'PM-0001' },
		{ key: 'bank_account_number', displayName: 'Bank Account Number', placeholder: 'CY17002001280000001200527600' },
	],
};
