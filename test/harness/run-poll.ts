import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeParameters, IPollFunctions, WorkflowActivateMode, WorkflowExecuteMode } from 'n8n-workflow';
import { UnexpectedError, Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credentials';
import { HarnessCredentialsHelper } from './credentials';
import { loadPackage } from './package-loader';
import { createAdditionalData } from './run-node';

export interface PollHarnessOptions {
	/** Short (`evoSnapTrigger`) or full node type name. */
	nodeType: string;
	parameters: INodeParameters;
	credentials: CredentialStore;
	credentialType: string;
	/** The workflow's static data at the start, as n8n stores it (JSON). */
	staticData?: IDataObject;
}

export interface PollOutcome {
	/** The events of the poll (json of each item), [] when it returned null. */
	events: IDataObject[];
	/** What poll() returned. */
	returned: unknown;
}

/**
 * A polling trigger as an active n8n workflow runs it: every poll gets n8n-core's own PollContext
 * (the `this` of `poll()`), over a Workflow rebuilt from the static data as n8n stored it after the
 * previous poll (a JSON copy, so nothing that does not survive the database survives here). A poll
 * that throws stores nothing, as n8n's poll executor reports the error and saves nothing.
 */
export class PollHarness {
	/** The workflow's static data as stored (JSON) after the last poll that did not throw. */
	staticData: IDataObject;
	polls = 0;

	constructor(private readonly options: PollHarnessOptions) {
		this.staticData = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;
	}

	/** The node's own static data (`getWorkflowStaticData('node')`) as stored. */
	get nodeStaticData(): IDataObject {
		return ((this.staticData as Record<string, IDataObject>)['node:Trigger'] ?? {}) as IDataObject;
	}

	/** The stored static data's size as JSON, in bytes. */
	get staticDataBytes(): number {
		return Buffer.byteLength(JSON.stringify(this.staticData));
	}

	async poll(mode: WorkflowExecuteMode = 'trigger', activation: WorkflowActivateMode = 'update'): Promise<PollOutcome> {
		const pkg = await loadPackage();
		const fullType = pkg.nodeTypes.resolveName(this.options.nodeType);
		const node: INode = {
			id: 'trigger-node',
			name: 'Trigger',
			type: fullType,
			typeVersion: 1,
			position: [0, 0],
			parameters: structuredClone(this.options.parameters),
			credentials: { [this.options.credentialType]: { id: '1', name: 'test' } },
		};
		const workflow = new Workflow({
			id: 'poll-workflow',
			name: 'Poll Workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: pkg.nodeTypes,
			settings: { executionOrder: 'v1' },
			staticData: JSON.parse(JSON.stringify(this.staticData)) as IDataObject,
		});
		const credentialsHelper = new HarnessCredentialsHelper(this.options.credentials, pkg.credentialTypes, pkg.nodeTypes);
		const additionalData = createAdditionalData(credentialsHelper);
		const context = new PollContext(
			workflow,
			workflow.getNode('Trigger')!,
			additionalData,
			mode,
			activation,
			() => {
				throw new UnexpectedError('poll() must return its items, not emit them');
			},
		) as unknown as IPollFunctions;
		const type = pkg.nodeTypes.getByNameAndVersion(fullType, 1);
		if (!type.poll) throw new UnexpectedError(`${fullType} has no poll()`);
		this.polls++;
		const returned = await type.poll.call(context);
		// As n8n stores it: JSON, without the change marker of its observable object.
		const stored = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		delete stored.__dataChanged;
		this.staticData = stored;
		const events = returned ? (returned as Array<Array<{ json: IDataObject }>>)[0].map((item) => item.json) : [];
		return { events, returned };
	}
}
