// Installs the development tools (npm ci) when node_modules is missing or older than
// package-lock.json, so `npm test` and `npm run dev` work on a fresh clone by themselves.
// Install scripts are skipped (.npmrc): isolated-vm, pulled in by n8n-core, cannot build on
// Node 20 and is not needed to run workflows in tests.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');

const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
const modules = path.join(root, 'node_modules');
const linked = fs.existsSync(modules) && fs.lstatSync(modules).isSymbolicLink();
if (stale && linked) {
	// npm ci would empty the folder the link points to (another checkout's tools) and then replace
	// the link: never do that on a shared node_modules.
	console.log(`node_modules is a link to ${fs.realpathSync(modules)}: not reinstalling it (run npm ci there if it is out of date).`);
} else if (stale) {
	console.log('Installing development dependencies (npm ci)...');
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}
