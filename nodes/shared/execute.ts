import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toInputError, toNodeApiError, VendorError } from './errors';
import { InvalidInputError } from './money';
import { redactText } from './redact';

/** An output item that carries binary data too (e.g. a downloaded PDF). */
export class ItemWithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** What an operation returns for one input item: one output item or several. */
export type OperationResult = IDataObject | ItemWithBinary | Array<IDataObject | ItemWithBinary>;

/** One input item's outcome, for operations that handle all items of a run together. */
export type ItemOutcome = { itemIndex: number; result: OperationResult } | { itemIndex: number; error: unknown };

/**
 * What every operation file exports: its fields and what it does for one input item, or, for an
 * operation that sends several items in one request (e.g. one payment for many documents),
 * `executeItems`, which gets every item index of the run and returns one outcome per item.
 */
export interface OperationModule {
	execute?(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
	executeItems?(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]>;
}

export interface RunContext {
	vendor: string;
	/** e.g. "CreatePayment": named in every error. */
	operationName: string;
	/**
	 * The credential's secrets, masked wherever an error could show them. Read when an error is
	 * built, so a session token renewed during the run is masked too.
	 */
	secrets: () => Promise<Array<string | undefined>>;
}

/** resource → operation → the module and the vendor call its errors name. */
export type OperationTable = Record<string, Record<string, { module: OperationModule; name: string }>>;

export interface VendorDescription {
	vendor: string;
	credentialType: string;
	secretsOf: (credentials: ICredentialDataDecryptedObject) => Array<string | undefined>;
}

/** The `execute` of every vendor node: picks the operation and runs it for each item. */
export async function routeOperation(
	ctx: IExecuteFunctions,
	operations: OperationTable,
	vendor: VendorDescription,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const entry = operations[resource]?.[operation];
	if (!entry) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const output = await runForEachItem(ctx, entry.module, {
		vendor: vendor.vendor,
		operationName: entry.name,
		secrets: async () => vendor.secretsOf(await ctx.getCredentials(vendor.credentialType)),
	});
	return [output];
}

/**
 * Runs an operation for every input item: each output item is paired with its input item, and
 * a failing item either stops the node (with the item's index) or, with "Continue On Fail",
 * carries its error while the other items still run.
 */
export async function runForEachItem(
	ctx: IExecuteFunctions,
	operation: OperationModule,
	context: RunContext,
): Promise<INodeExecutionData[]> {
	const itemIndexes = ctx.getInputData().map((_, itemIndex) => itemIndex);
	const outcomes = operation.executeItems
		? orderedOutcomes(await operation.executeItems.call(ctx, itemIndexes), itemIndexes)
		: undefined;
	const returnData: INodeExecutionData[] = [];
	for (const itemIndex of itemIndexes) {
		try {
			const result = outcomes ? settled(outcomes[itemIndex]) : await runOne(ctx, operation, itemIndex);
			const results = Array.isArray(result) ? result : [result];
			for (const entry of results) returnData.push(outputItem(entry, itemIndex));
		} catch (error) {
			const secrets = await context.secrets().catch(() => []);
			const nodeError = toNodeError(ctx, error, itemIndex, { ...context, secrets });
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

async function runOne(ctx: IExecuteFunctions, operation: OperationModule, itemIndex: number): Promise<OperationResult> {
	if (!operation.execute) throw new NodeOperationError(ctx.getNode(), 'The operation has no execute function');
	return await operation.execute.call(ctx, itemIndex);
}

function outputItem(entry: IDataObject | ItemWithBinary, itemIndex: number): INodeExecutionData {
	if (entry instanceof ItemWithBinary) return { json: entry.json, binary: entry.binary, pairedItem: { item: itemIndex } };
	return { json: entry, pairedItem: { item: itemIndex } };
}

/** One outcome per item index, in input order; an item the operation did not report on is a failure. */
function orderedOutcomes(outcomes: ItemOutcome[], itemIndexes: number[]): ItemOutcome[] {
	const byIndex: ItemOutcome[] = [];
	for (const outcome of outcomes) byIndex[outcome.itemIndex] = outcome;
	return itemIndexes.map(
		(itemIndex) =>
			byIndex[itemIndex] ?? { itemIndex, error: new Error(`No outcome was reported for item ${itemIndex}`) },
	);
}

function settled(outcome: ItemOutcome): OperationResult {
	if ('error' in outcome) throw outcome.error;
	return outcome.result;
}

export function toNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	context: { vendor: string; operationName: string; secrets: Array<string | undefined> },
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
