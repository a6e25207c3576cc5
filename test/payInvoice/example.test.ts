/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { CredentialStore, REPO_ROOT, runNode } from '../harness';
import { DEMO_VENDORS } from '../simulators/serve';

/**
 * examples/pay-invoice-mixed-vendors.json in n8n's engine: the invoices its Code node lists, each
 * Pay Invoice node with exactly the example's parameters and its vendor's invoices (what the
 * Switch routes to it), against fresh demo simulators.
 */
const example = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', 'pay-invoice-mixed-vendors.json'), 'utf8')) as {
	nodes: INode[];
};
const code = example.nodes.find((node) => node.type === 'n8n-nodes-base.code')!.parameters.jsCode as string;
const invoices = (new Function(code)() as Array<{ json: IDataObject }>).map((item) => item.json);
const payNodes = example.nodes.filter((node) => node.type === 'n8n-nodes-invoice-payments.payInvoice');

/** What each vendor's Pay Invoice node must output for its invoices, in order. */
const EXPECTED: Record<string, Array<{ status: string; amount?: string; error?: RegExp }>> = {
	adilas: [{ status: 'paid', amount: '15.00' }],
	cloudCommercePro: [{ status: 'paid', amount: '12.00' }, { status: 'skipped: already paid' }],
	cnbsWebAr: [
		{ status: 'paid', amount: '250.00' },
		{ status: 'failed', error: /The payment of 7000\.50 is above the Maximum Amount of 1000\.00: nothing was paid/ },
	],
	crmCom: [{ status: 'paid', amount: '225.00' }, { status: 'skipped: already paid' }],
	evoSnap: [{ status: 'paid', amount: '12.50' }, { status: 'skipped: already paid' }],
};

test('the example routes one Pay Invoice node to each of the five vendors', () => {
	expect(payNodes.map((node) => node.parameters.vendor).sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(payNodes.map((node) => [node.parameters.vendor as string, node] as const))('the example\'s %s branch', (vendor, node) => {
	test('pays what is open, skips what is paid, refuses what is above the maximum; one payment each', async () => {
		const demo = DEMO_VENDORS.find((entry) => entry.key === vendor)!;
		const sim = demo.create();
		await sim.start();
		try {
			const credentials = new CredentialStore({ [demo.credential.type]: demo.credentialData(sim.baseUrl) });
			const result = await runNode({
				nodeType: 'payInvoice',
				parameters: node.parameters,
				items: invoices.filter((invoice) => invoice.vendor === vendor),
				credentials,
				onError: node.onError,
			});
			expect(result.error).toBeUndefined();
			const expected = EXPECTED[vendor];
			expect(result.items.map((item) => item.json.status)).toEqual(expected.map((entry) => entry.status));
			expected.forEach((entry, index) => {
				const output = result.items[index].json;
				if (entry.amount) expect(output.amount).toBe(entry.amount);
				if (entry.error) expect(String(output.error)).toMatch(entry.error);
			});
			const paid = expected.filter((entry) => entry.status === 'paid').length;
			expect((sim as unknown as { payments: unknown[] }).payments).toHaveLength(paid);
		} finally {
			await sim.stop();
		}
	});
});
