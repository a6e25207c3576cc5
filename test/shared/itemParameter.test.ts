import type { IDataObject, INode } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { shortcutValue } from '../../nodes/shared/itemParameter';
import { CredentialStore, loadPackage, runNode } from '../harness';

/**
 * nodeParameter (nodes/shared/itemParameter.ts) reads `{{ $json.field }}` expressions from the
 * item instead of through n8n's engine. Whatever the item holds, the node's output must be what
 * n8n's engine gives: each expression is run once as the shortcut takes it and once wrapped in
 * parentheses (which the shortcut does not take, so n8n evaluates it), and the outputs must be equal.
 */
const credentials = () =>
	new CredentialStore({
		cloudCommerceProApi: { environment: 'custom', customUrl: 'http://127.0.0.1:9', brandId: 36, securityHash: 'hash-of-the-test' },
	});

const values: unknown[] = ['first', 42, 'Zürich', 1.5, '', null, undefined, { nested: 1 }, true, false, [1, 2], -0, 1e21, ' spaced '];
const items: IDataObject[] = values.map((value, index) => ({
	invoice: 200000 + index,
	...(value === undefined ? {} : { ref: value as IDataObject[string] }),
	'other ref': `other ${index}`,
}));

async function outputs(intInvoiceID: string, strPaymentReference: string) {
	const result = await runNode({
		nodeType: 'cloudCommercePro',
		credentials: credentials(),
		items,
		continueOnFail: true,
		parameters: {
			resource: 'payment',
			operation: 'create',
			intInvoiceID,
			intSalesChannelID: '36',
			strPaymentReference,
			dbPaymentAmount: '12.00',
			intCustomerID: '96354316',
			dtPaymentDate: '2021-10-22T12:01:44',
			TransactionTypeID: 'Invoice',
			options: { dryRun: true, batching: { batch: { batchSize: 5, batchInterval: 0 } } },
		},
	});
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
}

describe('a {{ $json.field }} expression read from the item gives what n8n gives', () => {
	test.each([
		['alone', '={{ $json.ref }}', '={{ ($json.ref) }}'],
		['inside text', '=Ref {{ $json.ref }} of {{ $json["invoice"] }}', "=Ref {{ ($json.ref) }} of {{ ($json['invoice']) }}"],
		['a ?? chain', '={{ $json.ref ?? $json["other ref"] }}', '={{ ($json.ref ?? $json["other ref"]) }}'],
	])('%s', async (_, shortcut, engine) => {
		const fast = await outputs('={{ $json.invoice }}', shortcut);
		const slow = await outputs('={{ ($json.invoice) }}', engine);
		expect(fast).toEqual(slow);
		// The run really paid with the items' values (a dry run shows the request).
		expect(JSON.stringify(fast[0])).toContain('200000');
		expect(JSON.stringify(fast[2])).toContain('Zürich');
		expect(fast.filter((json) => json.error === null || json.error === undefined).length).toBeGreaterThan(3);
	});
});

describe('the shortcut alone, value by value, against n8n\'s expression engine', () => {
	const expressions = [
		'={{ $json.ref }}',
		'={{$json.ref}}',
		"={{ $json['ref'] }}",
		'=Ref {{ $json.ref }} of {{ $json["invoice"] }}!',
		'={{ $json.ref ?? $json["other ref"] }}',
		'=a {{ $json.missing ?? $json.ref ?? $json.invoice }} b',
		'={{ $json.invoice }}',
	];
	test.each(expressions)('%s', async (expression) => {
		const pkg = await loadPackage();
		const node = { id: 'n', name: 'N', type: 'n8n-nodes-invoice-payments.cloudCommercePro', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: pkg.nodeTypes });
		const inputs = items.map((json) => ({ json }));
		const n8n = (raw: unknown, itemIndex: number) =>
			workflow.expression.getParameterValue(raw as string, createRunExecutionData(), 0, itemIndex, 'N', inputs, 'manual', {});
		let taken = 0;
		items.forEach((json, itemIndex) => {
			const fast = shortcutValue(expression, json);
			if (fast === undefined) return;
			taken++;
			expect({ itemIndex, value: fast.value }).toEqual({ itemIndex, value: n8n(expression, itemIndex) });
		});
		const locator = { __rl: true, mode: 'id', value: expression };
		const fast = shortcutValue(locator, items[1]);
		expect(fast?.value).toEqual(n8n(locator, 1));
		expect(taken).toBeGreaterThanOrEqual(5);
	});
});
