// What `npm run e2e` expects of each example workflow in examples/ when run in a real n8n against
// FRESH demo simulators (test/simulators/*Demo.ts). One entry per workflow id; a workflow in
// examples/ without an entry fails the e2e run ("no expectations").
//
//   workflow   the workflow's id in examples/*.json
//   vendor     the simulator whose ledger the run changes (DEMO_VENDORS key, test/simulators/serve.ts)
//   node       the node whose output items are checked
//   items      one matcher per output item, in order: every key must match the item's field
//              (string/number: equal; RegExp: matches String(value))
//   paid       the payments the run adds to the vendor's ledger, exactly: ledger invoice key ->
//              amount (the key as test/e2e/ledgers.ts reports it; '*' for an invoice the run
//              creates itself, e.g. adilas' Start Invoice)
//   signOns    most sign-ons (session tokens issued) the run may cause; omit for vendors with none
//   rerun      optional: the same workflow run a second time; `paid` (usually {}: nothing paid
//              twice) and `signOns` (0: the token stored by the first run is reused)
//   agent      an AI Agent example: its model is the stand-in of test/e2e/agent.js, whose checks
//              (tools and schemas offered, tool results, ledger) run after it
//   trigger    a polling-trigger example: not run with `n8n execute` but published and checked
//              by test/e2e/triggers.js
//   checks     for an example that pays through several vendors (Pay Invoice): one
//              { vendor, node, items, paid, signOns, rerun } per node instead of the fields above
//
// Adding an example = adding an entry here (see the README's "End to end" section).
'use strict';

module.exports = [
	// The trigger examples run active, with n8n polling, in test/e2e/triggers.js.
	{ workflow: 'evoSnapPaidSheetEx', trigger: true },
	{ workflow: 'cnbsPaymentNotifyEx', trigger: true },
	{
		workflow: 'ccpPayOrdersExample',
		vendor: 'cloudCommercePro',
		node: 'Pay Order in Full',
		items: [
			{ status: 'paid', orderId: '5001', invoiceId: '86592563', amount: '12.00' },
			{ status: /^skipped: already paid/, orderId: '5002' },
			{ error: /Order 5003 has no invoice/ },
		],
		paid: { 86592563: '12.00' },
		rerun: { paid: {} },
	},
	{
		workflow: 'crmComPayInvoicesEx',
		vendor: 'crmCom',
		node: 'Pay Invoice',
		items: [
			{ status: 'paid', payment_amount: '225.00' },
			{ status: 'paid', payment_amount: '12.50' },
			{ status: /^skipped: already paid/ },
		],
		paid: { '54F3A49F23024C51AFF21B7C728F3549': '225.00', '0B1C2D3E4F5061728394A5B6C7D8E9F0': '12.50' },
		signOns: 1,
		rerun: { paid: {}, signOns: 0 },
	},
	{
		workflow: 'evoSnapInvoiceEx',
		vendor: 'evoSnap',
		node: 'Process Invoice',
		items: [{ status: 'paid' }],
		paid: { '*': '10.30' },
		signOns: 1,
		// A second run creates a second invoice from the same order and pays it: no rerun check.
	},
	{
		workflow: 'cnbsPayOpenInvoicesEx',
		vendor: 'cnbsWebAr',
		node: 'Pay them all in one request',
		items: [
			{ status: 'paid', document_number_finance: '1400000229', amount_to_process: '7000.50' },
			{ status: 'paid', document_number_finance: '1400000230', amount_to_process: '250.00' },
		],
		paid: { 1400000229: '7000.50', 1400000230: '250.00' },
		rerun: { paid: {} },
	},
	{
		workflow: 'adilasStartAndPayEx',
		vendor: 'adilas',
		node: 'Add Invoice Payment',
		items: [{ status: 'paid', amount: '15.00' }],
		paid: { '*': '15.00' },
	},
	{
		workflow: 'payInvoiceMixedEx',
		checks: [
			{
				vendor: 'adilas',
				node: 'Pay Invoice (adilas)',
				items: [{ vendor: 'adilas', status: 'paid', invoice: '78', amount: '15.00' }],
				paid: { 78: '15.00' },
				// adilas cannot read a balance: a second run pays again (the README says so).
				rerun: { paid: { 78: '15.00' } },
			},
			{
				vendor: 'cloudCommercePro',
				node: 'Pay Invoice (Cloud Commerce Pro)',
				items: [
					{ status: 'paid', invoice: '5001', amount: '12.00' },
					{ status: 'skipped: already paid', invoice: '5002' },
				],
				paid: { 86592563: '12.00' },
				rerun: { paid: {} },
			},
			{
				vendor: 'cnbsWebAr',
				node: 'Pay Invoice (CNBS WebAR)',
				items: [
					{ status: 'paid', invoice: '1400000230', amount: '250.00', currency: 'USD' },
					{ status: 'failed', invoice: '1400000229', error: /above the Maximum Amount of 1000\.00: nothing was paid/ },
				],
				paid: { 1400000230: '250.00' },
				rerun: { paid: {} },
			},
			{
				vendor: 'crmCom',
				node: 'Pay Invoice (CRM.COM)',
				items: [
					{ status: 'paid', invoice: 'INV001', amount: '225.00' },
					{ status: 'skipped: already paid', invoice: 'INV003' },
				],
				paid: { '54F3A49F23024C51AFF21B7C728F3549': '225.00' },
				signOns: 1,
				rerun: { paid: {}, signOns: 0 },
			},
			{
				vendor: 'evoSnap',
				node: 'Pay Invoice (EVO Snap*)',
				items: [
					{ status: 'paid', invoice: '6177CCEE97C84FF7B1CFF11EAA347DBE', amount: '12.50' },
					{ status: 'skipped: already paid', invoice: '0A1B2C3D4E5F60718293A4B5C6D7E8F9' },
				],
				paid: { '6177CCEE97C84FF7B1CFF11EAA347DBE': '12.50' },
				signOns: 1,
				rerun: { paid: {}, signOns: 0 },
			},
		],
	},
	{
		workflow: 'agentPayInvoicesEx',
		agent: true,
		checks: [
			{
				vendor: 'cnbsWebAr',
				node: 'AI Agent',
				items: [{ output: /Paid 1400000230/ }],
				paid: { 1400000230: '250.00' },
			},
			{
				// The CRM.COM tool only reads the invoice.
				vendor: 'crmCom',
				node: 'AI Agent',
				items: [{ output: /1400000229 was refused/ }],
				paid: {},
			},
		],
	},
];
