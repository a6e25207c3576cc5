import { describeOperations, PAYING_NOTE } from '../shared/toolDescription';

/** What an AI agent reads about the adilas tool, per configured operation (see shared/toolDescription.ts). */
export const ADILAS_TOOL_DESCRIPTION = describeOperations(
	[
		{
			resource: 'invoicePayment',
			operation: 'add',
			text: `Records a payment against one adilas main invoice (addInvoicePayment). It needs the invoice number (INVOICE_NUMBER, a whole number such as 78) and the amount paid (a decimal string with at most 2 decimals, no currency sign, e.g. 15.00). adilas cannot read an invoice's balance: nothing is checked first and every call records a payment.${PAYING_NOTE}`,
		},
		{
			resource: 'invoice',
			operation: 'start',
			text: 'Creates an adilas main invoice (startMainInvoice) and answers with its INVOICE_NUMBER. It pays nothing. It needs the customer ID and the invoice amount (a decimal string, e.g. 15.00).',
		},
		{
			resource: 'other',
			operation: 'callFunction',
			text: 'Calls the adilas API function this tool is set to, with its arguments. It can change data in adilas.',
		},
	],
	'Starts adilas invoices and adds payments to them',
);
