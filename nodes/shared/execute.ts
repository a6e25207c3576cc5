import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toInputError, toNodeApiError, VendorError } from './errors';
import { InvalidInputError } from './money';
import { redactText } from './redact';

/** What every operation file exports: its fields and what it does for one input item. */
export interface OperationModule {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export interface RunContext {
	vendor: string;
	/** e.g. "CreatePayment": named in every error. */
	operationName: string;
	/** The credential's secrets, masked wherever an error could show them. */
	secrets: Array<string | undefined>;
}

/**
 * Runs an operation for every input item: each output item is paired with its input item, and
 * a failing item either stops the node (with the item's index) or, with "Continue On Fail",
 * carries its error while the other items still run.
 */
export async function runForEachItem(
	ctx: IExecuteFunctions,
	operation: OperationModule,
	getContext: () => Promise<RunContext>,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const returnData: INodeExecutionData[] = [];
	const context = await getContext();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute.call(ctx, itemIndex);
			const results = Array.isArray(result) ? result : [result];
			for (const json of results) returnData.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(ctx, error, itemIndex, context);
			if (ctx.continueOnFail()) {
				returnData.push({
					json: {
						error: nodeError.message,
						...(nodeError.description ? { errorDescription: nodeError.description } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return returnData;
}

export function toNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	context: RunContext,
): NodeApiError | NodeOperationError {
	const node = ctx.getNode();
	if (error instanceof InvalidInputError) return toInputError(node, error, itemIndex);
	if (error instanceof VendorError) {
		return toNodeApiError(node, error, {
			vendor: context.vendor,
			operation: context.operationName,
			itemIndex,
			secrets: context.secrets,
		});
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		error.message = redactText(error.message, context.secrets);
		if (error.description) error.description = redactText(error.description, context.secrets);
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	const message = redactText(error instanceof Error ? error.message : String(error), context.secrets);
	return new NodeOperationError(node, `${context.vendor} ${context.operationName} failed: ${message}`, {
		itemIndex,
	});
}
