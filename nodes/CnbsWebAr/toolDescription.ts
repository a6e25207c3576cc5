import { describeOperations, PAYING_NOTE } from '../shared/toolDescription';

const AMOUNT = 'a decimal string with at most 2 decimals, no currency sign, e.g. 250.00';
const READS = 'It changes nothing and pays nothing.';

/** What an AI agent reads about the CNBS WebAR tool, per configured operation (see shared/toolDescription.ts). */
export const CNBS_WEB_AR_TOOL_DESCRIPTION = describeOperations(
	[
		{
			resource: 'payment',
			operation: 'payInvoices',
			text: `Pays one SAP finance document in CNBS WebAR per call (POST invoices/payments). It needs the document number (document_number_finance, 10 digits such as 1400000229), its line item and fiscal year, its open amount and currency (as Invoice > Get Many lists them) and, when the tool pays a given amount, the amount to process (${AMOUNT}). The payer, company code and payment method come from the tool's settings.${PAYING_NOTE}`,
		},
		{
			resource: 'payment',
			operation: 'makeDeposit',
			text: `Pays money onto a CNBS WebAR payer's account, not for any document (POST invoices/deposits). It needs the amount (${AMOUNT}) and the currency (three letters, e.g. USD).${PAYING_NOTE}`,
		},
		{ resource: 'payment', operation: 'getMany', text: `Lists CNBS WebAR payments, one per payment, filtered as the tool is set. ${READS}` },
		{
			resource: 'invoice',
			operation: 'getMany',
			text: `Lists a payer's CNBS WebAR documents, one per document, with the document number, line item, fiscal year, open amount and currency that a payment needs. ${READS}`,
		},
		{
			resource: 'invoice',
			operation: 'get',
			text: `Reads one CNBS WebAR billing document: header, items, partners and status. ${READS} It needs the billing document number and the customer.`,
		},
		{
			resource: 'invoice',
			operation: 'downloadPdf',
			text: `Downloads a CNBS WebAR billing document as a PDF file (binary data, which an AI agent cannot read). ${READS}`,
		},
		{
			resource: 'customizing',
			operation: 'get',
			text: `Reads the CNBS WebAR settings: company codes, payment types, reason codes, card types and flags. ${READS}`,
		},
	],
	'Pays and reads CNBS WebAR invoices',
);
