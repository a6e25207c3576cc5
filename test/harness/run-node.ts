import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
	ITaskData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, UnexpectedError, Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credentials';
import { HarnessCredentialsHelper } from './credentials';
import type { LoadedPackage } from './package-loader';
import { ITEMS_NODE_TYPE, loadPackage } from './package-loader';

const BASE_URL = 'http://localhost:5678';

/**
 * The `additionalData` n8n passes to an execution. URLs must be valid (getNodeParameter builds
 * `$execution.resumeUrl` from them); everything that needs a server (sub-workflows, task runners)
 * throws.
 */
export function createAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
	executionId = 'harness',
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};
	const additionalData = {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		variables: {},
		userId: 'harness-user',
		externalSecretsProxy: new ExternalSecretsProxy(),
		logAiEvent: () => {},
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask'),
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	/** Short (`cloudCommercePro`) or full (`n8n-nodes-invoice-payments.cloudCommercePro`) node type name. */
	nodeType: string;
	parameters: INodeParameters;
	/** Items the harness.items node emits (default `[{}]`). */
	items?: IDataObject[];
	credentials: CredentialStore;
	/**
	 * Credential type to attach to the node. Default: every credential the node declares that the
	 * store holds (or, if it holds none, the first one declared).
	 */
	credentialType?: string;
	/** Shorthand for `onError: 'continueRegularOutput'`. */
	continueOnFail?: boolean;
	onError?: INode['onError'];
	/** Default: the node's default version. */
	typeVersion?: number;
	/** Default: the repository root. */
	packageDir?: string;
	/** Default: the node's `defaults.name`. */
	nodeName?: string;
	/** Extra node settings (retryOnFail, alwaysOutputData, ...). */
	nodeSettings?: Partial<INode>;
	mode?: WorkflowExecuteMode;
	timezone?: string;
	/** The workflow's static data at the start (e.g. what an earlier execution left: `result.workflow.staticData`). */
	staticData?: IDataObject;
}

export interface RunNodeResult {
	/** The node's main output 0 (empty when the node failed). */
	items: INodeExecutionData[];
	/** All outputs of the node's first run. */
	outputs: INodeExecutionData[][];
	/**
	 * The error as the engine reports it: the node's taskData.error, else resultData.error.
	 * n8n-core stores a plain-object copy (`{ ...error, message, stack }`), so it is not
	 * `instanceof NodeApiError`: read `error.name` ('NodeApiError', 'NodeOperationError', ...),
	 * `message`, `description`, `httpCode` (NodeApiError), `context.itemIndex`.
	 */
	error?: ExecutionError;
	run: IRun;
	/** The node's task data (first run), if it ran. */
	taskData?: ITaskData;
	node: INode;
	/** `Workflow` used by the run (for advanced assertions). */
	workflow: Workflow;
	/** Retries this (failed) execution as n8n's execution list does: see `retryExecution`. */
	retry(options?: RetryExecutionOptions): Promise<RunNodeResult>;
}

