import { describeOperations, PAYING_NOTE } from '../shared/toolDescription';

const INVOICE =
	'the invoice, in the form this tool is set to: by default its number, such as INV001 (else its 32-character ID, reference number or back office code)';

/** What an AI agent reads about the CRM.COM tool, per configured operation (see shared/toolDescription.ts). */
export const CRM_COM_TOOL_DESCRIPTION = describeOperations(
	[
		{
			resource: 'payment',
			operation: 'payInvoice',
			text: `Pays the whole outstanding amount of one CRM.COM invoice (POST payments/pay_invoice); no amount can be given, CRM.COM always pays the full balance. It needs ${INVOICE}. The accounts receivable, transaction type and payment method come from the tool's settings. An invoice CRM.COM does not know fails with CRM.COM's error and nothing is paid.${PAYING_NOTE}`,
		},
		{
			resource: 'invoice',
			operation: 'get',
			text: `Reads one CRM.COM invoice: its state, amounts and outstanding amount. It changes nothing and pays nothing. It needs ${INVOICE}. An invoice that does not exist fails with CRM.COM's error.`,
		},
	],
	'Pays or reads CRM.COM invoices',
);
