import { describeOperations, PAYING_NOTE } from '../shared/toolDescription';

const INVOICE = 'the invoice reference id (InvoiceReferenceId, 32 hexadecimal characters such as 6177CCEE97C84FF7B1CFF11EAA347DBE, as Create answers)';
const READS = 'It changes nothing and pays nothing.';

/** What an AI agent reads about the EVO Snap* tool, per configured operation (see shared/toolDescription.ts). */
export const EVO_SNAP_TOOL_DESCRIPTION = describeOperations(
	[
		{
			resource: 'invoice',
			operation: 'process',
			text: `Pays one EVO Snap* invoice in full by charging a card or token (PUT Invoices/{ID}/process); no amount can be given, EVO charges the invoice's whole amount. It needs ${INVOICE}. The card data or token come from the tool's settings, else from the invoice.${PAYING_NOTE}`,
		},
		{
			resource: 'invoice',
			operation: 'create',
			text: 'Creates an EVO Snap* invoice (POST Invoices/) and answers with its InvoiceReferenceId. It charges nothing; Process pays it.',
		},
		{ resource: 'invoice', operation: 'get', text: `Reads one EVO Snap* invoice and its state. ${READS} It needs ${INVOICE}.` },
		{ resource: 'invoice', operation: 'getMany', text: `Finds EVO Snap* invoices, filtered as the tool is set. ${READS}` },
		{ resource: 'invoice', operation: 'update', text: `Replaces the data of one EVO Snap* invoice (PUT Invoices/{ID}). It charges nothing. It needs ${INVOICE}.` },
		{
			resource: 'invoice',
			operation: 'updateState',
			text: `Sets the state of one EVO Snap* invoice, e.g. Cancelled (PUT Invoices/{ID}/state). It charges nothing. It needs ${INVOICE}.`,
		},
	],
	'Creates, reads and pays EVO Snap* invoices',
);
