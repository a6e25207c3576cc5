// The dropdowns of methods/loadOptions.ts.

import { DEMO_CNBS_SYSTEM_ID } from '../simulators/cnbsWebArDemo';
import { loadOptionsOf, simulatorForSuite, storeFor } from './fixtures';

const sim = simulatorForSuite();

describe('dropdowns read from customizing (n8n\'s LoadOptionsContext)', () => {
	test('company codes, payment reason codes and card types', async () => {
		expect(await loadOptionsOf(sim, 'getCompanyCodes')).toEqual([{ name: '3000 - Company 3000', value: '3000' }]);
		expect(await loadOptionsOf(sim, 'getPaymentReasonCodes')).toEqual([
			{ name: '(None)', value: '' },
			{ name: '01 - Partial payment, company code 3000', value: '01' },
			{ name: '02 - Disputed amount, company code 3000, comment required', value: '02' },
		]);
		expect(await loadOptionsOf(sim, 'getPaymentCardTypes')).toEqual([
			{ name: 'AMEX - American Express', value: 'AMEX' },
			{ name: 'MC - MasterCard', value: 'MC' },
			{ name: 'VISA - Visa', value: 'VISA' },
		]);
		const reads = sim.requestsTo('/cnbs/v1/customizing');
		expect(reads).toHaveLength(3);
		expect(reads[0].headers.cnbssysid).toBe(DEMO_CNBS_SYSTEM_ID);
	});

	test('a refused system ID fails the dropdown with CNBS\'s words, the ID masked', async () => {
		await expect(loadOptionsOf(sim, 'getCompanyCodes', storeFor(sim, { systemIdSecret: 'wrong-id-1234' }))).rejects.toThrow(
			'System ID is not valid for this system',
		);
	});
});
