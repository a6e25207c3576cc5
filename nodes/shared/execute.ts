import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
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
	const items = ctx.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute.call(ctx, itemIndex);
			const results = Array.isArray(result) ? result : [result];
			for (const json of results) returnData.push({ json, pairedItem: { item: itemIndex } });
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
