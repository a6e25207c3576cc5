import { DEMO_CNBS_SYSTEM_ID } from '../../simulators/cnbsWebArDemo';
import { run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

describe('Payment > Make Deposit and Get Many; Customizing > Get', () => {
	test('Customizing > Get returns the customizing as one item', async () => {
		const result = await run({ resource: 'customizing', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.generel_data).toEqual({ partial_payments_allowed: 'X', cvv_use_control: '' });
		expect(result.items[0].json.status).toBeUndefined();
	});

	test('the system ID never appears in an error, even when CNBS echoes it', async () => {
		sim.forcedMessage = { type: 'E', text: `System ${DEMO_CNBS_SYSTEM_ID} is locked` };
		const result = await run({ resource: 'customizing', operation: 'get' });
		expect(result.error?.message).toBe('CNBS WebAR GET customizing failed: System *** is locked [/CNBS/X_API 99]');
		expect(JSON.stringify(result.error)).not.toContain(DEMO_CNBS_SYSTEM_ID);
	});
});
