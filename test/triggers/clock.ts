/** Everything jest's fake timers can fake but Date: the HTTP stack's timers keep running. */
export const NOT_THE_CLOCK: FakeableAPI[] = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
];

type FakeableAPI = NonNullable<Parameters<typeof jest.useFakeTimers>[0]>['doNotFake'] extends (infer T)[] | undefined ? T : never;
