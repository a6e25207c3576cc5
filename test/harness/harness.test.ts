/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

import type { IDataObject, INodeParameters, NodeApiError } from 'n8n-workflow';

import { CredentialStore, loadPackage, runNode, testCredential } from './index';

const FIXTURE_DIR = path.join(__dirname, 'fixture');
const NODE = 'harnessFixture';
const CREDENTIAL = 'harnessFixtureApi';

/** A tiny vendor: POST /login issues a session token, GET /invoices/:id and GET /me require it. */
class FixtureVendor {
	server!: Server;
	baseUrl = '';
	readonly tokens = new Set<string>();
	logins = 0;
	readonly requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }> = [];

	async start(): Promise<void> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.listen(0, '127.0.0.1');
		await once(this.server, 'listening');
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	/** Expires every session token (the next authenticated call gets a 401). */
	expireSessions(): void {
		this.tokens.clear();
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
		const url = new URL(req.url ?? '/', this.baseUrl);
		this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		const send = (status: number, payload: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(payload));
		};

		if (req.method === 'POST' && url.pathname === '/login') {
			if (body?.password !== 'secret') return send(401, { message: 'Bad username or password' });
			this.logins += 1;
			const token = `tok-${this.logins}`;
			this.tokens.add(token);
			return send(200, { token, user: body.username });
		}

		const auth = req.headers.authorization ?? '';
		if (!this.tokens.has(auth.replace(/^Bearer /, ''))) {
			return send(401, { message: 'Session expired' });
		}
		if (url.searchParams.get('client') !== 'harness') return send(400, { message: 'client missing' });

		if (req.method === 'GET' && url.pathname === '/me') {
			const user = Buffer.from(String(req.headers['x-basic']).replace('Basic ', ''), 'base64')
				.toString('utf8')
				.split(':')[0];
			return send(200, { user, status: user === 'suspended' ? 'disabled' : 'active' });
		}

		const match = /^\/invoices\/(.+)$/.exec(url.pathname);
		if (req.method === 'GET' && match) {
			const id = decodeURIComponent(match[1]);
			if (id.startsWith('missing')) return send(404, { message: `Invoice ${id} not found` });
			return send(200, {
				id,
				amount: 100,
				token: auth.replace(/^Bearer /, ''),
				mode: req.headers['x-mode'],
				basic: req.headers['x-basic'],
			});
		}
		return send(404, { message: 'no route' });
	}
}

