/**
 * Test harness: runs this package's nodes in n8n's real execution engine (n8n-core's
 * WorkflowExecute), with credentials handled like n8n's CredentialsHelper does.
 */
export { CredentialNotInStoreError, CredentialStore, HarnessCredentialsHelper } from './credentials';
export type { LoadedPackage } from './package-loader';
export {
	HarnessCredentialTypes,
	HarnessItemsNode,
	HarnessNodeTypes,
	ITEMS_NODE_TYPE,
	loadPackage,
	REPO_ROOT,
} from './package-loader';
export type { RunNodeOptions, RunNodeResult } from './run-node';
export { createAdditionalData, runNode } from './run-node';
export type { TestCredentialOptions } from './test-credential';
export { testCredential } from './test-credential';
