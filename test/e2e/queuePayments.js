// Queue mode in `npm run e2e`: for each vendor node, the node and parameters that pay ONE invoice
// given as the input item that test/e2e/ledgers.ts' seed() returns for that vendor. scripts/e2e.js
// builds a Webhook -> Code (the invoices of the call's body as items) -> this node workflow per
// entry, seeds 1,000 invoices and pays them through two n8n workers. Adding a node = one entry.
//
//   signOnPath  for vendors with a session token: the sign-on request's path (every other request
//               carries the token, so the first of them marks when a token was stored in n8n)
'use strict';

const CARD = { payment_card_type: 'VISA', payment_card_token: '-E803-1111-1000000000000H', payment_card_name: 'John Doe', valid_to: '05-31-2027' };

module.exports = [
	{
		vendor: 'cloudCommercePro',
		type: 'cloudCommercePro',
		parameters: { resource: 'payment', operation: 'payOrderInFull', orderId: '={{ $json.order }}', strPaymentReference: '=e2e order {{ $json.order }}', options: {} },
	},
	{
		vendor: 'crmCom',
		type: 'crmCom',
		signOnPath: /\/authentication\/(web_api_key\/)?token$/,
		parameters: {
			resource: 'payment',
			operation: 'payInvoice',
			invoice_identifier: { __rl: true, mode: 'number', value: '={{ $json.invoice }}' },
			accounts_receivable_identifier: { __rl: true, mode: 'number', value: '192' },
			type_identifier: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
			payment_method_identifier: { __rl: true, mode: 'name', value: 'Direct Debit' },
			back_office_code: '=e2e-{{ $json.rowId }}',
			additionalFields: {},
			options: { checkFirst: true },
		},
	},
	{
		vendor: 'evoSnap',
		type: 'evoSnap',
		signOnPath: /\/REST\/SIS\.svc\/token$/,
		parameters: {
			resource: 'invoice',
			operation: 'process',
			InvoiceReferenceId: '={{ $json.InvoiceReferenceId }}',
			TransactionType: 'AuthorizeAndCapture',
			PaymentData: { PaymentType: 'Credit', CardType: 'Visa', PaymentAccountNumber: '4111111111194053', PaymentAccountExpiration: '1230' },
			TokenInformation: {},
			AutomationInfo: {},
			additionalFields: {},
			options: { checkFirst: true },
		},
	},
	{
		vendor: 'cnbsWebAr',
		type: 'cnbsWebAr',
		parameters: { resource: 'payment', operation: 'payInvoices', requestMode: 'perItem', payment_method: 'CC', ...CARD, amount: 'openAmount', additionalFields: {}, options: {} },
	},
	{
		vendor: 'adilas',
		type: 'adilas',
		parameters: {
			resource: 'invoicePayment',
			operation: 'add',
			INVOICE_NUMBER: '={{ $json.INVOICE_NUMBER }}',
			AMOUNT_PAID: '10.00',
			MONEY_TYPE_ID: 2,
			MERCHANT_SETTING_ID: 1,
			additionalFields: {},
			options: {},
		},
	},
	{
		// The generic node, over the same CRM.COM seeding: the queue-mode proof covers all six nodes.
		vendor: 'crmCom',
		type: 'payInvoice',
		label: 'Pay Invoice',
		signOnPath: /\/authentication\/(web_api_key\/)?token$/,
		parameters: {
			vendor: 'crmCom',
			invoiceReference: '={{ $json.invoice }}',
			amountMode: 'full',
			paymentMethod: 'Direct Debit',
			paymentReference: '=e2e-pi-{{ $json.rowId }}',
			crmComAccountsReceivable: { __rl: true, mode: 'number', value: '192' },
			crmComType: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
			options: { checkBalanceFirst: true },
		},
	},
];