describe('test harness (fixture package in n8n-core WorkflowExecute)', () => {
	const vendor = new FixtureVendor();
	let store: CredentialStore;

	const credentialData = () => ({
		baseUrl: vendor.baseUrl,
		username: 'ada',
		password: 'secret',
		sandbox: true,
	});

	beforeAll(async () => await vendor.start());
	afterAll(async () => await vendor.stop());
	beforeEach(() => {
		store = new CredentialStore({ [CREDENTIAL]: credentialData() });
	});

	const run = async (
		parameters: INodeParameters,
		items: IDataObject[],
		extra: { continueOnFail?: boolean; typeVersion?: number } = {},
	) =>
		await runNode({
			packageDir: FIXTURE_DIR,
			nodeType: NODE,
			parameters,
			items,
			credentials: store,
			...extra,
		});

	test('loadPackage uses PackageDirectoryLoader and names nodes <package>.<name>', async () => {
		const pkg = await loadPackage(FIXTURE_DIR);
		expect(pkg.packageName).toBe('n8n-nodes-harness-fixture');
		expect(await loadPackage(FIXTURE_DIR)).toBe(pkg);
		expect(pkg.nodeTypes.shortNames).toEqual(['harnessFixture']);
		expect(pkg.nodeTypes.resolveName('harnessFixture')).toBe('n8n-nodes-harness-fixture.harnessFixture');
		expect(pkg.nodeTypes.resolveName('n8n-nodes-harness-fixture.harnessFixture')).toBe(
			'n8n-nodes-harness-fixture.harnessFixture',
		);
		expect(pkg.nodeTypes.getByNameAndVersion('harness.items', 1).description.name).toBe('harness.items');
		expect(pkg.credentialTypes.getByName(CREDENTIAL).name).toBe(CREDENTIAL);
		expect(pkg.credentialTypes.getSupportedNodes(CREDENTIAL)).toEqual(['harnessFixture']);
		expect(() => pkg.nodeTypes.resolveName('nope')).toThrow(/Unknown node type "nope"/);
	});

	test('items flow through, expressions are evaluated per item, pairedItem is set', async () => {
		const result = await run({ operation: 'get', invoiceId: '={{ $json.invoiceId }}' }, [
			{ invoiceId: 'INV-1' },
			{ invoiceId: 'INV-2' },
			{ invoiceId: 'INV-3' },
		]);
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
		expect(result.node.type).toBe('n8n-nodes-harness-fixture.harnessFixture');
		expect(result.items.map((item) => item.json.id)).toEqual(['INV-1', 'INV-2', 'INV-3']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// the credential's generic authenticate block, resolved by n8n's expression engine
		expect(result.items[0].json.mode).toBe('sandbox');
		expect(result.items[0].json.basic).toBe(`Basic ${Buffer.from('ada:secret').toString('base64')}`);
		expect(result.items[0].json.typeVersion).toBe(2);
	});

	test('typeVersion can be chosen', async () => {
		const result = await run({ invoiceId: 'INV-1' }, [{}], { typeVersion: 1 });
		expect(result.items[0].json.typeVersion).toBe(1);
	});

	test('preAuthentication runs once for 5 items, is reused by the next run, and again after a 401', async () => {
		const items = [1, 2, 3, 4, 5].map((n) => ({ invoiceId: `INV-${n}` }));
		const first = await run({ invoiceId: '={{ $json.invoiceId }}' }, items);
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(5);
		expect(store.preAuthenticationCalls[CREDENTIAL]).toBe(1);
		expect(store.get(CREDENTIAL)?.sessionToken).toBe(first.items[0].json.token);
		expect(new Set(first.items.map((item) => item.json.token)).size).toBe(1);

		const second = await run({ invoiceId: '={{ $json.invoiceId }}' }, items);
		expect(second.items).toHaveLength(5);
		expect(store.preAuthenticationCalls[CREDENTIAL]).toBe(1);

		vendor.expireSessions();
		const third = await run({ invoiceId: '={{ $json.invoiceId }}' }, items);
		expect(third.error).toBeUndefined();
		expect(third.items).toHaveLength(5);
		expect(store.preAuthenticationCalls[CREDENTIAL]).toBe(2);
		expect(third.items[4].json.token).toBe(store.get(CREDENTIAL)?.sessionToken);
		expect(third.items[0].json.token).not.toBe(first.items[0].json.token);
	});

	test('continueOnFail puts the error on the item and the other items still run', async () => {
		const result = await run(
			{ invoiceId: '={{ $json.invoiceId }}' },
			[{ invoiceId: 'INV-1' }, { invoiceId: 'missing-7' }, { invoiceId: 'INV-3' }],
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.node.onError).toBe('continueRegularOutput');
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.id).toBe('INV-1');
		expect(result.items[1].json).toEqual({
			error: 'The resource you are requesting could not be found',
			description: 'Invoice missing-7 not found',
		});
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[2].json.id).toBe('INV-3');
	});

	test('a NodeOperationError without continueOnFail is returned as error', async () => {
		const result = await run({ operation: 'throw', invoiceId: '={{ $json.invoiceId }}' }, [
			{ invoiceId: 'INV-1' },
			{ invoiceId: 'INV-2' },
		]);
		expect(result.items).toEqual([]);
		expect(result.run.status).toBe('error');
		// n8n-core reports a plain-object copy of the thrown error: check `name`, not instanceof
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Refusing invoice INV-1');
		expect(result.error?.description).toBe('thrown on purpose by the fixture');
		expect(result.error?.context.itemIndex).toBe(0);
		expect(result.taskData?.error).toBe(result.error);
		expect(result.run.data.resultData.error?.message).toBe('Refusing invoice INV-1');
	});

	test('an HTTP error without continueOnFail is a NodeApiError with the vendor text in description', async () => {
		const result = await run({ invoiceId: '={{ $json.invoiceId }}' }, [{ invoiceId: 'missing-1' }]);
		expect(result.error?.name).toBe('NodeApiError');
		const error = result.error as NodeApiError;
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('The resource you are requesting could not be found');
		expect(error.description).toBe('Invoice missing-1 not found');
	});

	test('a wrong password fails the run with the message preAuthentication threw', async () => {
		store.set(CREDENTIAL, { ...credentialData(), password: 'wrong' });
		const result = await run({ invoiceId: 'INV-1' }, [{}]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Login failed: wrong username or password');
	});

	test('testCredential returns OK / Error like n8n', async () => {
		const ok = await testCredential(CREDENTIAL, credentialData(), { packageDir: FIXTURE_DIR });
		expect(ok).toEqual({ status: 'OK', message: 'Connection successful!' });

		const wrongPassword = await testCredential(
			CREDENTIAL,
			{ ...credentialData(), password: 'wrong' },
			{ packageDir: FIXTURE_DIR },
		);
		expect(wrongPassword).toEqual({
			status: 'Error',
			message: 'Login failed: wrong username or password',
		});

		const disabled = await testCredential(
			CREDENTIAL,
			{ ...credentialData(), username: 'suspended' },
			{ packageDir: FIXTURE_DIR },
		);
		expect(disabled).toEqual({ status: 'Error', message: 'This account is disabled' });

		const unreachable = await testCredential(
			CREDENTIAL,
			{ ...credentialData(), baseUrl: 'http://127.0.0.1:1' },
			{ packageDir: FIXTURE_DIR },
		);
		expect(unreachable.status).toBe('Error');

		const testStore = new CredentialStore();
		await testCredential(CREDENTIAL, credentialData(), { packageDir: FIXTURE_DIR, store: testStore });
		expect(testStore.preAuthenticationCalls[CREDENTIAL]).toBe(1);
		expect(testStore.get(CREDENTIAL)?.sessionToken).toMatch(/^tok-/);
	});
});
