import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { ExecutionError, IConnections, INode, INodeExecutionData, IRun, IWorkflowBase } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credentials';
import { HarnessCredentialsHelper } from './credentials';
import { ITEMS_NODE_TYPE, loadPackage } from './package-loader';
import { createAdditionalData } from './run-node';

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

export interface WorkflowDefinition {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowBase['settings'];
}

export interface RunWorkflowResult {
	run: IRun;
	/** Main output 0 of each node's first run, by node name. */
	outputs: Record<string, INodeExecutionData[]>;
	/** Each node's error (first run), by node name. */
	errors: Record<string, ExecutionError | undefined>;
}

/**
 * Runs a whole workflow (e.g. one of examples/*.json) in n8n-core's WorkflowExecute. Only this
 * package's nodes are loaded: a Manual Trigger is replaced by the harness items node emitting one
 * empty item, which is what a Manual Trigger emits.
 */
export async function runWorkflow(definition: WorkflowDefinition, credentials: CredentialStore): Promise<RunWorkflowResult> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const nodes: INode[] = definition.nodes.map((node) => {
		const copy = structuredClone(node);
		if (copy.type === MANUAL_TRIGGER) {
			copy.type = ITEMS_NODE_TYPE;
			copy.parameters = { items: JSON.stringify([{}]) };
		}
		return copy;
	});
	const start = nodes.find((node) => node.type === ITEMS_NODE_TYPE);
	if (!start) throw new Error('runWorkflow needs a Manual Trigger as its first node');

	const settings = { executionOrder: 'v1' as const, ...definition.settings };
	const workflowData = {
		id: 'harness-workflow',
		name: 'Harness Workflow',
		active: false,
		isArchived: false,
		nodes,
		connections: definition.connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections: definition.connections,
		active: false,
		nodeTypes,
		settings,
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'harness', workflowData);
	let afterHookRun: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		afterHookRun = fullRunData;
	});
	const credentialsHelper = new HarnessCredentialsHelper(credentials, credentialTypes, nodeTypes);
	const additionalData = createAdditionalData(credentialsHelper, hooks);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode(start.name)!, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const returned = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = afterHookRun ?? returned;
	const outputs: Record<string, INodeExecutionData[]> = {};
	const errors: Record<string, ExecutionError | undefined> = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		outputs[name] = tasks[0]?.data?.main?.[0] ?? [];
		errors[name] = tasks[0]?.error as ExecutionError | undefined;
	}
	return { run, outputs, errors };
}
