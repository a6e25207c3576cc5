import type { IDataObject } from 'n8n-workflow';

import { DEMO_CNBS_CARD } from '../../simulators/cnbsWebArDemo';
import { everythingShown, payParameters, run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

describe('Payment > Make Deposit and Get Many; Customizing > Get', () => {
	test('Make Deposit sends payer_data, payment_detail and deposit_detail', async () => {
		const result = await run({
			...payParameters(),
			operation: 'makeDeposit',
			customer_number: '3000',
			company_code: '3000',
			amount_to_process: '150.5',
			currency_key: 'USD',
			reason_code: '02',
			comment: 'Advance',
		});
		expect(result.error).toBeUndefined();
		const [request] = sim.requestsTo('/cnbs/v1/invoices/deposits');
		expect(request.body).toContain('"amount_to_process":150.50');
		expect((request.json as IDataObject).deposit_detail).toEqual({ amount_to_process: 150.5, currency_key: 'USD', reason_code: '02', comment: 'Advance' });
		expect(((request.json as IDataObject).payment_detail as IDataObject).payment_card_token).toBe(DEMO_CNBS_CARD.payment_card_token);
		expect(result.items[0].json).toMatchObject({ status: 'deposited', amount_to_process: 150.5, currency_key: 'USD' });
		expect(sim.payments).toMatchObject([{ kind: 'deposit', amount: '150.50' }]);
		expect(everythingShown(result)).not.toContain(DEMO_CNBS_CARD.payment_card_token);
	});

	test('Make Deposit dry run sends nothing and masks the card data', async () => {
		const result = await run({ ...payParameters(), operation: 'makeDeposit', customer_number: '3000', company_code: '3000', amount_to_process: '10', options: { dryRun: true } });
		expect(sim.requests).toHaveLength(0);
		const request = result.items[0].json.request as IDataObject;
		expect(((request.body as IDataObject).payment_detail as IDataObject).payment_card_token).toBe('***000H');
		expect(((request.body as IDataObject).deposit_detail as IDataObject).amount_to_process).toBe(10);
	});
});
