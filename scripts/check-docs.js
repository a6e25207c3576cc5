#!/usr/bin/env node
// `npm run lint:docs`: what a reader and n8n's verification rely on and no other linter checks.
// - README.md has n8n-nodes-starter's sections in the starter's order, Installation within its
//   first 40 lines;
// - every relative link and image in README.md and docs/**/*.md names a file of the repository
//   (and, for a #fragment into Markdown, one of its headings);
// - CHANGELOG.md has an entry for package.json's version;
// - the GitHub Actions workflows parse as YAML, and publish.yml publishes with provenance only
//   after lint and tests;
// - package.json carries what n8n's verification reads (repository, homepage, author, engines,
//   a keyword per vendor, the prepublishOnly guard).
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

/** n8n-nodes-starter's README_TEMPLATE.md, in its order. */
const STARTER_SECTIONS = ['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage', 'Resources', 'Version history'];
const INSTALLATION_WITHIN = 40;
const VENDOR_KEYWORDS = ['cloud-commerce-pro', 'adilas', 'crm.com', 'evo-snap', 'cnbs-webar'];

/** Headings of a Markdown text outside code fences: { level, text, line }. */
function headings(markdown) {
	const out = [];
	let fence = null;
	markdown.split('\n').forEach((line, i) => {
		const f = /^\s*(```|~~~)/.exec(line);
		if (f) {
			if (!fence) fence = f[1];
			else if (f[1] === fence) fence = null;
			return;
		}
		if (fence) return;
		const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
		if (h) out.push({ level: h[1].length, text: h[2], line: i + 1 });
	});
	return out;
}

/** The anchors GitHub gives a file's headings (its slugger: lower case, punctuation dropped, spaces to dashes, repeats numbered). */
function anchors(markdown) {
	const seen = new Map();
	const out = new Set();
	for (const h of headings(markdown)) {
		const text = h.text
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/<[^>]+>/g, '')
			.replace(/\\(.)/g, '$1')
			.replace(/[`*_~]/g, '');
		const base = text.toLowerCase().trim().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
		const n = seen.get(base) || 0;
		seen.set(base, n + 1);
		out.add(n === 0 ? base : `${base}-${n}`);
	}
	return out;
}

/** Links and images of a Markdown text outside code (fences and inline code): { target, line }. */
function links(markdown) {
	const out = [];
	let fence = null;
	markdown.split('\n').forEach((line, i) => {
		const f = /^\s*(```|~~~)/.exec(line);
		if (f) {
			if (!fence) fence = f[1];
			else if (f[1] === fence) fence = null;
			return;
		}
		if (fence || /^( {4}|\t)/.test(line)) return;
		const text = line.replace(/`[^`]*`/g, '');
		for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ target: m[1], line: i + 1 });
		for (const m of text.matchAll(/<(?:img|a)\s[^>]*(?:src|href)="([^"]+)"/g)) out.push({ target: m[1], line: i + 1 });
	});
	return out;
}

/** Problems with the relative links of one Markdown file (external ones are not fetched). */
function checkLinks(file, root = ROOT) {
	const problems = [];
	const markdown = fs.readFileSync(file, 'utf8');
	const rel = path.relative(root, file);
	for (const { target, line } of links(markdown)) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
		const [rawPath, fragment] = target.split('#');
		const linked = rawPath ? path.resolve(path.dirname(file), decodeURIComponent(rawPath)) : file;
		const where = `${rel}:${line}: link ${target}`;
		if (!linked.startsWith(root + path.sep) && linked !== root) {
			problems.push(`${where} points outside the repository`);
			continue;
		}
		if (!fs.existsSync(linked)) {
			problems.push(`${where}: no such file`);
			continue;
		}
		if (fragment && /\.md$/i.test(linked) && !anchors(fs.readFileSync(linked, 'utf8')).has(fragment.toLowerCase())) {
			problems.push(`${where}: ${path.relative(root, linked)} has no heading with that anchor`);
		}
	}
	return problems;
}

/** Problems with the README's shape: the starter's sections as level-2 headings, in order. */
function checkReadmeShape(markdown) {
	const problems = [];
	const h2 = headings(markdown).filter((h) => h.level === 2);
	let previous = null;
	for (const name of STARTER_SECTIONS) {
		const h = h2.find((x) => x.text === name);
		if (!h) {
			problems.push(`README.md: no "## ${name}" section (n8n-nodes-starter's order: ${STARTER_SECTIONS.join(', ')})`);
			continue;
		}
		if (previous && h.line < previous.line) {
			problems.push(`README.md:${h.line}: "## ${name}" comes before "## ${previous.text}" (line ${previous.line}); the starter's order is ${STARTER_SECTIONS.join(', ')}`);
		}
		previous = h;
	}
	const installation = h2.find((x) => x.text === 'Installation');
	if (installation && installation.line > INSTALLATION_WITHIN) {
		problems.push(`README.md:${installation.line}: "## Installation" must be within the first ${INSTALLATION_WITHIN} lines`);
	}
	return problems;
}

function markdownFiles(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return markdownFiles(p);
		return /\.md$/i.test(e.name) ? [p] : [];
	});
}

