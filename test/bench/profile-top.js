#!/usr/bin/env node
// Top frames of a V8 .cpuprofile (from `npm run bench -- --cpu-prof=<dir>`): self time and total
// time (the frame and what it called, counted once per sample) by function and file.
//
//   node test/bench/profile-top.js <file.cpuprofile | dir> [--top 25] [--under <function name>]
//
// --under keeps only the samples whose stack holds that function (e.g. `execute` of a node
// file, `runForEachItem`), so the figures are the node path's alone.
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(`--${name}`);
	return at < 0 ? fallback : args[at + 1];
};
const top = Number(option('top', '25'));
const under = option('under', undefined);
let target = args[0];
if (fs.statSync(target).isDirectory()) {
	// The main thread's profile is the largest one.
	const files = fs.readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f));
	target = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
}
const profile = JSON.parse(fs.readFileSync(target, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const label = (node) => {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url ? url.replace(/^file:\/\//, '').split('/node_modules/').pop().split('/').slice(-2).join('/') : '';
	return `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
};
const deltas = profile.timeDeltas;
const self = new Map();
const total = new Map();
let kept = 0;
let all = 0;
profile.samples.forEach((id, index) => {
	const ms = (deltas[index + 1] ?? 0) / 1000;
	all += ms;
	const stack = [];
	for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at));
	if (under && !stack.some((node) => node.callFrame.functionName === under)) return;
	if (['(idle)', '(program)', '(garbage collector)'].includes(stack[0].callFrame.functionName) && under) return;
	kept += ms;
	self.set(label(stack[0]), (self.get(label(stack[0])) ?? 0) + ms);
	for (const name of new Set(stack.map(label))) total.set(name, (total.get(name) ?? 0) + ms);
});
const print = (title, map) => {
	console.log(`${title}`);
	for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
};
console.log(`${path.basename(target)}: ${all.toFixed(0)} ms sampled${under ? `, ${kept.toFixed(0)} ms under ${under}` : ''}`);
print('self', self);
print('total', total);
