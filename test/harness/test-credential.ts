import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	ITaskDataConnections,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { CredentialStore, HarnessCredentialsHelper } from './credentials';
import { loadPackage } from './package-loader';
import { createAdditionalData } from './run-node';

/** The node type n8n's tester uses when the credential itself defines `test`. */
const NO_OP_NODE_TYPE = 'n8n-nodes-base.noOp';

function noOpNodeType(): INodeType {
	return {
		description: {
			displayName: 'No Operation, do nothing',
			name: NO_OP_NODE_TYPE,
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
	};
}

/** lodash-style `get` (n8n uses lodash/get for `responseSuccessBody` keys). */
function getPath(data: unknown, key: string): unknown {
	let current: unknown = data;
	for (const part of key.replace(/\[(\w+)\]/g, '.$1').split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[part];
	}
	return current;
}

function findNodeTestFunction(nodeTypes: { getKnownTypes(): Record<string, unknown>; getByName(name: string): unknown }, credentialType: string) {
	for (const name of Object.keys(nodeTypes.getKnownTypes())) {
		const nodeType = nodeTypes.getByName(name) as INodeType;
		const testedBy = nodeType.description?.credentials?.find((entry) => entry.name === credentialType)?.testedBy;
		if (typeof testedBy === 'string') {
			const fn = nodeType.methods?.credentialTest?.[testedBy];
			if (fn) return fn;
		}
	}
	return undefined;
}

export interface TestCredentialOptions {
	/** Store that receives what preAuthentication saves (default: a fresh one holding `data`). */
	store?: CredentialStore;
	/** Default: the repository root. */
	packageDir?: string;
}

/**
 * Emulates n8n's `CredentialsTester.testCredentials` (packages/cli/src/services/credentials-tester.service.ts)
 * for a credential type whose `test` is an `ICredentialTestRequest`: the request runs through
 * n8n-core's `RoutingNode` on a mock `n8n-nodes-base.noOp` node, so expressions are resolved against
 * `$credentials`, preAuthentication runs (always, as in n8n's tester) and `authenticate` is applied.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
	options: TestCredentialOptions = {},
): Promise<INodeCredentialTestResult> {
	const pkg = await loadPackage(options.packageDir);
	const { nodeTypes, credentialTypes } = pkg;
	const credentialType = credentialTypes.getByName(type);
	const testRequest = credentialType.test as ICredentialTestRequest | undefined;
	if (!testRequest) {
		// As n8n's tester: a node that lists the credential with `testedBy` tests it with a function.
		const testFunction = findNodeTestFunction(nodeTypes, type);
		if (testFunction) {
			const credentialsDecrypted: ICredentialsDecrypted = { id: '1', name: 'test', type, data };
			return await testFunction.call(new CredentialTestContext(), credentialsDecrypted);
		}
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const store = options.store ?? new CredentialStore();
	store.set(type, data);
	const credentialsHelper = new HarnessCredentialsHelper(store, credentialTypes, nodeTypes);

	const credentialsDecrypted: ICredentialsDecrypted = { id: '1', name: 'test', type, data };
	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(
			createAdditionalData(credentialsHelper),
			data,
			type,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String(error.message) };
	}

	const nodeType = noOpNodeType();
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};

	nodeTypes.add(NO_OP_NODE_TYPE, nodeTypeCopy);
	try {
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
		});
		const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
		const connectionInputData: INodeExecutionData[] = [];
		const runExecutionData = createRunExecutionData({ executionData: null });
		const additionalData = createAdditionalData(credentialsHelper);
		const executeData: IExecuteData = { node, data: {}, source: null };
		const executeFunctions = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'internal',
			runExecutionData,
			0,
			connectionInputData,
			inputData,
			executeData,
			[],
		);
		const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

		let response: INodeExecutionData[][] | null | undefined;
		try {
			response = await routingNode.runNode();
		} catch (error) {
			if (error.cause?.response) {
				const errorResponseData = {
					statusCode: error.cause.response.status as number,
					statusMessage: error.cause.response.statusText as string,
				};
				for (const rule of testRequest.rules ?? []) {
					if (rule.type === 'responseCode' && errorResponseData.statusCode === rule.properties.value) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
				if (errorResponseData.statusCode < 199 || errorResponseData.statusCode > 299) {
					return {
						status: 'Error',
						message:
							errorResponseData.statusMessage ||
							`Received HTTP status code: ${errorResponseData.statusCode}`,
					};
				}
			} else if (error.cause?.code) {
				return { status: 'Error', message: String(error.cause.code) };
			}
			return { status: 'Error', message: String(error.message) };
		}

		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseSuccessBody') {
				const responseData = response?.[0]?.[0]?.json;
				if (getPath(responseData, rule.properties.key) === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	} finally {
		nodeTypes.remove(NO_OP_NODE_TYPE);
	}
}
