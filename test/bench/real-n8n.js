#!/usr/bin/env node
// The real-n8n comparison (not part of npm test or npm run bench): in the n8n 2.41.1 that
// `npm run dev` installs, N payments (default 500) at 20 ms latency through the Cloud Commerce Pro
// node with Items per Batch = N, and the same N SOAP requests through n8n's HTTP Request node
// (which sends all items at once), each in its own workflow run via `n8n execute`. Prints each
// node's own execution time as n8n records it (runData executionTime).
//
//   npm run build && node test/bench/real-n8n.js [N] [latencyMs]
//
// Environment: N8N_LOCAL_DIR (default <repo>/.n8n-local: node24/ and n8n/ as npm run dev installs
// them), BENCH_N8N_USER_FOLDER (default a new temporary folder), N8N_RUNNERS_BROKER_PORT (5791).
'use strict';
const fs = require('fs'), os = require('os'), path = require('path'), { spawn, spawnSync } = require('child_process');
const ROOT = path.resolve(__dirname, '..', '..');
const LOCAL = path.resolve(process.env.N8N_LOCAL_DIR || path.join(ROOT, '.n8n-local'));
const NODE24 = path.join(LOCAL, 'node24/node_modules/.bin/node');
const N8N = path.join(LOCAL, 'n8n/node_modules/n8n/bin/n8n');
const USER = process.env.BENCH_N8N_USER_FOLDER || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-real-bench-'));
const N = Number(process.argv[2] || 500);
const LATENCY = Number(process.argv[3] || 20);

async function main() {
const simFile = path.join(USER, 'sim.js');
require(require.resolve('esbuild', { paths: [ROOT] })).buildSync({ entryPoints: [path.join(__dirname, 'realN8nSim.ts')], outfile: simFile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
const simProcess = spawn(process.execPath, [simFile, String(2 * N), String(LATENCY)], { stdio: ['ignore', 'pipe', 'inherit'] });
const sim = await new Promise((resolve, reject) => {
  let text = '';
  simProcess.stdout.on('data', (chunk) => { text += chunk; if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0])); });
  simProcess.on('exit', () => reject(new Error('the simulator stopped')));
});
try {
const pkgName = 'n8n-nodes-invoice-payments';
if (!fs.existsSync(path.join(USER, '.n8n'))) fs.mkdirSync(path.join(USER, '.n8n', 'nodes', 'node_modules'), { recursive: true });
const target = path.join(USER, '.n8n/nodes/node_modules', pkgName);
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
for (const e of ['package.json', 'dist', 'index.js']) fs.cpSync(path.join(ROOT, e), path.join(target, e), { recursive: true });
fs.writeFileSync(path.join(USER, '.n8n/nodes/package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkgName]: '0.1.0' } }));
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, N8N_USER_FOLDER: USER, N8N_DIAGNOSTICS_ENABLED: 'false', N8N_VERSION_NOTIFICATIONS_ENABLED: 'false', N8N_TEMPLATES_ENABLED: 'false',
  N8N_DYNAMIC_BANNERS_ENABLED: 'false', N8N_LICENSE_AUTO_RENEW_ENABLED: 'false', N8N_DISABLED_MODULES: 'mcp-registry', N8N_PERSONALIZATION_ENABLED: 'false',
  N8N_RUNNERS_BROKER_PORT: process.env.N8N_RUNNERS_BROKER_PORT || '5791', PATH: `${path.dirname(NODE24)}:${process.env.PATH}` };
delete env.NODE_OPTIONS;
const n8n = (args) => { const r = spawnSync(NODE24, [N8N, ...args], { cwd: USER, env, encoding: 'utf8', maxBuffer: 1 << 28 }); return { code: r.status, out: (r.stdout || '') + (r.stderr || '') }; };
const offset = 0;
const itemsFrom = (start) => Array.from({ length: N }, (_, i) => ({ invoice: 900000 + start + i }));
const source = (items) => [
  { id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
  { id: 's', name: 'Invoices', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0], parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} } },
  { id: 'o', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'items', options: {} } },
];
const conn = (last) => ({ Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] }, Invoices: { main: [[{ node: 'Split', type: 'main', index: 0 }]] }, Split: { main: [[{ node: last, type: 'main', index: 0 }]] } });
const ccp = { id: 'c', name: 'CCP', type: `${pkgName}.cloudCommercePro`, typeVersion: 1, position: [600, 0],
  credentials: { cloudCommerceProApi: { id: 'ccpBench', name: 'CCP bench' } },
  parameters: { resource: 'payment', operation: 'create', intInvoiceID: '={{ $json.invoice }}', intSalesChannelID: '36', strPaymentReference: 'Bench', dbPaymentAmount: '12.00', intCustomerID: '96354316', dtPaymentDate: '2021-10-22T12:01:44', TransactionTypeID: 'Invoice', additionalFields: {}, options: { batching: { batch: { batchSize: N, batchInterval: 0 } } } } };
