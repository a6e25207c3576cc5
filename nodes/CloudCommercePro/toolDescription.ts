import { describeOperations, PAYING_NOTE } from '../shared/toolDescription';

const AMOUNT = 'a decimal string with at most 2 decimals, no currency sign, e.g. 12.00';

/** What an AI agent reads about the Cloud Commerce Pro tool, per configured operation (see shared/toolDescription.ts). */
export const CLOUD_COMMERCE_PRO_TOOL_DESCRIPTION = describeOperations(
	[
		{
			resource: 'payment',
			operation: 'create',
			text: `Records a payment of a given amount against one Cloud Commerce Pro invoice (CreatePayment). It needs the invoice ID (intInvoiceID, a whole number such as 86592563; not the order ID), the amount (${AMOUNT}), the payment reference, the sales channel ID and the customer ID. Nothing is checked first: every call records a payment.${PAYING_NOTE}`,
		},
		{
			resource: 'payment',
			operation: 'payOrderInFull',
			text: `Pays what is open on the invoice of one Cloud Commerce Pro order: it reads the order's invoice (Amount - AmountPaid) and pays that. It needs the order ID, a whole number such as 5001. An order with nothing open is reported "skipped: already paid" and not paid again; an order without an invoice fails.${PAYING_NOTE}`,
		},
		{
			resource: 'invoice',
			operation: 'getSummaryForOrder',
			text: 'Reads the invoice of one Cloud Commerce Pro order: its invoice ID, amount and amount paid. It changes nothing and pays nothing. It needs the order ID, a whole number such as 5001.',
		},
		{
			resource: 'customer',
			operation: 'add',
			text: 'Creates a Cloud Commerce Pro customer, or answers with the existing one that has the same e-mail address (AddCustomer). It pays nothing. It needs the customer\'s e-mail address and the sales channel ID.',
		},
	],
	'Pays Cloud Commerce Pro invoices and reads them',
);
