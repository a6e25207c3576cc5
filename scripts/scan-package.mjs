#!/usr/bin/env node
// n8n's community-package scan, run on this package as n8n runs it before a package can be
// verified: @n8n/scan-community-package lints the packed package (the tarball `npm pack` makes,
// unpacked) and the node and credential sources, with eslint-disable comments ignored. The
// scanner's own CLI downloads the package from the public registry and checks its provenance,
// which cannot work for an unpublished build; its analysis is the same function, run here.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((file) => !fs.existsSync(path.join(root, file)));
if (missing.length > 0) {
	console.log(`scan: ${missing.length} built file(s) missing (e.g. ${missing[0]}): building first`);
	execFileSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
let failed = false;
try {
	const packed = JSON.parse(
		execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	)[0];
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', unpacked, '--strip-components=1']);

	const legs = [
		{ what: `packed package ${packed.filename} (${packed.entryCount} files)`, dir: unpacked, patterns: undefined },
		{ what: 'node and credential sources', dir: root, patterns: SOURCE_FILE_PATTERNS },
	];
	for (const leg of legs) {
		const result = await analyzePackage(leg.dir, leg.patterns);
		if (result.passed) {
			console.log(`scan: ${leg.what}: passed (0 errors: nothing that would stop verification)`);
		} else {
			failed = true;
			console.log(`scan: ${leg.what}: FAILED (${result.message})`);
			if (result.details) console.log(result.details);
		}
	}
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
