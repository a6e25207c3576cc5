import { DEMO_CNBS_CARD } from '../../simulators/cnbsWebArDemo';
import { everythingShown, listDocuments, payParameters, run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

describe('Payment > Make Deposit and Get Many; Customizing > Get', () => {
	test('Payment > Get Many: one item per payment, the card tokens CNBS echoes are masked', async () => {
		const documents = await listDocuments(sim);
		await run(payParameters(), documents);
		const result = await run({
			resource: 'payment',
			operation: 'getMany',
			payer_number: '3000',
			company_code: '3000',
			filters: { date_from: '2017-01-01', date_to: '2099-12-31' },
		});
		expect(result.error).toBeUndefined();
		const [request] = sim.requestsTo((req) => req.method === 'GET' && req.path === '/cnbs/v1/invoices/payments');
		expect(request.query).toMatchObject({ payer_number: '3000', company_code: '3000', document_type: '02', date_from: '01-01-2017', date_to: '12-31-2099' });
		expect(request.body).toBe('');
		expect(result.items).toHaveLength(2);
		for (const item of result.items) {
			expect(item.json.payment_card_token).toBe('***000H');
			expect(typeof item.json.fiscal_year_of_the_relevant_invoice).toBe('number');
		}
		expect(everythingShown(result)).not.toContain(DEMO_CNBS_CARD.payment_card_token);
	});
});
