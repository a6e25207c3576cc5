/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
// scripts/check-docs.js (npm run lint:docs) on this repository and on small broken copies.
import fs from 'fs';
import os from 'os';
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const docs = require('../../scripts/check-docs.js');

const ROOT = path.resolve(__dirname, '..', '..');

const SECTIONS = ['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage', 'Resources', 'Version history'];
const readme = (order: string[], before = 0) =>
	['# pkg', ...Array(before).fill('text'), ...order.flatMap((s) => [`## ${s}`, '', 'text', ''])].join('\n');

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempRepo(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-docs-'));
	made.push(dir);
	for (const [rel, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), text);
	}
	return dir;
}

describe('check-docs', () => {
	it('passes on this repository', () => {
		expect(docs.checkAll(ROOT)).toEqual([]);
	});

	it("refuses the starter's sections out of order, missing, or Installation after line 40", () => {
		expect(docs.checkReadmeShape(readme(SECTIONS))).toEqual([]);
		const swapped = [...SECTIONS];
		[swapped[1], swapped[2]] = [swapped[2], swapped[1]];
		expect(docs.checkReadmeShape(readme(swapped)).join('\n')).toMatch(/"## Credentials" comes before "## Operations"/);
		expect(docs.checkReadmeShape(readme(SECTIONS.filter((s) => s !== 'Resources'))).join('\n')).toMatch(/no "## Resources" section/);
		expect(docs.checkReadmeShape(readme(SECTIONS, 45)).join('\n')).toMatch(/Installation" must be within the first 40 lines/);
		// A heading inside a code fence is not a section.
		expect(docs.checkReadmeShape('```\n## Installation\n```\n').join('\n')).toMatch(/no "## Installation"/);
	});

	it('finds relative links to missing files and to missing headings, not external ones or code', () => {
		const dir = tempRepo({
			'README.md': [
				'## A `code` heading: *here*',
				'[ok](docs/a.md) [ok](docs/a.md#the-heading) [ok](#a-code-heading-here) [web](https://example.com/x.md)',
				'![img](docs/missing.png) [bad](docs/a.md#nowhere) `[not a link](nowhere.md)`',
				'```',
				'[in a fence](nowhere.md)',
				'```',
			].join('\n'),
			'docs/a.md': '# The heading\n[up](../README.md) [outside](../../elsewhere.md)\n',
		});
		const problems = [...docs.checkLinks(path.join(dir, 'README.md'), dir), ...docs.checkLinks(path.join(dir, 'docs/a.md'), dir)];
		expect(problems).toEqual([
			'README.md:3: link docs/missing.png: no such file',
			'README.md:3: link docs/a.md#nowhere: docs/a.md has no heading with that anchor',
			'docs/a.md:2: link ../../elsewhere.md points outside the repository',
		]);
	});

	it('checks the publish workflow: YAML, provenance, the order of lint, tests and publish', () => {
		const steps = (runs: string[]) =>
			`on:\n  push:\n    tags: ['*.*.*']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n${runs.map((r) => `      - run: ${r}\n`).join('')}`;
		const good = ['npm ci', 'npm run lint', 'npm test', 'npm publish --provenance --access public'];
		const check = (yml: string) => docs.checkWorkflows(tempRepo({ '.github/workflows/publish.yml': yml }));
		expect(check(steps(good))).toEqual([]);
		expect(check(steps([good[0], good[3], good[1], good[2]])).join('\n')).toMatch(/npm run lint runs before npm ci|npm test runs before npm run lint|npm publish --provenance runs before npm test/);
		expect(check(steps([...good.slice(0, 3), 'npm publish'])).join('\n')).toMatch(/no step runs npm publish --provenance/);
		expect(check(steps(good).replace('id-token: write', 'contents: read')).join('\n')).toMatch(/id-token: write/);
		expect(check('on: [push\njobs: {}').join('\n')).toMatch(/publish\.yml: /);
		expect(docs.checkWorkflows(tempRepo({}))).toEqual([expect.stringMatching(/publish\.yml is missing/)]);
	});

	it('checks CHANGELOG.md and package.json', () => {
		expect(docs.checkChangelog(tempRepo({ 'CHANGELOG.md': '# Changelog\n\n## 0.2.0 (2026-12-04)\n' }), '0.2.0')).toEqual([]);
		expect(docs.checkChangelog(tempRepo({ 'CHANGELOG.md': '## 0.1.0\n' }), '0.2.0')).toEqual([expect.stringMatching(/no "## 0\.2\.0" entry/)]);
		expect(docs.checkChangelog(tempRepo({}), '0.1.0')).toEqual(['CHANGELOG.md is missing']);
		const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		expect(docs.checkPackageJson(pkg)).toEqual([]);
		const broken = { ...pkg, keywords: pkg.keywords.filter((k: string) => k !== 'adilas'), scripts: { ...pkg.scripts, prepublishOnly: 'npm run build' }, dependencies: { axios: '1' } };
		delete broken.homepage;
		expect(docs.checkPackageJson(broken)).toEqual([
			'package.json: no homepage',
			'package.json: keyword "adilas" missing',
			'package.json: scripts.prepublishOnly must build and lint',
			'package.json: dependencies must stay empty (n8n community packages)',
		]);
	});
});
