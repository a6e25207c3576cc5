// Retries in `npm run e2e` (regular mode): for each paying node, the node and parameters that pay
// ONE invoice given as the input item that test/e2e/ledgers.ts' seed() returns for that vendor,
// and an item the vendor refuses (an invoice it does not know). scripts/e2e.js builds a Webhook ->
// Code -> this node workflow per entry with Retry On Fail on (3 tries) and no Continue On Fail,
// calls it with two seeded invoices and the refused item (n8n retries the node, then the execution
// fails), then retries the failed execution through n8n's REST API as the editor's two Retry
// buttons do (loadWorkflow false, then true). Each invoice must be paid once.
'use strict';

const QUEUE_NODES = require('./queuePayments');

/** @returns {typeof QUEUE_NODES[number]} */
const fromQueue = (vendor, type) => /** @type {any} */ (QUEUE_NODES.find((entry) => entry.vendor === vendor && entry.type === type));

module.exports = [
	{
		// Create Payment reads nothing before paying: the case n8n's retries paid twice.
		vendor: 'cloudCommercePro',
		type: 'cloudCommercePro',
		operationName: 'Create Payment',
		parameters: {
			resource: 'payment',
			operation: 'create',
			intInvoiceID: '={{ $json.key }}',
			intSalesChannelID: '36',
			strPaymentReference: '=e2e retry {{ $json.key }}',
			dbPaymentAmount: '10.00',
			intCustomerID: '96354316',
			dtPaymentDate: '2021-10-22T12:01:44',
			additionalFields: {},
			options: {},
		},
		refused: { key: '424242', order: 424242 },
	},
	{ ...fromQueue('crmCom', 'crmCom'), operationName: 'Pay Invoice', refused: { invoice: 'E2ENOSUCH', rowId: 'E2ENOSUCH' } },
	{ ...fromQueue('evoSnap', 'evoSnap'), operationName: 'Process', refused: { InvoiceReferenceId: 'E2E0000000000000000000000NOSUCH0' } },
	{ ...fromQueue('cnbsWebAr', 'cnbsWebAr'), operationName: 'Pay Invoices', refused: { payer_number: '3000', company_code: '3000', document_number_finance: '1899999999', line_item_in_the_relevant_invoice: 1, fiscal_year_of_the_relevant_invoice: 2017, open_amount: '10.00', currency_key: 'USD' } },
	{ ...fromQueue('adilas', 'adilas'), operationName: 'Add Invoice Payment', refused: { INVOICE_NUMBER: 999999999, MERCHANT_SETTING_ID: 1 } },
	{ ...fromQueue('crmCom', 'payInvoice'), operationName: 'Pay', refused: { invoice: 'E2ENOSUCH', rowId: 'E2ENOSUCH' } },
];
