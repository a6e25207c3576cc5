// A scripted stand-in for OpenAI's chat completions API on 127.0.0.1, for the e2e agent run: n8n's
// OpenAI Chat Model node (Base URL pointed here) sends its requests to it, and it answers each
// `POST /v1/chat/completions` with the next reply of its script (tool calls, then text). It keeps
// every request body, so that the e2e checks read what n8n offered the model (tool names and JSON
// schemas) and what the tools answered (the tool messages of the next request).
'use strict';

const http = require('http');

/**
 * Starts the stand-in. `script`: a list of replies, one per request, each
 * `{ toolCalls: [{ name, arguments }] }` or `{ text }`; a request beyond the script gets a text reply.
 * `beforeReply(turn, body)`, when given, is awaited before each reply (to look at the vendors then).
 * Resolves with { url (the Base URL, ending in /v1), requests (parsed bodies), reset(), close() }.
 */
/**
 * @param {any[]} script
 * @param {{ beforeReply?: (turn: number, body: any) => Promise<void> | void }} [opts]
 */
function startModelStandIn(script, { beforeReply } = {}) {
	const requests = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', async () => {
			if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url || '')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `the stand-in answers POST /v1/chat/completions only, not ${req.method} ${req.url}` } }));
				return;
			}
			let parsed;
			try {
				parsed = JSON.parse(body);
			} catch {
				res.writeHead(400, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: 'body is not JSON' } }));
				return;
			}
			const turn = requests.length;
			requests.push(parsed);
			if (beforeReply) {
				try {
					await beforeReply(turn, parsed);
				} catch (e) {
					process.stdout.write(`[e2e] model stand-in: beforeReply(${turn}) failed: ${e.message}\n`);
				}
			}
			const step = script[turn] || { text: 'Done.' };
			const message = step.toolCalls
				? {
						role: 'assistant',
						content: null,
						tool_calls: step.toolCalls.map((c, i) => ({
							id: `call_${turn}_${i}`,
							type: 'function',
							function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
						})),
					}
				: { role: 'assistant', content: step.text };
			const finish = step.toolCalls ? 'tool_calls' : 'stop';
			const base = { id: `chatcmpl-standin-${turn}`, created: Math.floor(Date.now() / 1000), model: parsed.model || 'stand-in' };
			if (parsed.stream) {
				// The same reply as server-sent events, as OpenAI streams it.
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				const delta = step.toolCalls ? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((t, index) => ({ index, ...t })) } : { role: 'assistant', content: message.content };
				res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
				res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } }));
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('net').AddressInfo} */ (server.address());
			resolve({
				url: `http://127.0.0.1:${port}/v1`,
				requests,
				reset: () => {
					requests.length = 0;
				},
				close: () => /** @type {Promise<void>} */ (new Promise((r) => server.close(() => r()))),
			});
		});
	});
}

/** The tool messages of a chat request: [{ tool_call_id, content }]. */
function toolMessages(body) {
	return ((body && body.messages) || []).filter((m) => m.role === 'tool').map((m) => ({ tool_call_id: m.tool_call_id, content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content) }));
}

module.exports = { startModelStandIn, toolMessages };
