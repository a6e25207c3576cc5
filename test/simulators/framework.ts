/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

/** One request as the simulator received it. */
export interface RecordedRequest {
	method: string;
	/** Path without the query string, e.g. `/crmapi/rest/v2/invoices/show`. */
	path: string;
	query: Record<string, string>;
	/** Header names in lower case; repeated headers joined with `, `. */
	headers: Record<string, string>;
	/** Raw body as received (utf-8). */
	body: string;
	/** The body parsed, when it is JSON (by content type or by shape). */
	json?: unknown;
	/** Date.now() when the request was complete. */
	at: number;
}

export interface SimResponse {
	status: number;
	headers?: Record<string, string>;
	body: string;
}

/**
 * What the simulator does instead of (or on top of) its normal answer.
 * "Vendor acted" kinds (delay, hang, reset with afterProcessing) run the normal handler first,
 * so the ledger changes although the client may never see the answer: the dangerous case for payments.
 * `hang` with `beforeProcessing` never answers and never processes (the vendor stalled before acting):
 * to the client it looks exactly like a hang after processing.
 */
export type Fault =
	| { kind: 'delay'; ms: number }
	| { kind: 'hang'; beforeProcessing?: boolean }
	| { kind: 'status'; status: number; retryAfter?: number; body?: string; contentType?: string }
	| { kind: 'reset'; afterProcessing?: boolean }
	| { kind: 'malformed' }
	| { kind: 'html'; status?: number }
	/** An error (HTTP 400 unless `status`) whose text quotes the request back, as `quote` writes it (e.g. its Authorization header). */
	| { kind: 'echo'; status?: number; quote: (req: RecordedRequest) => string };

export interface FailOptions {
	/** How many matching requests get the fault (default 1). */
	times?: number;
	/** Only requests for which this returns true get the fault; others are handled normally. */
	when?: (req: RecordedRequest) => boolean;
}

interface QueuedFault {
	fault: Fault;
	remaining: number;
	when?: (req: RecordedRequest) => boolean;
}

/** Decimal string with at most 2 decimals to integer cents; undefined when not such a string. */
export function toCents(value: string): number | undefined {
	const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
	if (!m) return undefined;
	const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
	return Number.isSafeInteger(cents) ? cents : undefined;
}

/** Integer cents to a decimal string with two decimals ('12.00'). */
export function formatCents(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Local date-time without zone, `2021-10-22T12:01:44` (the form both vendors show). */
export function formatDateTime(d: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** True when y-m-d is a real calendar day. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1) return false;
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return d <= days;
}

export function htmlErrorPage(status: number): string {
	const text = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
	return `<!DOCTYPE html>\n<html><head><title>${text}</title></head><body><h1>${text}</h1><p>The server encountered an error and could not complete your request.</p><hr><address>Simulated gateway</address></body></html>`;
}

/**
 * Reserved path of the simulators' admin endpoint, answered only to loopback clients and never
 * recorded in `requests`: `GET /__sim/ledger` (request counts per path and, when `admin.ledger` is
 * set, the vendor's ledger), `GET /__sim/requests?from=N` (method, path and time of each request
 * from index N), `POST /__sim/reset` (reset(); with `{ demo: true }` the demo ledger again), `POST /__sim/seed` (admin.seed with the
 * JSON body), `POST /__sim/faults` (`{ fault, times }` queues a fault, `{ clear: true }` drops them). It lets a process that does not hold the simulator object (an end-to-end run, say)
 * read and load the ledger.
 */
export const SIM_ADMIN_PREFIX = '/__sim/';

/** The vendor-specific part of the admin endpoint (set by whoever serves the simulator). */
export interface SimulatorAdmin {
	ledger?(): unknown;
	seed?(body: unknown): unknown;
	/** Loads the demo ledger (after a reset): `POST /__sim/reset` with `{ "demo": true }`. */
	demo?(): void;
}