const body = '=' + sim.envelopeTemplate.replace('INVOICE_ID', '{{ $json.invoice }}');
const httpNode = { id: 'h', name: 'HTTP', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [600, 0],
  parameters: { method: 'POST', url: `${sim.baseUrl}/CCPApiPaymentService.svc`, sendHeaders: true, headerParameters: { parameters: [{ name: 'SOAPAction', value: '"http://tempuri.org/ICCPApiPaymentService/CreatePayment"' }] },
    sendBody: true, contentType: 'raw', rawContentType: 'text/xml; charset=utf-8', body, options: {} } };
const which = 'both';
fs.writeFileSync(path.join(USER, 'creds.json'), JSON.stringify([{ id: 'ccpBench', name: 'CCP bench', type: 'cloudCommerceProApi', data: { environment: 'custom', customUrl: sim.baseUrl, brandId: sim.brandId, securityHash: sim.securityHash } }]));
fs.writeFileSync(path.join(USER, 'wf.json'), JSON.stringify([
  { id: 'benchCcp', name: 'bench ccp', active: false, nodes: [...source(itemsFrom(offset)), ccp], connections: conn('CCP'), settings: { executionOrder: 'v1' } },
  { id: 'benchHttp', name: 'bench http', active: false, nodes: [...source(itemsFrom(offset + N)), httpNode], connections: conn('HTTP'), settings: { executionOrder: 'v1' } },
]));
{
  let r = n8n(['import:credentials', `--input=${path.join(USER, 'creds.json')}`]); if (r.code) { console.log(r.out.slice(-2000)); process.exitCode = 1; return; }
  r = n8n(['import:workflow', `--input=${path.join(USER, 'wf.json')}`]); if (r.code) { console.log(r.out.slice(-2000)); process.exitCode = 1; return; }
}
for (const [id, node] of [['benchCcp', 'CCP'], ['benchHttp', 'HTTP']].filter(([id]) => which === 'both' || id.toLowerCase().includes(which))) {
  const started = Date.now();
  const r = n8n(['execute', `--id=${id}`]);
  const wall = Date.now() - started;
  const at = r.out.indexOf('====\n{') + 4;
  let info = '';
  try {
    const run = JSON.parse(r.out.slice(at + 1));
    const task = run.data.resultData.runData[node][0];
    const out = task.data.main[0];
    const ok = out.filter((i) => i.json.status === 'paid' || (typeof i.json.data === 'string' && i.json.data.includes('<Success>true'))).length;
    info = `node_execution_ms=${task.executionTime} items_out=${out.length} paid=${ok}`;
  } catch { info = 'parse failed: ' + r.out.slice(-1500); }
  console.log(`real-n8n ${node} n=${N} latency=${LATENCY} exit=${r.code} process_ms=${wall} ${info}`);
}
} finally {
  simProcess.kill();
  fs.rmSync(path.join(USER, 'creds.json'), { force: true });
}
}
main().catch((error) => { console.error(error); process.exitCode = 1; });
