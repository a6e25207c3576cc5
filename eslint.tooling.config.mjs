// The package's own tooling (scripts/, the JavaScript under test/, the root config files) runs in
// Node, never inside n8n, so n8n's community-node config (eslint.config.mjs, kept exactly n8n's
// default for strict mode) has no rules for it: `npm run lint` lints it with this config.
// `tsc -p tsconfig.tooling.json` type-checks the same files.
import js from '@eslint/js';
import globals from 'globals';

export default [
	{
		files: ['scripts/**/*.js', 'test/**/*.js', 'gulpfile.js', 'jest.config.js', 'index.js'],
		languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
	},
	{
		files: ['scripts/**/*.mjs'],
		languageOptions: { sourceType: 'module', globals: { ...globals.node } },
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		ignores: ['test/harness/fixture/**'],
		...js.configs.recommended,
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		rules: {
			// Deliberate: best-effort clean-up ignores its failures; `({ drop, ...rest })` omits a key.
			'no-empty': ['error', { allowEmptyCatch: true }],
			'no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
	{
		// Functions passed to Playwright's page.evaluate / waitForFunction run in the browser.
		files: ['test/e2e/browser/**/*.js'],
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
	},
];