function isLoopback(address: string | undefined): boolean {
	return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export abstract class VendorSimulator {
	/** Ledger view and seeding for the admin endpoint under SIM_ADMIN_PREFIX. */
	admin?: SimulatorAdmin;

	readonly requests: RecordedRequest[] = [];
	/** Exceptions thrown by handle(): a bug in the simulator, surfaced for tests. */
	readonly handlerErrors: Error[] = [];
	/**
	 * Time every answer takes, in ms (0: at once): the request is handled when it arrives and its
	 * answer leaves `latencyMs` later, like a vendor at a network distance. For benchmarks and
	 * tests that need requests to overlap. `reset()` does not change it.
	 */
	latencyMs = 0;
	/** Requests received and not yet answered, and the most there were at once since `reset()`. */
	inFlight = 0;
	maxInFlight = 0;

	private server?: http.Server;
	private listeningUrl?: string;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private faults: QueuedFault[] = [];

	protected abstract handle(req: RecordedRequest): Promise<SimResponse> | SimResponse;
	protected abstract resetLedger(): void;

	/** A 200 answer that looks like the vendor's but is cut off / not parseable (vendors override it). */
	protected malformedResponse(req: RecordedRequest): SimResponse {
		if (/xml/i.test(req.headers['content-type'] ?? '')) {
			return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: '<?xml version="1.0"?><Envelope><Body><Resp' };
		}
		return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":{"code":"OK","mess' };
	}

	/** Body used by a `status` fault without its own body. */
	protected statusFaultResponse(status: number): SimResponse {
		return {
			status,
			headers: { 'content-type': 'text/plain; charset=utf-8' },
			body: `${status} ${http.STATUS_CODES[status] ?? 'Error'}`,
		};
	}

	get baseUrl(): string {
		if (!this.listeningUrl) throw new Error('Simulator is not started');
		return this.listeningUrl;
	}

	async start(port = 0): Promise<string> {
		if (this.server) return this.baseUrl;
		const server = http.createServer((req, res) => {
			this.onRequest(req, res).catch((error: Error) => {
				this.handlerErrors.push(error);
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'content-type': 'text/plain' });
					res.end(`Simulator error: ${error.message}`);
				}
			});
		});
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.server = server;
		const address = server.address() as AddressInfo;
		this.listeningUrl = `http://127.0.0.1:${address.port}`;
		return this.listeningUrl;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		this.listeningUrl = undefined;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		// Keep-alive and hanging sockets would keep close() (and jest) waiting.
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await closed;
	}

	/** Clears the request log, queued faults and the vendor's ledger. */
	reset(): void {
		this.requests.length = 0;
		this.handlerErrors.length = 0;
		this.maxInFlight = this.inFlight;
		this.faults = [];
		this.resetLedger();
	}

	/** Queue a fault for the next matching request(s). Returns this for chaining. */
	fail(fault: Fault, options: FailOptions = {}): this {
		const times = options.times ?? 1;
		if (times > 0) this.faults.push({ fault, remaining: times, when: options.when });
		return this;
	}

	/** Faults still queued (not yet used up). */
	get pendingFaults(): number {
		return this.faults.reduce((n, f) => n + f.remaining, 0);
	}

	/**
	 * Requests to a path: exact match for `/a/b`; a string without a leading slash matches
	 * the end of the path (`payments/pay_invoice`). Or any predicate.
	 */
	requestsTo(pathOrPredicate: string | ((req: RecordedRequest) => boolean)): RecordedRequest[] {
		if (typeof pathOrPredicate === 'function') return this.requests.filter(pathOrPredicate);
		const p = pathOrPredicate;
		return this.requests.filter((r) => (p.startsWith('/') ? r.path === p : r.path === p || r.path.endsWith(`/${p}`)));
	}

	get lastRequest(): RecordedRequest | undefined {
		return this.requests[this.requests.length - 1];
	}

	private takeFault(req: RecordedRequest): Fault | undefined {
		const index = this.faults.findIndex((f) => !f.when || f.when(req));
		if (index < 0) return undefined;
		const entry = this.faults[index];
		entry.remaining--;
		if (entry.remaining <= 0) this.faults.splice(index, 1);
		return entry.fault;
	}

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		try {
			for await (const chunk of req) chunks.push(chunk as Buffer);
		} catch {
			// The client went away before sending the whole body: nothing to answer.
			return;
		}
		const body = Buffer.concat(chunks).toString('utf8');
		if ((req.url ?? '').startsWith(SIM_ADMIN_PREFIX)) return this.send(res, this.adminAnswer(req, body));
		const recorded = this.record(req, body);
		this.requests.push(recorded);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		try {
			await this.respond(req, res, recorded);
		} finally {
			this.inFlight--;
		}
	}

	private async respond(req: http.IncomingMessage, res: http.ServerResponse, recorded: RecordedRequest): Promise<void> {
		const fault = this.takeFault(recorded);
		if (!fault) {
			const answer = await this.handle(recorded);
			if (this.latencyMs > 0) await this.wait(this.latencyMs);
			return this.send(res, answer);
		}

		switch (fault.kind) {
			case 'delay': {
				const answer = await this.handle(recorded);
				await this.wait(fault.ms);
				return this.send(res, answer);
			}
			case 'hang':
				if (!fault.beforeProcessing) await this.handle(recorded);
				// Never answer; stop() destroys the socket.
				return;
			case 'reset':
				if (fault.afterProcessing) await this.handle(recorded);
				req.socket.destroy();
				return;
			case 'status': {
				const base = fault.body !== undefined
					? { status: fault.status, headers: { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8' }, body: fault.body }
					: this.statusFaultResponse(fault.status);
				const headers = { ...base.headers };
				if (fault.contentType) headers['content-type'] = fault.contentType;
				if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
				return this.send(res, { status: fault.status, headers, body: base.body });
			}
			case 'malformed':
				return this.send(res, this.malformedResponse(recorded));
			case 'echo':
				return this.send(res, { status: fault.status ?? 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: fault.quote(recorded) });
			case 'html': {
				const status = fault.status ?? 500;
				return this.send(res, { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: htmlErrorPage(status) });
			}
		}
	}

	private adminAnswer(req: http.IncomingMessage, body: string): SimResponse {
		const json = (status: number, value: unknown): SimResponse => ({
			status,
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(value),
		});
		if (!isLoopback(req.socket.remoteAddress)) return json(403, { error: 'the admin endpoint answers loopback clients only' });
		const action = `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(SIM_ADMIN_PREFIX.length)}`;
		try {
			switch (action) {
				case 'GET ledger': {
					const paths: Record<string, { count: number; firstAt: number; lastAt: number }> = {};
					for (const r of this.requests) {
						const p = (paths[r.path] ??= { count: 0, firstAt: r.at, lastAt: r.at });
						p.count++;
						p.lastAt = r.at;
					}
					return json(200, {
						requests: this.requests.length,
						paths,
						handlerErrors: this.handlerErrors.map((e) => e.message),
						pendingFaults: this.pendingFaults,
						ledger: this.admin?.ledger ? this.admin.ledger() : null,
					});
				}
				case 'GET requests': {
					// The request log from index `from` on: method, path and time only (no bodies, no secrets).
					const from = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('from') ?? 0) || 0;
					return json(200, { total: this.requests.length, requests: this.requests.slice(from).map((r) => ({ method: r.method, path: r.path, at: r.at })) });
				}
				case 'POST reset': {
					const input = (body.trim() ? JSON.parse(body) : {}) as { demo?: boolean };
					this.reset();
					if (input.demo) this.admin?.demo?.();
					return json(200, { reset: true, demo: input.demo === true && this.admin?.demo !== undefined });
				}
				case 'POST faults': {
					// { clear: true } drops the queued faults; { fault, times } queues one (every request).
					const input = (body.trim() ? JSON.parse(body) : {}) as { clear?: boolean; fault?: Fault; times?: number };
					if (input.clear) this.faults = [];
					if (input.fault) this.fail(input.fault, { times: input.times });
					return json(200, { pendingFaults: this.pendingFaults });
				}
				case 'POST seed': {
					if (!this.admin?.seed) return json(404, { error: 'this simulator has no seed function' });
					return json(200, { seeded: this.admin.seed(body.trim() ? JSON.parse(body) : {}) });
				}
				default:
					return json(404, { error: `unknown admin call ${action}` });
			}
		} catch (error) {
			return json(500, { error: (error as Error).message });
		}
	}

	private record(req: http.IncomingMessage, body: string): RecordedRequest {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const query: Record<string, string> = {};
		for (const [k, v] of url.searchParams) query[k] = v;
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(req.headers)) {
			if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
		}
		const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query, headers, body, at: Date.now() };
		const contentType = headers['content-type'] ?? '';
		const trimmed = body.trim();
		if (contentType.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
			try {
				recorded.json = JSON.parse(body);
			} catch {
				// not JSON after all; leave json undefined
			}
		}
		return recorded;
	}

	private wait(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	private send(res: http.ServerResponse, answer: SimResponse): void {
		// The client may have given up (timeout) while we were processing.
		if (res.destroyed || res.writableEnded) return;
		const headers: Record<string, string> = { ...answer.headers };
		headers['content-length'] = String(Buffer.byteLength(answer.body));
		res.writeHead(answer.status, headers);
		res.end(answer.body);
	}
}
