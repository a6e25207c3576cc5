/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import * as fs from 'fs';
import * as path from 'path';

import type { INode } from 'n8n-workflow';

import { CredentialStore, REPO_ROOT } from '../harness';
import type { WorkflowDefinition } from '../harness/run-workflow';
import { runWorkflow } from '../harness/run-workflow';
import type { AdilasSimulator } from '../simulators/adilas';
import { adilasDemoCredentialData, createAdilasDemo, DEMO_ADILAS_PASSWORD } from '../simulators/adilasDemo';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'adilas-start-invoice-and-pay.json');

describe('Start -> Add as a workflow', () => {
	it('the example workflow runs green against a fresh demo simulator and records the payment on the new invoice', async () => {
		const fresh: AdilasSimulator = createAdilasDemo();
		await fresh.start();
		try {
			const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as WorkflowDefinition & { nodes: INode[] };
			// The example references the credential the lead imports as "adilas (simulator)".
			for (const node of example.nodes.filter((entry) => entry.type.endsWith('.adilas'))) {
				expect(node.credentials).toEqual({ adilasApi: { id: 'adilasSimulator', name: 'adilas (simulator)' } });
			}
			const credentials = new CredentialStore({ adilasApi: adilasDemoCredentialData(fresh.baseUrl) });
			const { outputs, errors } = await runWorkflow(example, credentials);
			expect(errors['Start Invoice']).toBeUndefined();
			expect(errors['Add Invoice Payment']).toBeUndefined();
			const started = outputs['Start Invoice'][0].json;
			expect(started).toMatchObject({ status: 'started', INVOICE_NUMBER: '5001', RET_STATUS: 'ok', RET_MAIN_MESSAGE: 'Successfully started the main invoice.' });
			expect(outputs['Add Invoice Payment'][0].json).toMatchObject({ status: 'paid', INVOICE_NUMBER: 5001, AMOUNT_PAID: 15, PAYMENT_CHECK_NUMBER: '1003' });
			expect(fresh.invoice(5001)).toMatchObject({ amount: '15.00', typeId: 3, paid: '15.00' });
			expect(fresh.payments).toEqual([
				expect.objectContaining({ invoiceNumber: 5001, amount: '15.00', moneyTypeId: 2, merchantSettingId: 1, payeeId: '3' }),
			]);
			expect(JSON.stringify(outputs)).not.toContain(DEMO_ADILAS_PASSWORD);
		} finally {
			await fresh.stop();
		}
	});
});
