// What `npm run e2e` does with examples/agent-pay-invoices.json: n8n's AI Agent with the OpenAI Chat
// Model, whose credential's Base URL points at a scripted stand-in for the model's API
// (scripts/lib/modelStandIn.js). The stand-in plays the model: its first reply calls the tools
// wrongly (an amount above the Maximum Amount, a call without the invoice reference) and looks an
// invoice up in CRM.COM; its second pays one invoice correctly; its third ends with text. The
// checks read what n8n sent to the model (tools, schemas, tool results) and the vendors' ledgers.
'use strict';

const { toolMessages } = require('../../scripts/lib/modelStandIn');

const WORKFLOW = 'agentPayInvoicesEx';
const PAY_TOOL = 'Pay_CNBS_invoice'; // n8n's tool name: the node's name, non-word characters as _
const GET_TOOL = 'Get_CRM_COM_invoice';
const PAID = { invoiceReference: '1400000230', amount: '250.00' };
const OVER_LIMIT = { invoiceReference: '1400000229', amount: '7000.50' };

/** The model's replies, one per request the agent sends. */
const SCRIPT = [
	{
		toolCalls: [
			{ name: PAY_TOOL, arguments: OVER_LIMIT },
			{ name: PAY_TOOL, arguments: { amount: '10.00' } }, // malformed: no invoice reference
			{ name: GET_TOOL, arguments: { invoiceNumber: 'INV001' } },
		],
	},
	{ toolCalls: [{ name: PAY_TOOL, arguments: PAID }] },
	{ text: 'Paid 1400000230 (250.00). 1400000229 was refused: 7000.50 is above the 1000.00 limit.' },
];

const toolsOf = (body) => ((body && body.tools) || []).map((t) => t.function || t);

/**
 * The checks, one line each: [{ name, ok, detail }]. `requests`: the bodies the stand-in received;
 * `cnbsRequestsBeforeTurn2`: requests the CNBS simulator had received when the model's second
 * request came (after the refused calls' results); `cnbsPayments`: the run's CNBS ledger payments.
 */
function agentChecks({ requests, cnbsRequestsBeforeTurn2, cnbsPayments }) {
	const out = [];
	const add = (name, ok, detail) => out.push({ name, ok: !!ok, detail });
	const first = requests[0];
	const tools = toolsOf(first);
	const pay = tools.find((t) => t.name === PAY_TOOL);
	const get = tools.find((t) => t.name === GET_TOOL);
	const props = (pay && pay.parameters && pay.parameters.properties) || {};
	const required = (pay && pay.parameters && pay.parameters.required) || [];
	const schemaOk =
		!!pay &&
		!!get &&
		props.invoiceReference &&
		props.invoiceReference.type === 'string' &&
		/finance document number/.test(props.invoiceReference.description || '') &&
		props.amount &&
		/at most 2 decimals/.test(props.amount.description || '') &&
		required.includes('invoiceReference') &&
		required.includes('amount') &&
		Object.keys(props).length === 2 &&
		get.parameters &&
		get.parameters.properties &&
		!!get.parameters.properties.invoiceNumber;
	add(
		`agent: n8n offers the model the tools ${PAY_TOOL} and ${GET_TOOL} with the $fromAI parameters and their descriptions`,
		schemaOk,
		tools.map((t) => `${t.name}(${Object.keys((t.parameters && t.parameters.properties) || {}).join(', ')}; required ${((t.parameters && t.parameters.required) || []).join(', ')})`).join('; ') || `no tools in the request (${requests.length} requests)`,
	);
	// The tool descriptions come from the node's configuration (vendor, amount mode, maximum).
	const payText = (pay && pay.description) || '';
	const getText = (get && get.description) || '';
	add(
		'agent: the tool descriptions state the configured vendor, operation and limits',
		/^Pays one invoice in CNBS WebAR\./.test(payText) && /amount to pay/.test(payText) && /A payment above 1000\.00 is refused/.test(payText) && /^Reads one CRM\.COM invoice/.test(getText) && /pays nothing/.test(getText),
		`${PAY_TOOL}: "${payText.slice(0, 160)}..."; ${GET_TOOL}: "${getText.slice(0, 120)}..."`,
	);
	const second = toolMessages(requests[1]);
	const overLimit = second.find((m) => m.tool_call_id === 'call_0_0');
	const malformed = second.find((m) => m.tool_call_id === 'call_0_1');
	const paidHere = (key) => cnbsPayments.filter((p) => p.invoice === key);
	add(
		`agent: a call above the Maximum Amount (${OVER_LIMIT.amount} > 1000.00) is refused and nothing is sent to CNBS`,
		!!overLimit && /above the Maximum Amount of 1000\.00: nothing was paid/.test(overLimit.content) && cnbsRequestsBeforeTurn2 === 0 && paidHere(OVER_LIMIT.invoiceReference).length === 0,
		`tool result: ${overLimit ? overLimit.content.slice(0, 200) : 'none'}; CNBS requests before the model's next turn: ${cnbsRequestsBeforeTurn2}`,
	);
	add(
		'agent: a call without the invoice reference gets an error naming the field',
		!!malformed && /Invoice Reference/.test(malformed.content) && cnbsRequestsBeforeTurn2 === 0,
		`tool result: ${malformed ? malformed.content.slice(0, 200) : 'none'}`,
	);
	const third = toolMessages(requests[2]);
	const paid = third.find((m) => m.tool_call_id === 'call_1_0');
	add(
		`agent: the correct call pays ${PAID.invoiceReference} once (${PAID.amount}) and the model reads "paid"`,
		paidHere(PAID.invoiceReference).length === 1 && paidHere(PAID.invoiceReference)[0].amount === PAID.amount && cnbsPayments.length === 1 && !!paid && /"status":"paid"/.test(paid.content),
		`CNBS ledger: ${cnbsPayments.map((p) => `${p.invoice} ${p.amount}`).join(', ') || 'nothing paid'}; tool result: ${paid ? paid.content.slice(0, 160) : 'none'}; ${requests.length} model requests`,
	);
	return out;
}

module.exports = { WORKFLOW, SCRIPT, PAY_TOOL, GET_TOOL, agentChecks };
