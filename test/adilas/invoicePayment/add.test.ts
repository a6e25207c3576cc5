import type { INodeType } from 'n8n-workflow';

import { ADD, run, simulatorForSuite, storeFor } from '../fixtures';

const sim = simulatorForSuite();

describe('Start -> Add as a workflow', () => {
	it('Add uses the input item\'s INVOICE_NUMBER by default', async () => {
		const withDefault = Object.fromEntries(Object.entries(ADD).filter(([key]) => key !== 'INVOICE_NUMBER'));
		const { items, error } = await run(withDefault, [{ INVOICE_NUMBER: '78' }]);
		expect(error).toBeUndefined();
		expect(items[0].json.INVOICE_NUMBER).toBe(78);
		expect(sim.payments[0].invoiceNumber).toBe(78);
	});
});

describe('Invoice Payment > Add', () => {
	it('dates default to the payment moment in the workflow\'s time zone', async () => {
		const { error } = await run(ADD, undefined, { timezone: 'Pacific/Kiritimati' });
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
		await run({ ...ADD, additionalFields: { TRANSACTION_DATE_TIME: '2015-03-24T23:30:00+02:00' } }, undefined, { timezone: 'America/Denver' });
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
		const { loadPackage } = await import('../../harness');
		const { nodeTypes } = await loadPackage();
		const properties = (nodeTypes.getByName('n8n-nodes-invoice-payments.adilas') as INodeType).description.properties;
		const notice = properties.find((property) => property.name === 'noBalanceNotice');
		expect(notice?.displayName).toMatch(/cannot read an invoice's balance/);
		expect(properties.find((property) => property.name === 'AMOUNT_PAID')?.hint).toMatch(/cannot tell how much is still open/);
		expect(properties.find((property) => property.name === 'MERCHANT_SETTING_ID')?.description).toMatch(/web_merchant_setting_id/);
	});
});

describe('bad input fails the item, naming the field, before anything is sent', () => {
	it.each([
		['a non-numeric invoice number', { INVOICE_NUMBER: 'INV-78' }, 'Invoice Number (INVOICE_NUMBER) must be a whole number'],
		['an empty invoice number (nothing mapped)', { INVOICE_NUMBER: '={{ $json.INVOICE_NUMBER }}' }, 'Invoice Number (INVOICE_NUMBER) is required'],
		['a zero amount', { AMOUNT_PAID: '0' }, 'Amount Paid (AMOUNT_PAID) must be greater than zero'],
		['a negative amount', { AMOUNT_PAID: '-5.00' }, 'Amount Paid (AMOUNT_PAID) must be positive'],
		['an amount with three decimals', { AMOUNT_PAID: '12.345' }, 'Amount Paid (AMOUNT_PAID) has more than 2 decimal places'],
		['an amount that is not a number', { AMOUNT_PAID: '12,50' }, 'Amount Paid (AMOUNT_PAID) must be a decimal amount'],
		['an impossible date', { additionalFields: { TRANSACTION_DATE: '2015-02-30' } }, 'Transaction Date (TRANSACTION_DATE) is not a valid date'],
		['an impossible date-time', { additionalFields: { TRANSACTION_DATE_TIME: '2015-03-24 25:61:00' } }, 'Transaction Date Time (TRANSACTION_DATE_TIME) is not a valid date'],
		['a CORP_ID that does not match the corp key', { additionalFields: { CORP_ID: '54' } }, 'CORP_ID 54 does not match the corp key PLA-0053'],
		['a non-numeric money type', { MONEY_TYPE_ID: 'byNumber', moneyTypeNumber: 'cash' }, 'Money Type ID must be a whole number'],
	])('%s', async (_name, change, message) => {
		const { error, items } = await run({ ...ADD, ...change });
		expect(items).toHaveLength(0);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('a corp key that is not like PLA-0053 is refused, naming the credential field', async () => {
		const { error } = await run(ADD, undefined, { credentials: storeFor(sim, { corpKey: '53' }) });
		expect(error?.message).toContain('Corp Key (API_CORP_KEY_ID) must look like PLA-0053');
		expect(sim.requests).toHaveLength(0);
	});
});
