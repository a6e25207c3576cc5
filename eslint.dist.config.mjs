// What n8n's community-package checks look at in the published package: the built JavaScript
// in dist/, against @n8n/eslint-plugin-community-nodes' rules that apply to JavaScript.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const { plugins, rules } = n8nCommunityNodesPlugin.configs.recommended;

export default [
	{
		files: ['dist/**/*.js'],
		plugins,
		languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs' },
		rules: {
			'@n8n/community-nodes/no-restricted-globals': rules['@n8n/community-nodes/no-restricted-globals'],
			'@n8n/community-nodes/no-restricted-imports': rules['@n8n/community-nodes/no-restricted-imports'],
			'@n8n/community-nodes/no-dangerous-functions': rules['@n8n/community-nodes/no-dangerous-functions'],
		},
	},
];
