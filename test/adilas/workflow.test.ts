/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import * as fs from 'fs';
import * as path from 'path';

import type { IDataObject, INode, INodeType } from 'n8n-workflow';

import { CredentialStore, REPO_ROOT } from '../harness';
import type { WorkflowDefinition } from '../harness/run-workflow';
import { runWorkflow } from '../harness/run-workflow';
import type { AdilasSimulator } from '../simulators/adilas';
import { adilasDemoCredentialData, createAdilasDemo, DEMO_ADILAS_PASSWORD } from '../simulators/adilasDemo';
import { ADD, START, useAdilasSuite } from './helpers';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'adilas-start-invoice-and-pay.json');

const { sim, run } = useAdilasSuite();

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

	it('Add uses the input item\'s INVOICE_NUMBER by default', async () => {
		const withDefault = Object.fromEntries(Object.entries(ADD).filter(([key]) => key !== 'INVOICE_NUMBER'));
		const { items, error } = await run(withDefault, { items: [{ INVOICE_NUMBER: '78' }] });
		expect(error).toBeUndefined();
		expect(items[0].json.INVOICE_NUMBER).toBe(78);
		expect(sim.payments[0].invoiceNumber).toBe(78);
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
		const { items, error } = await run(
			{
				...START,
				additionalFields: { EXTERNAL_PO_NUMBER: 'PO-7', INVOICE_CREATED_BY_ID: '178', PRINTABLE_INVOICE_NOTES: 'Thanks', ADJUSTED_DATE_TIME: '2015-03-24T11:54:00' },
			},
			{ timezone: 'Pacific/Kiritimati' },
		);
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

describe('Invoice Payment > Add', () => {
	it('dates default to the payment moment in the workflow\'s time zone', async () => {
		const { error } = await run(ADD, { timezone: 'Pacific/Kiritimati' });
		expect(error).toBeUndefined();
		const { transactionDate, transactionDateTime } = sim.payments[0];
		const parts = Object.fromEntries(
			new Intl.DateTimeFormat('en-GB', {
				timeZone: 'Pacific/Kiritimati',
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				hourCycle: 'h23',
			})
				.formatToParts(new Date())
				.map((part) => [part.type, part.value]),
		);
		expect(transactionDate).toBe(`${parts.year}-${parts.month}-${parts.day}`);
		expect(transactionDateTime).toMatch(new RegExp(`^${transactionDate} \\d{2}:\\d{2}:\\d{2}$`));
		expect(sim.payments[0].call.TRANSACTION_PROCESSED_BY_ID).toBe(0);
		expect(sim.payments[0].call.MERCHANT_SETTING_ID).toBe(1);
		expect(sim.payments[0].call.ACTUAL_TRANS_NUMBER).toBe('');
	});

	it('a date-time alone gives the date; a date alone keeps its day; no day shift through the time zone', async () => {
		await run({ ...ADD, additionalFields: { TRANSACTION_DATE_TIME: '2015-03-24T23:30:00+02:00' } }, { timezone: 'America/Denver' });
		expect(sim.payments[0]).toMatchObject({ transactionDate: '2015-03-24', transactionDateTime: '2015-03-24 23:30:00' });
		await run({ ...ADD, additionalFields: { TRANSACTION_DATE: '2015-03-24' } });
		expect(sim.payments[1].transactionDate).toBe('2015-03-24');
		expect(sim.payments[1].transactionDateTime).toMatch(/^2015-03-24 \d{2}:\d{2}:\d{2}$/);
	});

	it('any money type by number, when the corporation has it', async () => {
		(sim.options as { extraMoneyTypeIds?: number[] }).extraMoneyTypeIds = [31];
		try {
			const { error } = await run({ ...ADD, MONEY_TYPE_ID: 'byNumber', moneyTypeNumber: '31' });
			expect(error).toBeUndefined();
			expect(sim.payments[0].moneyTypeId).toBe(31);
		} finally {
			delete (sim.options as { extraMoneyTypeIds?: number[] }).extraMoneyTypeIds;
		}
	});

	it('says in its fields that adilas cannot read a balance', async () => {
		const { loadPackage } = await import('../harness');
		const { nodeTypes } = await loadPackage();
		const properties = (nodeTypes.getByName('n8n-nodes-invoice-payments.adilas') as INodeType).description.properties;
		const notice = properties.find((property) => property.name === 'noBalanceNotice');
		expect(notice?.displayName).toMatch(/cannot read an invoice's balance/);
		expect(properties.find((property) => property.name === 'AMOUNT_PAID')?.hint).toMatch(/cannot tell how much is still open/);
		expect(properties.find((property) => property.name === 'MERCHANT_SETTING_ID')?.description).toMatch(/web_merchant_setting_id/);
	});
});

describe('Other > Call Function', () => {
	it('key/value arguments with their types; CORP_ID added from the corp key; answer decoded', async () => {
		const { items, error } = await run({
			resource: 'other',
			operation: 'callFunction',
			API_CALL_FUNCTION_NAME: 'getSpecificCorpWideSettings',
			argumentsMode: 'keyValue',
			arguments: { argument: [{ name: 'FIELD_LIST', value: 'web_merchant_setting_id,corp_name', type: 'string' }] },
		});
		expect(error).toBeUndefined();
		expect(sim.calls[0].call).toMatchObject({ API_CALL_FUNCTION_NAME: 'getSpecificCorpWideSettings', CORP_ID: 53, FIELD_LIST: 'web_merchant_setting_id,corp_name' });
		// CORP_NAME came URL-encoded twice ("Demo%2520Corp%2520%2526%2520Sons").
		expect(sim.requests).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			function: 'getSpecificCorpWideSettings',
			RET_STATUS: 'ok',
			CORP_WIDE_SETTINGS_ARRAY: [{ WEB_MERCHANT_SETTING_ID: 1, CORP_NAME: 'Demo Corp & Sons' }],
		});
	});

	it('JSON arguments keep their JSON types; a number argument is sent as a number', async () => {
		await run({
			resource: 'other',
			operation: 'callFunction',
			API_CALL_FUNCTION_NAME: 'getCorpWideSettings',
			argumentsMode: 'json',
			argumentsJson: '{"CORP_ID": 53, "PAGE": 2, "ACTIVE": true}',
		});
		expect(sim.calls[0].call).toMatchObject({ CORP_ID: 53, PAGE: 2, ACTIVE: true });
		await run({
			resource: 'other',
			operation: 'callFunction',
			API_CALL_FUNCTION_NAME: 'getCorpWideSettings',
			arguments: { argument: [{ name: 'PAGE', value: '2', type: 'number' }] },
		});
		expect(sim.calls[1].call).toMatchObject({ CORP_ID: 53, PAGE: 2 });
	});

	it('refuses API_ keys among the arguments and a CORP_ID of another corporation, before sending', async () => {
		const base = { resource: 'other', operation: 'callFunction', API_CALL_FUNCTION_NAME: 'getCorpWideSettings', argumentsMode: 'json' };
		expect((await run({ ...base, argumentsJson: '{"API_USER_PASSWORD": "x"}' })).error?.message).toContain('API_USER_PASSWORD cannot be an argument');
		expect((await run({ ...base, argumentsJson: '{"CORP_ID": 54}' })).error?.message).toContain('CORP_ID 54 does not match');
		expect((await run({ ...base, argumentsJson: '[1]' })).error?.message).toContain('must be one JSON object');
		expect((await run({ ...base, API_CALL_FUNCTION_NAME: 'get settings' })).error?.message).toContain('Function Name (API_CALL_FUNCTION_NAME) must be a method name');
		expect(sim.requests).toHaveLength(0);
	});

	it('a closed method fails with adilas\'s words; dry run sends nothing', async () => {
		const closed = await run({ resource: 'other', operation: 'callFunction', API_CALL_FUNCTION_NAME: 'getInventoryItems' });
		expect(closed.error?.message).toContain('This API method is not enabled for this API user. Ask an adilas admin to turn the method on. [permission]');
		sim.reset();
		const dry = await run({ resource: 'other', operation: 'callFunction', API_CALL_FUNCTION_NAME: 'getInventoryItems', options: { dryRun: true } });
		expect(dry.items[0].json).toMatchObject({ status: 'dry run', function: 'getInventoryItems' });
		expect((dry.items[0].json.request as IDataObject).callObject).toMatchObject({ API_USER_PASSWORD: '***', CORP_ID: 53 });
		expect(sim.requests).toHaveLength(0);
	});
});