function defaultVersion(pkg: LoadedPackage, fullType: string): number {
	const type = pkg.nodeTypes.getByName(fullType);
	if ('nodeVersions' in type) {
		return type.description.defaultVersion ?? type.currentVersion;
	}
	const { version, defaultVersion: def } = type.description;
	if (def !== undefined) return def;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/**
 * Builds `harness.items` → the package node and runs it in n8n-core's `WorkflowExecute`.
 * Parameter expressions (`={{ $json.x }}`) are evaluated per item by the engine.
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const pkg = await loadPackage(options.packageDir);
	const { nodeTypes, credentialTypes } = pkg;
	const fullType = nodeTypes.resolveName(options.nodeType);
	const typeVersion = options.typeVersion ?? defaultVersion(pkg, fullType);
	const versioned = nodeTypes.getByNameAndVersion(fullType, typeVersion);
	const nodeName = options.nodeName ?? versioned.description.defaults?.name ?? 'Node';
	if (nodeName === 'Items') throw new UnexpectedError('"Items" is the name of the harness input node');

	const declared = (versioned.description.credentials ?? []).map((c) => c.name);
	let credentialNames: string[];
	if (options.credentialType) {
		credentialNames = [options.credentialType];
	} else {
		credentialNames = declared.filter((name) => options.credentials.has(name));
		if (credentialNames.length === 0 && declared.length > 0) credentialNames = [declared[0]];
	}

	const itemsNode: INode = {
		id: 'harness-items',
		name: 'Items',
		type: ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.items ?? [{}]) },
	};
	const node: INode = {
		id: 'harness-node',
		name: nodeName,
		type: fullType,
		typeVersion,
		position: [200, 0],
		parameters: structuredClone(options.parameters),
		...(credentialNames.length > 0 && {
			credentials: Object.fromEntries(credentialNames.map((name) => [name, { id: '1', name: 'test' }])),
		}),
		...options.nodeSettings,
	};
	const onError = options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined);
	if (onError) node.onError = onError;

	const connections: IConnections = {
		[itemsNode.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
	};
	const workflowData: IWorkflowBase = {
		id: 'harness-workflow',
		name: 'Harness Workflow',
		active: false,
		isArchived: false,
		nodes: [itemsNode, node],
		connections,
		settings: { executionOrder: 'v1', ...(options.timezone && { timezone: options.timezone }) },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
		// As n8n stores it: JSON.
		staticData: options.staticData ? (JSON.parse(JSON.stringify(options.staticData)) as IDataObject) : undefined,
	});

	const mode = options.mode ?? 'manual';
	const credentialsHelper = new HarnessCredentialsHelper(options.credentials, credentialTypes, nodeTypes);

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(itemsNode.name)!,
					data: { main: [[{ json: {} }]] },
					source: null,
				},
			],
		},
	});

	return await execute({ workflow, workflowData, credentialsHelper, mode, runExecutionData, nodeName: node.name });
}

/** Runs prepared execution data in n8n-core's WorkflowExecute and reads the node's first run. */
async function execute(prepared: {
	workflow: Workflow;
	workflowData: IWorkflowBase;
	credentialsHelper: HarnessCredentialsHelper;
	mode: WorkflowExecuteMode;
	runExecutionData: IRunExecutionData;
	nodeName: string;
}): Promise<RunNodeResult> {
	const { workflow, workflowData, credentialsHelper, mode, runExecutionData, nodeName } = prepared;
	const hooks = new ExecutionLifecycleHooks(mode, 'harness', workflowData);
	let afterHookRun: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		afterHookRun = fullRunData;
	});
	const additionalData = createAdditionalData(credentialsHelper, hooks);
	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	// Resolves after the workflowExecuteAfter hook has run (n8n-core awaits it).
	const returned = await workflowExecute.processRunExecutionData(workflow);
	const run = afterHookRun ?? returned;
	const node = workflow.getNode(nodeName)!;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
	const error = (taskData?.error ?? run.data.resultData.error) as ExecutionError | undefined;
	return {
		items: outputs[0] ?? [],
		outputs,
		error,
		run,
		taskData,
		node,
		workflow,
		retry: async (retryOptions = {}) => await retryExecution(prepared, run, retryOptions),
	};
}

export interface RetryExecutionOptions {
	/**
	 * Drop the failed execution's context data (where a paying node keeps its ledger), as if n8n
	 * had not kept it: the node must then tell from the vendor, or refuse.
	 */
	withoutContext?: boolean;
}

/**
 * Retries a failed execution as n8n's "Retry" buttons do (n8n's ExecutionService.retry): a new
 * execution in mode `retry` from the failed execution's data as n8n stored it (a JSON copy),
 * without its error and without the failed node's failed run, so that the failed node runs again
 * on the same input.
 */
async function retryExecution(
	prepared: Parameters<typeof execute>[0],
	failed: IRun,
	options: RetryExecutionOptions,
): Promise<RunNodeResult> {
	const data = JSON.parse(JSON.stringify(failed.data)) as IRunExecutionData;
	const { lastNodeExecuted } = data.resultData;
	if (lastNodeExecuted) {
		delete data.resultData.error;
		const nodeRunData = data.resultData.runData?.[lastNodeExecuted];
		if (nodeRunData && nodeRunData.length > 0 && nodeRunData[nodeRunData.length - 1].error !== undefined) nodeRunData.pop();
	}
	if (options.withoutContext && data.executionData) data.executionData.contextData = {};
	return await execute({ ...prepared, mode: 'retry', runExecutionData: data });
}
