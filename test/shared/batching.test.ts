/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in Node and jest, never ships to n8n */
import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../nodes/shared/execute';
import { readBatching, runForEachItem } from '../../nodes/shared/execute';
import { batchingOption, dryRunOption, optionsCollection, timeoutOption } from '../../nodes/shared/fields';
import { credentialsOnce, perRun, RequestGate, singleFlight } from '../../nodes/shared/runState';

/** The parts of n8n's execute context the runner uses, with an Options parameter. */
function context(items: IDataObject[], options: IDataObject | undefined, continueOnFail = false): IExecuteFunctions {
	const node = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	return {
		getInputData: () => items.map((json) => ({ json })),
		continueOnFail: () => continueOnFail,
		getNode: () => node,
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => {
			const value = name.split('.').reduce<unknown>((at, key) => (at as IDataObject | undefined)?.[key], { options });
			return value === undefined ? fallback : value;
		},
	} as unknown as IExecuteFunctions;
}

const run = { vendor: 'Test', operationName: 'op', secrets: async () => [] };

/** An operation whose items take different times, recording how many run at once. */
function timedOperation(delays: number[]) {
	const seen = { running: 0, most: 0, started: [] as number[] };
	const operation: OperationModule = {
		async execute(itemIndex: number) {
			seen.started.push(itemIndex);
			seen.running++;
			seen.most = Math.max(seen.most, seen.running);
			await new Promise((resolve) => setTimeout(resolve, delays[itemIndex] ?? 1));
			seen.running--;
			if (delays[itemIndex] < 0) throw new Error(`item ${itemIndex} failed`);
			return { item: itemIndex };
		},
	};
	return { operation, seen };
}

describe('the Batching option', () => {
	test('every Options collection gets it, in alphabetical place, once', () => {
		const names = (collection: INodeProperties) => (collection.options as INodeProperties[]).map((option) => option.name);
		expect(names(optionsCollection({ resource: ['a'] }, [dryRunOption, timeoutOption]))).toEqual(['batching', 'dryRun', 'timeout']);
		expect(names(optionsCollection({ resource: ['a'] }, []))).toEqual(['batching']);
		expect(names(optionsCollection({ resource: ['a'] }, [batchingOption, timeoutOption]))).toEqual(['batching', 'timeout']);
		const early = { ...timeoutOption, displayName: 'Alpha', name: 'alpha' };
		expect(names(optionsCollection({ resource: ['a'] }, [early, timeoutOption]))).toEqual(['alpha', 'batching', 'timeout']);
	});

	test('without it one item at a time; added, 10 at once; 0 counts as 1; nonsense is refused', () => {
		expect(readBatching(context([{}], undefined))).toEqual({ size: 1, intervalMs: 0 });
		expect(readBatching(context([{}], { timeout: 5000 }))).toEqual({ size: 1, intervalMs: 0 });
		expect(readBatching(context([{}], { batching: { batch: {} } }))).toEqual({ size: 10, intervalMs: 0 });
		expect(readBatching(context([{}], { batching: { batch: { batchSize: 0 } } }))).toEqual({ size: 1, intervalMs: 0 });
		expect(readBatching(context([{}], { batching: { batch: { batchSize: 25, batchInterval: 500 } } }))).toEqual({ size: 25, intervalMs: 500 });
		expect(() => readBatching(context([{}], { batching: { batch: { batchSize: 'many' } } }))).toThrow('Items per Batch must be a whole number');
		expect(() => readBatching(context([{}], { batching: { batch: { batchInterval: -5 } } }))).toThrow('Batch Interval (Ms) must be 0 or more');
	});
});

