// The trigger examples in a real n8n (`npm run e2e`, regular and queue mode): each example
// workflow with a polling trigger (examples/*.json, Poll Times "every minute", the minimum n8n's
// Poll Times accept: n8n refuses a sub-minute cron when it activates a poll) is published before n8n
// starts, so n8n's activation poll takes note of the ledger; then the simulator changes state
// through its admin endpoint (test/e2e/ledgers.ts), n8n's own minute polls see it, and the
// trigger node's output in the workflow's executions (read through n8n's REST API) must hold
// every expected event exactly once, also after one more poll.
//
//   workflow   the example's id
//   vendor     the simulator it watches
//   node       the trigger node's name
//   keyOf      an event's key (json -> string)
//   change     (admin, seedStart, waitForPoll) -> the keys of the events the change must cause
'use strict';

module.exports = [
	{
		workflow: 'evoSnapPaidSheetEx',
		vendor: 'evoSnap',
		node: 'EVO Snap* Trigger',
		keyOf: (json) => String(json.InvoiceReferenceId),
		// 60 new invoices (two pages of QueryInvoices), one poll to see them Pending, then three of
		// them (on both pages) processed: three Invoice Paid events.
		change: async (admin, start, waitForPoll) => {
			const invoices = await admin.seed({ start, count: 60, recent: true });
			await waitForPoll();
			const paid = [invoices[0], invoices[31], invoices[59]].map((invoice) => invoice.key);
			await admin.seed({ process: paid });
			return paid;
		},
	},
	{
		workflow: 'cnbsPaymentNotifyEx',
		vendor: 'cnbsWebAr',
		node: 'CNBS WebAR Trigger',
		keyOf: (json) => String(json.document_number_finance),
		// Three documents of payer 3000 posted today; two of them paid in SAP: two new rows in the
		// payment list.
		change: async (admin, start) => {
			const documents = await admin.seed({ start, count: 3, recent: true });
			const posted = await admin.seed({ post: [documents[0].key, documents[2].key] });
			return posted.map((payment) => payment.key);
		},
	},
];
