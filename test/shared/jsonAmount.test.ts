import { jsonAmount, JsonAmount, toJsonWithAmounts } from '../../nodes/shared/jsonAmount';
import { parseAmount } from '../../nodes/shared/money';

describe('toJsonWithAmounts', () => {
	test('amounts are written as bare numbers with their decimals, other values as JSON.stringify writes them', () => {
		const body = {
			open_amount: jsonAmount(parseAmount('7000.5', 'open_amount')),
			amount_to_process: jsonAmount(parseAmount('3500.25', 'amount_to_process')),
			list: [jsonAmount(parseAmount(12, 'x')), 'text "quoted"', 2017],
			text: '7000.50',
		};
		const json = toJsonWithAmounts(body);
		expect(json).toBe('{"open_amount":7000.50,"amount_to_process":3500.25,"list":[12.00,"text \\"quoted\\"",2017],"text":"7000.50"}');
		expect(JSON.parse(json)).toEqual({ open_amount: 7000.5, amount_to_process: 3500.25, list: [12, 'text "quoted"', 2017], text: '7000.50' });
	});

	test('a JsonAmount with text that is not a number is never written unquoted', () => {
		expect(toJsonWithAmounts({ a: new JsonAmount('1e3') })).not.toContain(':1e3');
	});
});
