/**
 * What an AI agent reads about each node used as a tool. n8n 2.41.1 makes a node's tool variant
 * (type `<name>Tool`, built by n8n's convertNodeToAiTool) and gives the model
 * `NodeHelpers.getToolDescriptionForNode(node, toolType, resolve)`, where `resolve` evaluates the
 * node's `toolDescription` parameter when it is an expression. These tests do the same with
 * n8n-workflow's own functions over the package loaded from dist as n8n loads it: default
 * parameters (Workflow fills them, `@tool` display rules included), then the expression.
 */
import type { INode, INodeParameters, INodeType, INodeTypes, INodeTypeDescription, INodePropertyOptions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

import { loadPackage } from '../harness';

/** The tool variant as n8n's convertNodeToAiTool makes it (name + 'Tool', an AI tool output). */
function toolVariant(type: INodeType): INodeType {
	const description = Object.create(type.description) as INodeTypeDescription;
	description.name = `${type.description.name}Tool`;
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	return Object.create(type, { description: { value: description } }) as INodeType;
}

async function nodeType(name: string): Promise<INodeType> {
	const pkg = await loadPackage();
	return pkg.nodeTypes.getByNameAndVersion(pkg.nodeTypes.resolveName(name), 1);
}

/** The description n8n gives the model for a tool node with these parameters, and its parameters. */
function describeTool(base: INodeType, parameters: INodeParameters, { asTool = true } = {}): { text: string; parameters: INodeParameters } {
	const type = asTool ? toolVariant(base) : base;
	const node: INode = { id: 'n1', name: 'Tool Under Test', type: `pkg.${type.description.name}`, typeVersion: 1, position: [0, 0], parameters: structuredClone(parameters) };
	const nodeTypes: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const filled = workflow.getNode(node.name)!;
	const text = NodeHelpers.getToolDescriptionForNode(filled, type, () =>
		workflow.expression.getParameterValue(filled.parameters.toolDescription as string, null, 0, 0, filled.name, [], 'manual', {}) as string,
	);
	return { text, parameters: filled.parameters };
}

describe('tool descriptions (what n8n 2.41.1 offers the model)', () => {
	it('every node declares its own Tool Description, shown on the tool variant only, so n8n adds none of its own', async () => {
		for (const name of ['payInvoice', 'crmCom', 'cloudCommercePro', 'cnbsWebAr', 'evoSnap', 'adilas']) {
			const type = await nodeType(name);
			const fields = type.description.properties.filter((p) => p.name === 'toolDescription');
			expect(fields).toHaveLength(1);
			expect(fields[0].displayOptions).toEqual({ show: { '@tool': [true] } });
			expect(String(fields[0].default)).toMatch(/^=\{\{ /);
			// The plain node does not carry it.
			expect(describeTool(type, {}, { asTool: false }).parameters).not.toHaveProperty('toolDescription');
			expect(describeTool(type, {}).parameters).toHaveProperty('toolDescription');
		}
	});

	it('three Pay Invoice tools set to different vendors and amount modes are described differently', async () => {
		const type = await nodeType('payInvoice');
		const cnbs = describeTool(type, { vendor: 'cnbsWebAr', amountMode: 'amount', options: { maximumAmount: '1000.00', checkBalanceFirst: true } }).text;
		const crm = describeTool(type, { vendor: 'crmCom', amountMode: 'full', options: { dryRun: true } }).text;
		const adilas = describeTool(type, { vendor: 'adilas', amountMode: 'full' }).text;
		expect(new Set([cnbs, crm, adilas]).size).toBe(3);

		expect(cnbs).toMatch(/^Pays one invoice in CNBS WebAR\. It needs the invoice reference: the CNBS WebAR finance document number/);
		expect(cnbs).toContain('It also needs the amount to pay, a decimal string with at most 2 decimals');
		expect(cnbs).toContain('A payment above 1000.00 is refused before anything is sent: nothing is paid');
		expect(cnbs).toContain('"skipped: already paid"');
		expect(cnbs).not.toContain('DRY RUN');

		expect(crm).toMatch(/^Pays one invoice in CRM\.COM\./);
		expect(crm).toContain("It pays the invoice's whole open balance: no amount is taken.");
		expect(crm).toContain('DRY RUN: nothing is paid');
		expect(crm).not.toContain('is refused before anything is sent');

		// adilas cannot read a balance: the tool says so rather than promise a payment.
		expect(adilas).toContain('This tool is set to pay the full open balance, which adilas cannot read: every call fails and nothing is paid.');
		for (const text of [cnbs, crm, adilas]) {
			expect(text).toContain('fails the call with an error naming the field');
			expect(text).not.toMatch(/undefined|null|\{\{|\}\}/);
		}
	});

	it('a Maximum Amount given as an expression is not shown raw', async () => {
		const type = await nodeType('payInvoice');
		const { text } = describeTool(type, { vendor: 'cloudCommercePro', amountMode: 'amount', options: { maximumAmount: '={{ 500 }}' } });
		expect(text).toContain('A payment above the configured amount is refused');
	});

	it('a tool whose values the model does not fill says so (n8n then offers an empty schema)', async () => {
		const pay = await nodeType('payInvoice');
		const fixed = describeTool(pay, { vendor: 'adilas', amountMode: 'amount', invoiceReference: '78', amount: '15.00' }).text;
		expect(fixed).toContain("The invoice reference is not filled by the model but set in the tool's settings");
		expect(fixed).toContain("The amount is not filled by the model but set in the tool's settings");
		const filled = describeTool(pay, {
			vendor: 'adilas',
			amountMode: 'amount',
			invoiceReference: "={{ $fromAI('invoiceReference', 'The adilas invoice number', 'string') }}",
			amount: "={{ $fromAI('amount', 'The amount, e.g. 15.00', 'string') }}",
		}).text;
		expect(filled).not.toContain('not filled by the model');

		const crm = await nodeType('crmCom');
		const fixedInvoice = { __rl: true, mode: 'number', value: 'INV001' };
		expect(describeTool(crm, { resource: 'invoice', operation: 'get', invoice_identifier: fixedInvoice }).text).toContain(
			"None of this tool's values is filled by the model: every call acts on the values set in the tool's settings",
		);
		const modelInvoice = { ...fixedInvoice, value: "={{ $fromAI('invoiceNumber', 'The CRM.COM invoice number', 'string') }}" };
		expect(describeTool(crm, { resource: 'invoice', operation: 'get', invoice_identifier: modelInvoice }).text).not.toContain('None of this tool');
	});

	it('a user-written Tool Description replaces the default', async () => {
		const type = await nodeType('crmCom');
		expect(describeTool(type, { toolDescription: 'Pays our CRM invoices' }).text).toBe('Pays our CRM invoices');
	});

	const vendorNodes: Array<[string, string, RegExp]> = [
		['crmCom', 'CRM.COM', /^payment:payInvoice$/],
		['cloudCommercePro', 'Cloud Commerce Pro', /^payment:(create|payOrderInFull)$/],
		['cnbsWebAr', 'CNBS WebAR', /^payment:(payInvoices|makeDeposit)$/],
		['evoSnap', 'EVO Snap*', /^invoice:process$/],
		['adilas', 'adilas', /^invoicePayment:add$/],
	];
	it.each(vendorNodes)('%s: every resource and operation has its own description, naming the vendor; paying ones say what they refuse', async (name, vendor, paying) => {
		const type = await nodeType(name);
		const resources = (type.description.properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]).map((o) => String(o.value));
		const seen = new Set<string>();
		for (const resource of resources) {
			const operationField = type.description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))!;
			for (const option of operationField.options as INodePropertyOptions[]) {
				const operation = String(option.value);
				const { text } = describeTool(type, { resource, operation });
				expect(text).toContain(vendor);
				expect(text).not.toBe(type.description.description);
				expect(text).not.toMatch(/undefined|\{\{|\}\}/);
				expect(seen.has(text)).toBe(false);
				seen.add(text);
				if (paying.test(`${resource}:${operation}`)) {
					expect(text).toMatch(/^(Pays|Records a payment)/);
					expect(text).toContain('A missing or malformed value fails the call with an error naming the field, before anything is sent.');
					expect(describeTool(type, { resource, operation, options: { dryRun: true } }).text).toContain('DRY RUN: nothing is sent or paid');
				} else {
					expect(text).not.toContain('Never repeat a paid');
				}
			}
		}
	});
});