describe('runForEachItem with several items at once', () => {
	test('at most Items per Batch run at once, and the output keeps input order and pairing', async () => {
		// Early items take longest, so they finish after later ones.
		const delays = Array.from({ length: 25 }, (_, index) => 40 - index);
		const { operation, seen } = timedOperation(delays);
		const output = await runForEachItem(context(delays.map(() => ({})), { batching: { batch: { batchSize: 10 } } }), operation, run);
		expect(seen.most).toBe(10);
		expect(seen.started).toEqual(delays.map((_, index) => index));
		expect(output.map((item) => [item.json.item, item.pairedItem])).toEqual(delays.map((_, index) => [index, { item: index }]));
	});

	test('without the option, one at a time', async () => {
		const { operation, seen } = timedOperation([5, 5, 5, 5]);
		await runForEachItem(context([{}, {}, {}, {}], undefined), operation, run);
		expect(seen.most).toBe(1);
	});

	test('with Continue On Fail a failure in the middle of a batch fails that item only', async () => {
		const delays = [5, 5, 5, -5, 5, 5, 5, 5];
		const { operation } = timedOperation(delays);
		const output = await runForEachItem(context(delays.map(() => ({})), { batching: { batch: { batchSize: 10 } } }, true), operation, run);
		expect(output.map((item) => item.json.item ?? item.json.error)).toEqual([0, 1, 2, 'Test op failed: item 3 failed', 4, 5, 6, 7]);
		expect(output.map((item) => item.pairedItem)).toEqual(delays.map((_, index) => ({ item: index })));
	});

	test('without Continue On Fail no item starts after a failure, and the node fails with the first failing item', async () => {
		const delays = Array.from({ length: 30 }, () => 5);
		delays[4] = -1;
		delays[6] = -1;
		const { operation, seen } = timedOperation(delays);
		await expect(
			runForEachItem(context(delays.map(() => ({})), { batching: { batch: { batchSize: 3 } } }), operation, run),
		).rejects.toMatchObject({ message: 'Test op failed: item 4 failed', context: { itemIndex: 4 } });
		expect(seen.started.length).toBeLessThan(10);
	});

	test('items with the same key run one after the other, in input order', async () => {
		const order: string[] = [];
		const keys = ['a', 'b', 'a', 'c', 'a'];
		const operation: OperationModule = {
			itemKey: (itemIndex: number) => keys[itemIndex],
			async execute(itemIndex: number) {
				order.push(`start ${itemIndex}`);
				await new Promise((resolve) => setTimeout(resolve, itemIndex === 0 ? 30 : 5));
				order.push(`end ${itemIndex}`);
				return { item: itemIndex };
			},
		};
		const output = await runForEachItem(context(keys.map(() => ({})), { batching: { batch: { batchSize: 10 } } }), operation, run);
		expect(output.map((item) => item.json.item)).toEqual([0, 1, 2, 3, 4]);
		// "a" items never overlap: 2 starts after 0 ended, 4 after 2 ended; b and c did not wait for a.
		expect(order.indexOf('start 2')).toBeGreaterThan(order.indexOf('end 0'));
		expect(order.indexOf('start 4')).toBeGreaterThan(order.indexOf('end 2'));
		expect(order.indexOf('end 1')).toBeLessThan(order.indexOf('end 0'));
	});

	test('without Continue On Fail an item waiting behind its key does not start after another item failed', async () => {
		const started: number[] = [];
		const keys = ['a', 'b', 'a'];
		const operation: OperationModule = {
			itemKey: (itemIndex: number) => keys[itemIndex],
			async execute(itemIndex: number) {
				started.push(itemIndex);
				await new Promise((resolve) => setTimeout(resolve, itemIndex === 0 ? 30 : 5));
				if (itemIndex === 1) throw new Error('item 1 failed');
				return { item: itemIndex };
			},
		};
		await expect(
			runForEachItem(context(keys.map(() => ({})), { batching: { batch: { batchSize: 10 } } }), operation, run),
		).rejects.toMatchObject({ message: 'Test op failed: item 1 failed', context: { itemIndex: 1 } });
		expect(started).toEqual([0, 1]);
	});

	test('with a Batch Interval, batches follow each other with the pause in between', async () => {
		const starts: number[] = [];
		const operation: OperationModule = {
			async execute(itemIndex: number) {
				starts[itemIndex] = Date.now();
				return { item: itemIndex };
			},
		};
		await runForEachItem(context([{}, {}, {}, {}, {}], { batching: { batch: { batchSize: 2, batchInterval: 200 } } }), operation, run);
		expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(150);
		expect(starts[4] - starts[3]).toBeGreaterThanOrEqual(150);
		expect(starts[1] - starts[0]).toBeLessThan(150);
	});
});

describe('per-run state', () => {
	test('perRun creates once per context and key; another run (context) gets its own', () => {
		const first = {};
		const second = {};
		let created = 0;
		const make = () => ({ n: ++created });
		expect(perRun(first, 'k', make)).toBe(perRun(first, 'k', make));
		expect(perRun(second, 'k', make)).not.toBe(perRun(first, 'k', make));
		expect(created).toBe(2);
	});

	test('singleFlight: concurrent callers share one run of the task; a later caller starts a new one', async () => {
		const ctx = {};
		let runs = 0;
		const signOn = () =>
			singleFlight(ctx, 'signOn', async () => {
				runs++;
				await new Promise((resolve) => setTimeout(resolve, 20));
				return `token ${runs}`;
			});
		expect(await Promise.all(Array.from({ length: 10 }, signOn))).toEqual(Array.from({ length: 10 }, () => 'token 1'));
		expect(await signOn()).toBe('token 2');
		expect(runs).toBe(2);
	});

	test('singleFlight: a failure reaches every waiting caller and is not remembered', async () => {
		const ctx = {};
		let calls = 0;
		const task = async () => {
			calls++;
			await new Promise((resolve) => setTimeout(resolve, 5));
			if (calls === 1) throw new Error('refused');
			return 'ok';
		};
		const results = await Promise.allSettled([singleFlight(ctx, 'x', task), singleFlight(ctx, 'x', task)]);
		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
		expect(await singleFlight(ctx, 'x', task)).toBe('ok');
	});

	test('credentialsOnce reads the credential once per run, and again after a failed read', async () => {
		let reads = 0;
		const ctx = {
			getCredentials: async () => {
				reads++;
				if (reads === 1) throw new Error('not yet');
				return { url: 'https://vendor.test' };
			},
		} as unknown as IExecuteFunctions;
		await expect(credentialsOnce(ctx, 'vendorApi')).rejects.toThrow('not yet');
		const all = await Promise.all(Array.from({ length: 5 }, () => credentialsOnce(ctx, 'vendorApi')));
		expect(all.every((data) => data === all[0])).toBe(true);
		expect(reads).toBe(2);
	});

	test('a request gate held until a time makes every caller wait for it', async () => {
		const gate = new RequestGate();
		const started = Date.now();
		await gate.pass();
		expect(Date.now() - started).toBeLessThan(50);
		gate.holdUntil(Date.now() + 150);
		gate.holdUntil(Date.now() + 10); // an earlier time does not shorten the wait
		const passed = await Promise.all([gate.pass(), gate.pass()].map((wait) => wait.then(() => Date.now())));
		for (const time of passed) expect(time - started).toBeGreaterThanOrEqual(140);
	});
});
