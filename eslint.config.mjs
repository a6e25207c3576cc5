// Mirrors the ESLint config n8n ships for community packages (@n8n/node-cli, dist/configs/eslint.js):
// typescript-eslint recommended + @n8n/eslint-plugin-community-nodes recommended + the community,
// credentials and nodes sets of eslint-plugin-n8n-nodes-base, with the same rules switched off.
// eslint-plugin-import-x is left out: the TypeScript compiler already checks every import.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	globalIgnores(['dist', 'node_modules', '.n8n-local', 'coverage', '**/*.js', '**/*.mjs']),
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, communityRecommended],
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
		},
	},
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	{
		files: ['package.json'],
		extends: [communityRecommended],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['./credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['./nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		// Test code and local tooling run in Node, not inside n8n: the community-package
		// restrictions (globals, imports, console) apply to what ships, not to them.
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		rules: Object.fromEntries(
			Object.keys(communityRecommended.rules).map((rule) => [rule, 'off']),
		),
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		rules: { 'no-console': 'off' },
	},
);
