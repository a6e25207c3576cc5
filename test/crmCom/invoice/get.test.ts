import type { INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { CrmComSimulator } from '../../simulators/crmCom';
import { rl, run, simulatorForSuite, storeFor } from '../fixtures';

const sim: CrmComSimulator = simulatorForSuite();

const get = (invoice: INodeParameterResourceLocator, additionalFields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'get',
	invoice_identifier: invoice,
	additionalFields,
});

describe('Invoice > Get (GET invoices/show)', () => {
	test.each([
		['number', 'INV002'],
		['id', '0B1C2D3E4F5061728394A5B6C7D8E9F0'],
		['reference_number', '2023'],
		['back_office_code', 'BO-INV002'],
	])('by %s: the identifier is written key=value in the query, the token as a query parameter', async (mode, value) => {
		const store = storeFor(sim);
		const result = await run(get(rl(mode, value)), undefined, { credentials: store });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			id: '0B1C2D3E4F5061728394A5B6C7D8E9F0',
			number: 'INV002',
			life_cycle_state: 'POSTED',
			total_amount: 50,
			outstanding_amount: 12.5,
		});
		const [request] = sim.requestsTo('invoices/show');
		expect(request.method).toBe('GET');
		expect(request.query).toEqual({ invoice_identifier: `${mode}=${value}`, token: store.get('crmComApi')?.sessionToken });
	});

	test('fields_set limits the answer; JSON mode works too', async () => {
		const result = await run(get(rl('json', '{"number":"INV001"}'), { fields_set: 'number,outstanding_amount' }));
		expect(result.items[0].json).toEqual({ number: 'INV001', outstanding_amount: 225 });
		expect(sim.requestsTo('invoices/show')[0].query.fields_set).toBe('number,outstanding_amount');
	});

	test('an unknown invoice fails with CRM.COM\'s message and code; Continue On Fail keeps the others', async () => {
		const result = await run(get(rl('number', '={{ $json.invoice }}')), [{ invoice: 'INV404' }, { invoice: 'INV003' }], { continueOnFail: true });
		expect(result.items[0].json.error).toBe('CRM.COM invoices/show failed: Invoice not found: number=INV404 [NOT_FOUND]');
		expect(result.items[1].json).toMatchObject({ number: 'INV003', outstanding_amount: 0 });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a missing invoice fails before anything is sent', async () => {
		const result = await run(get(rl('number', '={{ $json.invoice }}')), [{ invoice: ' ' }]);
		expect(result.error?.message).toMatch(/^Invoice: invoice_identifier is required/);
		expect(sim.requests).toHaveLength(0);
	});
});

