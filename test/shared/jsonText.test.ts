import { jsonDecimal, JsonDecimal, toJsonText, toPlainJson } from '../../nodes/shared/jsonText';
import { parseAmount } from '../../nodes/shared/money';

describe('toJsonText: decimals written with exactly their digits', () => {
	test('amounts are bare numbers with their decimals; other values as JSON.stringify writes them', () => {
		const body = {
			open_amount: jsonDecimal(parseAmount('7000.5', 'open_amount')),
			amount_to_process: jsonDecimal(parseAmount('3500.25', 'amount_to_process')),
			rate: new JsonDecimal('0.0725'),
			list: [jsonDecimal(parseAmount(12, 'x')), 'text "quoted"', 2017],
			text: '7000.50',
			left_out: undefined,
		};
		const json = toJsonText(body);
		expect(json).toBe(
			'{"open_amount":7000.50,"amount_to_process":3500.25,"rate":0.0725,"list":[12.00,"text \\"quoted\\"",2017],"text":"7000.50"}',
		);
		expect(toPlainJson(body)).toEqual(JSON.parse(json));
	});

	test('a value that is not a decimal number can never be written unquoted', () => {
		expect(() => new JsonDecimal('1e3')).toThrow('Not a decimal number');
		expect(() => new JsonDecimal('1,"x":2')).toThrow('Not a decimal number');
	});
});
