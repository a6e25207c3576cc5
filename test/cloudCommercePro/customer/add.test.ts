
import { run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

describe('Cloud Commerce Pro node in the n8n engine', () => {
	describe('Customer > Add', () => {
		const customer = {
			resource: 'customer',
			operation: 'add',
			SalesChannelID: '36',
			CompanyName: 'Acme & Sons',
			TradingName: 'Acme',
			FirstName: 'Jane',
			LastName: 'Doe',
			EmailAddress: '={{ $json.email }}',
			additionalFields: { otherFields: { field: [{ name: 'Telephone', value: '0123 456' }, { name: 'Mobile', value: '' }] } },
		};

		it('adds a customer, and returns the existing one for the same e-mail', async () => {
			const { items, error } = await run(customer, [{ email: 'jane@acme.test' }, { email: 'JANE@acme.test' }]);
			expect(error).toBeUndefined();
			expect(items[0].json.customerId).toBe(items[1].json.customerId);
			expect(sim.customers.filter((entry) => entry.emailAddress.toLowerCase() === 'jane@acme.test')).toHaveLength(1);
			const added = sim.customers.find((entry) => entry.emailAddress === 'jane@acme.test');
			expect(added?.companyName).toBe('Acme & Sons');
			expect(added?.fields).toHaveProperty('Telephone', '0123 456');
			expect(added?.fields).not.toHaveProperty('Mobile');
		});

		it('refuses a malformed e-mail before sending', async () => {
			const { error } = await run(customer, [{ email: 'not-an-email' }]);
			expect(error?.message).toContain('Email Address (EmailAddress) is not an e-mail address');
			expect(sim.requests).toHaveLength(0);
		});
	});
});
