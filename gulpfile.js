// Build: type-check, bundle every node and credential listed in package.json's `n8n` section into
// dist/ (n8n-workflow stays external: n8n provides it; fast-xml-parser and luxon ship inside),
// then copy icons and codex files next to the bundles.
const { series, src, dest } = require('gulp');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const pkg = require('./package.json');

function clean(done) {
	fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
	done();
}

function typeCheck(done) {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
		stdio: 'inherit',
	});
	done();
}

function entryPoints() {
	const built = [...pkg.n8n.credentials, ...pkg.n8n.nodes];
	return Object.fromEntries(
		built.map((file) => {
			const out = file.replace(/^dist\//, '').replace(/\.js$/, '');
			return [out, `${out}.ts`];
		}),
	);
}

async function bundle() {
	await esbuild.build({
		entryPoints: entryPoints(),
		outdir: 'dist',
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		sourcemap: false,
		legalComments: 'inline',
		logLevel: 'warning',
	});
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports.build = series(clean, typeCheck, bundle, copyAssets);
exports.default = exports.build;
