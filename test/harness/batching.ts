import type { IDataObject, INodeParameters } from 'n8n-workflow';

/**
 * The two ways every no-double-payment test runs: one item at a time (no Batching option) and
 * with 10 items in flight at once. Use with `describe.each(BATCH_MODES)` and `withBatching`.
 */
export const BATCH_MODES: Array<[string, IDataObject]> = [
	['one at a time', {}],
	['at batch size 10', { batching: { batch: { batchSize: 10 } } }],
];

/** The node parameters with the batching of a BATCH_MODES entry merged into their Options. */
export function withBatching(parameters: INodeParameters, batching: IDataObject): INodeParameters {
	return { ...parameters, options: { ...(parameters.options as IDataObject | undefined), ...batching } as INodeParameters };
}
