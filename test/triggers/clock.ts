/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import type { Config } from '@jest/types';

/** Everything jest's fake timers can fake but Date: the HTTP stack's timers keep running. */
export const NOT_THE_CLOCK: Config.FakeableAPI[] = [
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
