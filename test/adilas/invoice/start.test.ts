import type { IDataObject, INode } from 'n8n-workflow';

import { CredentialStore } from '../../harness';
import type { WorkflowDefinition } from '../../harness/run-workflow';
import { runWorkflow } from '../../harness/run-workflow';
import { adilasDemoCredentialData } from '../../simulators/adilasDemo';
import { findInvoiceNumber } from '../../../nodes/Adilas/actions/invoice/start.operation';
import { ADD, run, simulatorForSuite, START } from '../fixtures';

const sim = simulatorForSuite();

function twoNodeWorkflow(start: IDataObject, add: IDataObject): WorkflowDefinition {
	const node = (name: string, parameters: IDataObject, x: number): INode => ({
		id: name,
		name,
		type: 'n8n-nodes-invoice-payments.adilas',
		typeVersion: 1,
		position: [x, 0],
		parameters: parameters as INode['parameters'],
		credentials: { adilasApi: { id: '1', name: 'adilas' } },
	});
	return {
		nodes: [
			{ id: 'trigger', name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			node('Start', start, 200),
			node('Add', add, 400),
		],
		connections: {
			Trigger: { main: [[{ node: 'Start', type: 'main', index: 0 }]] },
			Start: { main: [[{ node: 'Add', type: 'main', index: 0 }]] },
		},
	};
}

describe('Start -> Add as a workflow', () => {
	it.each([
		['a MAIN_INVOICE_ID key (the simulator\'s default)', undefined, '5001'],
		['an INVOICE_NUMBER key, as text', (n: number) => ({ INVOICE_NUMBER: String(n) }), '5001'],
		['a nested array', (n: number) => ({ INVOICE_ARRAY: [{ CUSTOMER_ID: 1, MAIN_INVOICE_NUMBER: n }] }), '5001'],
	])('reads the new number from %s, so Add needs no mapping', async (_name, shape, expected) => {
		if (shape) (sim.options as { invoiceNumberShape?: unknown }).invoiceNumberShape = shape;
		try {
			const { outputs, errors } = await runWorkflow(
				twoNodeWorkflow(START, { ...ADD, INVOICE_NUMBER: '={{ $json.INVOICE_NUMBER }}' }),
				new CredentialStore({ adilasApi: adilasDemoCredentialData(sim.baseUrl) }),
			);
			expect(errors.Add).toBeUndefined();
			expect(outputs.Start[0].json.INVOICE_NUMBER).toBe(expected);
			expect(sim.payments.map((payment) => payment.invoiceNumber)).toEqual([Number(expected)]);
		} finally {
			delete (sim.options as { invoiceNumberShape?: unknown }).invoiceNumberShape;
		}
	});

	it('an answer without a known number key: Start says so, and Add then refuses without sending', async () => {
		(sim.options as { invoiceNumberShape?: unknown }).invoiceNumberShape = (n: number) => ({ RESULT: `created ${n}` });
		try {
			const { outputs, errors } = await runWorkflow(
				twoNodeWorkflow(START, { ...ADD, INVOICE_NUMBER: '={{ $json.INVOICE_NUMBER }}' }),
				new CredentialStore({ adilasApi: adilasDemoCredentialData(sim.baseUrl) }),
			);
			expect(outputs.Start[0].json.warning).toContain('no invoice number under a known key');
			expect(outputs.Start[0].json.RESULT).toBe('created 5001');
			expect(errors.Add?.message).toContain('Invoice Number (INVOICE_NUMBER) is required');
			expect(sim.invoices).toHaveLength(3);
			expect(sim.payments).toHaveLength(0);
		} finally {
			delete (sim.options as { invoiceNumberShape?: unknown }).invoiceNumberShape;
		}
	});
});

describe('Invoice > Start', () => {
	it('sends startMainInvoice with its arguments and types; empty optional ones are left out; INVOICE_DATE defaults to today in the workflow time zone', async () => {
		const { items, error } = await run({
				...START,
				additionalFields: { EXTERNAL_PO_NUMBER: 'PO-7', INVOICE_CREATED_BY_ID: '178', PRINTABLE_INVOICE_NOTES: 'Thanks', ADJUSTED_DATE_TIME: '2015-03-24T11:54:00' },
			}, undefined, { timezone: 'Pacific/Kiritimati' });
		expect(error).toBeUndefined();
		const call = sim.calls[0].call;
		expect(call).toMatchObject({
			API_CALL_FUNCTION_NAME: 'startMainInvoice',
			ADJUSTED_DATE_TIME: '2015-03-24 11:54:00',
			CORP_ID: 53,
			CUSTOMER_ID: 1,
			EXTERNAL_PO_NUMBER: 'PO-7',
			INVOICE_AMOUNT: 15,
			INVOICE_CREATED_BY_ID: 178,
			PRINTABLE_INVOICE_NOTES: 'Thanks',
			INVOICE_TYPE_ID: 3,
		});
		expect(call).not.toHaveProperty('INVOICE_NOTES');
		const todayThere = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
		expect(call.INVOICE_DATE).toBe(todayThere);
		expect(items[0].json).toMatchObject({ status: 'started', INVOICE_NUMBER: '5001', invoiceNumberReadFrom: 'MAIN_INVOICE_ID' });
	});

	it('dry run shows the call object with the password masked and starts nothing', async () => {
		const { items } = await run({ ...START, options: { dryRun: true } });
		expect(items[0].json).toMatchObject({ status: 'dry run', function: 'startMainInvoice' });
		expect((items[0].json.request as IDataObject).callObject).toMatchObject({ API_USER_PASSWORD: '***', API_CALL_FUNCTION_NAME: 'startMainInvoice' });
		expect(sim.requests).toHaveLength(0);
	});
});

describe('reading adilas answers', () => {
	it('finds a new invoice number under the known keys, at the top or nested, and ignores other IDs', () => {
		expect(findInvoiceNumber({ RET_STATUS: 'ok', MAIN_INVOICE_ID: 81 })).toEqual({ value: '81', key: 'MAIN_INVOICE_ID' });
		expect(findInvoiceNumber({ main_invoice_number: '0082' })).toEqual({ value: '82', key: 'main_invoice_number' });
		expect(findInvoiceNumber({ DATA_ARRAY: [{ CUSTOMER_ID: 1, INVOICE_CREATED_BY_ID: 178, INVOICE_ID: 83 }] })).toEqual({
			value: '83',
			key: 'DATA_ARRAY[0].INVOICE_ID',
		});
		expect(findInvoiceNumber({ CUSTOMER_ID: 1, INVOICE_TYPE_ID: 2, INVOICE_CREATED_BY_ID: 178 })).toBeUndefined();
		expect(findInvoiceNumber({ INVOICE_NUMBER: 0 })).toBeUndefined();
	});
});

describe('bad input fails the item, naming the field, before anything is sent', () => {
	it('Start refuses a mismatching CORP_ID and a bad customer too', async () => {
		const start = { resource: 'invoice', operation: 'start', CUSTOMER_ID: '1', INVOICE_TYPE_ID: 2, INVOICE_AMOUNT: '10' };
		expect((await run({ ...start, additionalFields: { CORP_ID: '7' } })).error?.message).toContain('CORP_ID 7 does not match');
		expect((await run({ ...start, CUSTOMER_ID: 'walk-in' })).error?.message).toContain('Customer ID (CUSTOMER_ID) must be a whole number');
		expect((await run({ ...start, INVOICE_AMOUNT: '-1' })).error?.message).toContain('Invoice Amount (INVOICE_AMOUNT) must be positive');
		expect(sim.requests).toHaveLength(0);
	});
});
