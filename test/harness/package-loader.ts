/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/node-connection-type-literal, @n8n/community-nodes/node-usable-as-tool -- test code: runs in Node and jest, never ships to n8n */
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { jsonParse, NodeHelpers, NodeOperationError, UnexpectedError } from 'n8n-workflow';

// n8n-core logs every node error through its ErrorReporter/Logger; keep jest output readable.
// Run with N8N_LOG_LEVEL=debug (or info/warn/error) to see the engine's log.
process.env.N8N_LOG_LEVEL ??= 'silent';
// n8n-core's InstanceSettings writes `<user folder>/.n8n/config` (an encryption key): keep it out of $HOME.
process.env.N8N_USER_FOLDER ??= path.join(tmpdir(), 'n8n-nodes-harness-user');

/** The repository root (the package this harness is shipped with). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Type name of the harness-only source node that emits the items given to `runNode`. */
export const ITEMS_NODE_TYPE = 'harness.items';

/**
 * Harness-only node: outputs the items in its `items` parameter (a JSON array of objects).
 * It is not part of any package; it stands in for a trigger/Code node at the start of the workflow.
 */
export class HarnessItemsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Items',
		name: ITEMS_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Outputs the items given in its parameter',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Items (JSON Array)',
				name: 'items',
				type: 'json',
				default: '[{}]',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const parsed: unknown = typeof raw === 'string' ? jsonParse(raw) : raw;
		if (!Array.isArray(parsed)) {
			throw new NodeOperationError(this.getNode(), 'The "items" parameter must be a JSON array');
		}
		return [
			parsed.map((json) => ({
				json: (json ?? {}) as IDataObject,
				pairedItem: { item: 0 },
			})),
		];
	}
}

/**
 * `INodeTypes` over one loaded package plus `harness.items` (and any extra node types a caller adds,
 * e.g. the credential tester's mock `n8n-nodes-base.noOp`).
 *
 * Names are resolved like n8n does for community packages: `<package name>.<description.name>`.
 * A short name (`cloudCommercePro`) or the loader's bare key is accepted too, as is
 * `CUSTOM.<name>` (what n8n uses for files in ~/.n8n/custom).
 */
export class HarnessNodeTypes implements INodeTypes {
	private readonly extra = new Map<string, INodeType | IVersionedNodeType>();

	constructor(private readonly loader: PackageDirectoryLoader) {
		this.extra.set(ITEMS_NODE_TYPE, new HarnessItemsNode());
	}

	get packageName(): string {
		return this.loader.packageName;
	}

	/** Adds (or replaces) a node type under its exact name. */
	add(name: string, type: INodeType | IVersionedNodeType): void {
		this.extra.set(name, type);
	}

	remove(name: string): void {
		this.extra.delete(name);
	}

	/** Short names of the package's nodes (their `description.name`). */
	get shortNames(): string[] {
		return Object.keys(this.loader.nodeTypes);
	}

	/** Full node type name (`<package>.<name>`) for a short or full name; throws when unknown. */
	resolveName(name: string): string {
		if (this.extra.has(name)) return name;
		const short = this.toShortName(name);
		if (short === undefined) {
			throw new UnexpectedError(
				`Unknown node type "${name}" (package "${this.packageName}" has: ${this.shortNames.join(', ')})`,
			);
		}
		return `${this.packageName}.${short}`;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const extra = this.extra.get(nodeType);
		if (extra) return extra;
		const short = this.toShortName(nodeType);
		if (short === undefined) {
			throw new UnexpectedError(`Unrecognized node type: ${nodeType}`);
		}
		return this.loader.nodeTypes[short].type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const [name, loaded] of Object.entries(this.loader.known.nodes)) {
			known[`${this.packageName}.${name}`] = { ...loaded };
		}
		return known;
	}

	private toShortName(name: string): string | undefined {
		const { nodeTypes } = this.loader;
		if (name in nodeTypes) return name;
		for (const prefix of [`${this.packageName}.`, 'CUSTOM.']) {
			if (name.startsWith(prefix) && name.slice(prefix.length) in nodeTypes) {
				return name.slice(prefix.length);
			}
		}
		return undefined;
	}
}

/** The credential types of one loaded package. */
export class HarnessCredentialTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	recognizes(name: string): boolean {
		return name in this.loader.credentialTypes;
	}

	getByName(name: string): ICredentialType {
		const loaded = this.loader.credentialTypes[name];
		if (!loaded) {
			throw new UnexpectedError(
				`Unknown credential type "${name}" (package "${this.loader.packageName}" has: ${Object.keys(
					this.loader.credentialTypes,
				).join(', ')})`,
			);
		}
		return loaded.type;
	}

	/** Short names of the nodes that declare this credential (as the loader records them). */
	getSupportedNodes(name: string): string[] {
		return this.loader.known.credentials[name]?.supportedNodes ?? [];
	}

	/** All ancestors named by `extends`, nearest first (like n8n's CredentialTypes). */
	getParentTypes(name: string): string[] {
		const extendsArr = this.recognizes(name) ? (this.getByName(name).extends ?? []) : [];
		const parents = [...extendsArr];
		for (const parent of extendsArr) {
			parents.push(...this.getParentTypes(parent));
		}
		return parents;
	}
}

export interface LoadedPackage {
	packageDir: string;
	packageName: string;
	loader: PackageDirectoryLoader;
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
}

const cache = new Map<string, Promise<LoadedPackage>>();

/**
 * Loads a package of n8n nodes exactly as n8n does: `new PackageDirectoryLoader(dir).loadAll()`
 * reads the `n8n` section of its package.json and requires the listed `dist/...js` files.
 * Cached per process (per jest test file) and per directory.
 */
export async function loadPackage(packageDir: string = REPO_ROOT): Promise<LoadedPackage> {
	let dir = path.resolve(packageDir);
	try {
		dir = realpathSync(dir);
	} catch {
		// a missing directory fails below, in PackageDirectoryLoader, with n8n's own error
	}
	let loaded = cache.get(dir);
	if (!loaded) {
		loaded = (async () => {
			const loader = new PackageDirectoryLoader(dir);
			await loader.loadAll();
			return {
				packageDir: dir,
				packageName: loader.packageName,
				loader,
				nodeTypes: new HarnessNodeTypes(loader),
				credentialTypes: new HarnessCredentialTypes(loader),
			};
		})();
		cache.set(dir, loaded);
		loaded.catch(() => cache.delete(dir));
	}
	return await loaded;
}