/** Problems with CHANGELOG.md: present, with a heading naming package.json's version. */
function checkChangelog(root, version) {
	const file = path.join(root, 'CHANGELOG.md');
	if (!fs.existsSync(file)) return ['CHANGELOG.md is missing'];
	const has = headings(fs.readFileSync(file, 'utf8')).some((h) => h.level === 2 && new RegExp(`\\[?${version.replace(/\./g, '\\.')}\\]?(\\s|$)`).test(h.text));
	return has ? [] : [`CHANGELOG.md has no "## ${version}" entry for package.json's version`];
}

/** Problems with the GitHub Actions workflows: YAML that parses; publish.yml's order and provenance. */
function checkWorkflows(root) {
	const YAML = require('yaml');
	const dir = path.join(root, '.github', 'workflows');
	const problems = [];
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)) : [];
	if (!files.includes('publish.yml')) problems.push('.github/workflows/publish.yml is missing (n8n requires publishing from GitHub Actions with provenance)');
	for (const f of files) {
		const rel = `.github/workflows/${f}`;
		const doc = YAML.parseDocument(fs.readFileSync(path.join(dir, f), 'utf8'), { prettyErrors: true });
		if (doc.errors.length) {
			problems.push(...doc.errors.map((e) => `${rel}: ${e.message}`));
			continue;
		}
		const wf = doc.toJS();
		if (!wf || typeof wf !== 'object' || !wf.on || !wf.jobs) {
			problems.push(`${rel}: not a workflow (needs "on" and "jobs")`);
			continue;
		}
		for (const [name, job] of Object.entries(wf.jobs)) {
			if (!job || (!Array.isArray(job.steps) && !job.uses)) problems.push(`${rel}: job "${name}" has no steps`);
		}
		if (f !== 'publish.yml') continue;
		const jobs = Object.values(wf.jobs);
		const publishing = jobs.find((j) => (j.steps || []).some((s) => /\bnpm publish\b/.test(s.run || '')));
		if (!publishing) {
			problems.push(`${rel}: no step runs npm publish`);
			continue;
		}
		const perms = publishing.permissions || wf.permissions || {};
		if (perms['id-token'] !== 'write') problems.push(`${rel}: the publishing job needs "permissions: id-token: write" (npm provenance)`);
		const runs = publishing.steps.map((s) => s.run || '');
		const at = (re) => runs.findIndex((r) => re.test(r));
		const order = [
			['npm ci', at(/\bnpm ci\b/)],
			['npm run lint', at(/\bnpm run lint\b/)],
			['npm test', at(/\bnpm (test|run test)\b/)],
			['npm publish --provenance', at(/\bnpm publish\b[^\n]*--provenance\b/)],
		];
		for (const [what, i] of order) if (i < 0) problems.push(`${rel}: no step runs ${what}`);
		for (let i = 1; i < order.length; i++) {
			if (order[i][1] >= 0 && order[i - 1][1] >= 0 && order[i][1] < order[i - 1][1]) problems.push(`${rel}: ${order[i][0]} runs before ${order[i - 1][0]}`);
		}
	}
	return problems;
}

/** Problems with package.json as n8n's verification reads it. */
function checkPackageJson(pkg) {
	const problems = [];
	const repo = pkg.repository && (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository.url);
	if (!repo) problems.push('package.json: no repository');
	if (!pkg.homepage) problems.push('package.json: no homepage');
	if (!pkg.author || !(typeof pkg.author === 'string' ? pkg.author : pkg.author.name)) problems.push('package.json: no author');
	if (!pkg.engines || !pkg.engines.node) problems.push('package.json: no engines.node');
	const keywords = pkg.keywords || [];
	for (const k of ['n8n-community-node-package', ...VENDOR_KEYWORDS]) if (!keywords.includes(k)) problems.push(`package.json: keyword "${k}" missing`);
	const guard = (pkg.scripts && pkg.scripts.prepublishOnly) || '';
	if (!/\bbuild\b/.test(guard) || !/\blint\b/.test(guard)) problems.push('package.json: scripts.prepublishOnly must build and lint');
	if (pkg.dependencies && Object.keys(pkg.dependencies).length) problems.push('package.json: dependencies must stay empty (n8n community packages)');
	return problems;
}

function checkAll(root = ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const readme = path.join(root, 'README.md');
	return [
		...checkReadmeShape(fs.readFileSync(readme, 'utf8')),
		...[readme, ...markdownFiles(path.join(root, 'docs'))].flatMap((f) => checkLinks(f, root)),
		...checkChangelog(root, pkg.version),
		...checkWorkflows(root),
		...checkPackageJson(pkg),
	];
}

module.exports = { headings, anchors, links, checkLinks, checkReadmeShape, checkChangelog, checkWorkflows, checkPackageJson, checkAll, STARTER_SECTIONS };

if (require.main === module) {
	const problems = checkAll();
	for (const p of problems) console.log(`docs: ${p}`);
	const docs = markdownFiles(path.join(ROOT, 'docs')).length;
	console.log(problems.length ? `docs: ${problems.length} problem(s)` : `docs: README shape, links in README.md and ${docs} docs/ page(s), CHANGELOG, workflows and package.json: ok`);
	process.exit(problems.length ? 1 : 0);
}
