// @ts-check
// Dumps every node's and credential's description as n8n sees it: the package is loaded from
// dist/ by n8n-core's PackageDirectoryLoader (as n8n loads a community package), and what the
// loader hands to n8n's editor is written as JSON. Used to prove a refactor left the
// descriptions byte-equal: `npm run build && node scripts/describe-nodes.js > before.json`.
const path = require('node:path');
const os = require('node:os');

process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_USER_FOLDER ??= path.join(os.tmpdir(), 'n8n-nodes-describe-user');

const { PackageDirectoryLoader } = require('n8n-core');

/** Function members are named, not printed: their bundled source is not a description. */
function methodNames(/** @type {Record<string, unknown> | undefined} */ methods) {
	if (!methods) return undefined;
	return Object.fromEntries(
		Object.entries(methods).map(([group, fns]) => [group, Object.keys(fns ?? {}).sort()]),
	);
}

async function main() {
	const loader = new PackageDirectoryLoader(path.resolve(__dirname, '..'));
	await loader.loadAll();
	const nodes = Object.fromEntries(
		Object.entries(loader.nodeTypes).map(([name, { type, sourcePath }]) => {
			const node = /** @type {any} */ (type);
			return [
				name,
				{
					sourcePath: path.relative(loader.directory, sourcePath),
					description: node.description,
					methods: methodNames(node.methods),
					webhookMethods: methodNames(node.webhookMethods),
					members: ['execute', 'poll', 'trigger', 'webhook', 'supplyData'].filter(
						(m) => typeof node[m] === 'function',
					),
				},
			];
		}),
	);
	const credentials = Object.fromEntries(
		Object.entries(loader.credentialTypes).map(([name, { type, sourcePath }]) => {
			const cred = /** @type {any} */ (type);
			const fields = Object.fromEntries(
				Object.entries(cred)
					.filter(([, v]) => typeof v !== 'function')
					.map(([k, v]) => [k, v]),
			);
			const functions = Object.keys(cred)
				.concat(Object.getOwnPropertyNames(Object.getPrototypeOf(cred)))
				.filter((k) => k !== 'constructor' && typeof cred[k] === 'function')
				.sort();
			return [name, { sourcePath: path.relative(loader.directory, sourcePath), fields, functions }];
		}),
	);
	const dump = { types: loader.types, known: loader.known, nodes, credentials };
	process.stdout.write(`${JSON.stringify(dump, null, '\t')}\n`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
