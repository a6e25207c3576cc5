import { copyPlain } from '../../nodes/shared/itemParameter';

describe('copyPlain: the copy readFields and nodeParameter hand out', () => {
	test('plain data: the same as structuredClone, and nothing shared with the original', () => {
		const value = { a: 'text', b: 12.5, c: true, d: null, e: undefined, list: [1, { x: ['y'] }, null], nested: { __rl: true, mode: 'id', value: '7' } };
		const copy = copyPlain(value);
		expect(copy).toEqual(value);
		expect(JSON.stringify(copy)).toBe(JSON.stringify(structuredClone(value)));
		expect(Object.keys(copy)).toEqual(Object.keys(value));
		expect(copy).not.toBe(value);
		expect(copy.list).not.toBe(value.list);
		expect(copy.list[1]).not.toBe(value.list[1]);
		expect(copy.nested).not.toBe(value.nested);
		copy.nested.value = '8';
		expect(value.nested.value).toBe('7');
		expect(copyPlain('text')).toBe('text');
		expect(copyPlain(null)).toBeNull();
	});

	test('anything else inside, a cycle or a very deep value: copied by structuredClone', () => {
		const date = new Date('2021-10-22T12:01:44Z');
		const withDate = copyPlain({ when: date });
		expect(withDate.when).toEqual(date);
		expect(withDate.when).not.toBe(date);
		const cyclic: Record<string, unknown> = { name: 'loop' };
		cyclic.self = cyclic;
		const copy = copyPlain(cyclic);
		expect(copy.self).toBe(copy);
		let deep: Record<string, unknown> = { leaf: 1 };
		for (let level = 0; level < 200; level++) deep = { deep };
		expect(JSON.stringify(copyPlain(deep))).toBe(JSON.stringify(deep));
	});

	test('a key named __proto__ stays an entry, as structuredClone keeps it', () => {
		const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
		const copy = copyPlain(value);
		expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
		expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
		expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
	});
});
