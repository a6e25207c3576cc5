/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BATCH_MODES, withBatching } from '../../harness/batching';
import { EVO_PAID_STATE } from '../../simulators/evoSnap';
import { DEMO_EVO_IDENTITY_TOKEN, DEMO_EVO_INVOICES } from '../../simulators/evoSnapDemo';
import { CREDENTIAL, cmsRequests, everything, processParameters, run, shown, simulatorForSuite, storeFor } from '../fixtures';

const sim = simulatorForSuite();

const CARD = '4111111111194053';

// The payment tests run one item at a time and with 10 items in flight at once.
describe.each(BATCH_MODES)('%s', (_mode, batching) => {
	const pay = (overrides: INodeParameters = {}) => withBatching(processParameters(overrides), batching);

	describe('Process (PUT Invoices/{id}/process) is the payment', () => {
		test('an approval is "paid" with EVO\'s TransactionId, Status, StatusCode and StatusMessage', async () => {
			const result = await run(pay());
			expect(result.items[0].json).toMatchObject({
				status: 'paid',
				InvoiceReferenceId: DEMO_EVO_INVOICES.pending,
				Status: 'Success',
				StatusCode: '000',
				StatusMessage: 'Approved',
			});
			expect(result.items[0].json.TransactionId).toBe(sim.payments[0].TransactionId);
			expect(sim.invoice(DEMO_EVO_INVOICES.pending)?.InvoiceState).toBe(EVO_PAID_STATE);
		});

		test('a decline (HTTP 201, Status Failure) fails that item with EVO\'s code and message; the others are paid', async () => {
			const second = sim.addInvoice({ Amount: '5.00' }).InvoiceReferenceId;
			sim.declineRule = (invoice) => (invoice.InvoiceReferenceId === DEMO_EVO_INVOICES.pending ? { code: '051', message: 'Insufficient funds' } : undefined);
			const result = await run(pay({ InvoiceReferenceId: '={{ $json.id }}' }), [{ id: DEMO_EVO_INVOICES.pending }, { id: second }], { continueOnFail: true });
			expect(result.items[0].json.error).toBe('EVO Snap* ProcessInvoice failed: Insufficient funds (Status Failure) [051]');
			expect(result.items[1].json.status).toBe('paid');
			expect(sim.payments.map((payment) => payment.InvoiceReferenceId)).toEqual([second]);
			expect(sim.invoice(DEMO_EVO_INVOICES.pending)?.InvoiceState).toBe('Pending');

			const stopped = await run(pay());
			expect(stopped.error?.name).toBe('NodeApiError');
			expect(stopped.error?.message).toBe('EVO Snap* ProcessInvoice failed: Insufficient funds (Status Failure) [051]');
		});

		test('paying with a token sends PaymentDataInfo.TokenInformation', async () => {
			const result = await run(pay({
					PaymentData: {},
					TokenInformation: { Token: '4658760022341387', TokenExpirationDate: '1223', TokenCardType: 'Visa', TokenAuthenticationValue: 'CgyU4V8BYHn8+Ne1zl5UMAACAAA=' },
				}));
			expect(result.items[0].json.status).toBe('paid');
			expect((cmsRequests(sim, '/process')[0].json as IDataObject).ProcessingInformation).toMatchObject({
				PaymentDataInfo: { TokenInformation: { Token: '4658760022341387', TokenExpirationDate: '1223' } },
				TransactionType: 'AuthorizeAndCapture',
			});
			expect(everything(result)).not.toContain('4658760022341387');
		});

		test('a reset after EVO processed the payment is not sent again', async () => {
			sim.fail({ kind: 'reset', afterProcessing: true }, { when: (request) => request.path.endsWith('/process') });
			const result = await run(pay());
			expect(result.error?.message).toBe('EVO Snap* ProcessInvoice failed: The connection was closed before an answer arrived');
			expect(result.error?.description).toMatch(/may have reached the vendor/);
			expect(cmsRequests(sim, '/process')).toHaveLength(1);
			expect(sim.payments).toHaveLength(1);
		});
	});

	describe('Check Invoice First', () => {
		const checked = (overrides: INodeParameters = {}) => pay({ options: { checkFirst: true }, ...overrides });

		test('an invoice in an Already Paid State is skipped: no payment is sent', async () => {
			const result = await run(checked({ InvoiceReferenceId: DEMO_EVO_INVOICES.paid }));
			expect(result.items[0].json).toMatchObject({
				status: 'skipped: already paid',
				reason: 'The invoice\'s state is Paid',
				InvoiceReferenceId: DEMO_EVO_INVOICES.paid,
				InvoiceState: 'Paid',
				Amount: '30.00',
			});
			expect(cmsRequests(sim, '/process')).toHaveLength(0);
			expect(sim.payments).toHaveLength(0);
		});

		test('the paid states are an option: with another list the same invoice is processed', async () => {
			sim.invoice(DEMO_EVO_INVOICES.pending)!.InvoiceState = 'Settled';
			const skipped = await run(checked({ options: { checkFirst: true, alreadyPaidStates: 'Settled, Paid' } }));
			expect(skipped.items[0].json.status).toBe('skipped: already paid');
			const paid = await run(checked());
			expect(paid.items[0].json.status).toBe('paid');
		});

		test('a Cancelled invoice is refused, nothing is processed; a pending one is paid', async () => {
			const result = await run(checked({ InvoiceReferenceId: '={{ $json.id }}' }), [{ id: DEMO_EVO_INVOICES.cancelled }, { id: DEMO_EVO_INVOICES.pending }], { continueOnFail: true });
			expect(result.items[0].json.error).toBe('EVO Snap* ProcessInvoice failed: the invoice is Cancelled: it was not processed [Cancelled]');
			expect(result.items[1].json.status).toBe('paid');
			expect(sim.payments.map((payment) => payment.InvoiceReferenceId)).toEqual([DEMO_EVO_INVOICES.pending]);
		});
	});

	test('the same invoice twice in one run with Check Invoice First is charged once: the second item runs after the first and skips it', async () => {
		const result = await run(pay({ InvoiceReferenceId: '={{ $json.id }}', options: { checkFirst: true } }), [{ id: DEMO_EVO_INVOICES.pending }, { id: DEMO_EVO_INVOICES.pending }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['paid', 'skipped: already paid']);
		expect(cmsRequests(sim, '/process')).toHaveLength(1);
		expect(sim.payments).toHaveLength(1);
		expect(sim.signOns).toBe(1);
	});
});

describe('Dry Run sends nothing at all (no sign-on either)', () => {
	test.each<[string, INodeParameters]>([
		['Process', processParameters({ options: { dryRun: true, checkFirst: true } })],
		['Create', { resource: 'invoice', operation: 'create', Amount: '12.50', PaymentData: { PaymentAccountNumber: '4111111111193231' }, options: { dryRun: true } }],
		['Update', { resource: 'invoice', operation: 'update', InvoiceReferenceId: DEMO_EVO_INVOICES.pending, Amount: '12.5', options: { dryRun: true } }],
		['Update State', { resource: 'invoice', operation: 'updateState', InvoiceReferenceId: DEMO_EVO_INVOICES.pending, InvoiceState: 'Cancelled', options: { dryRun: true } }],
	])('%s', async (_, parameters) => {
		const store = storeFor(sim);
		const result = await run(parameters, undefined, { credentials: store });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('dry run');
		const request = result.items[0].json.request as IDataObject;
		expect(request.headers).toMatchObject({ Authorization: 'Basic ***', Accept: 'application/json' });
		expect(String(request.url)).toMatch(new RegExp(`^${sim.baseUrl}/2\\.1\\.28/REST/DataServices/CMS\\.svc/Invoices/`));
		expect(sim.requests).toHaveLength(0);
		expect(store.preAuthenticationCalls[CREDENTIAL]).toBeUndefined();
		expect(everything(result)).not.toMatch(/4111111111193231|4111111111194053/);
		expect(everything(result)).not.toContain(DEMO_EVO_IDENTITY_TOKEN);
	});

	test('the Process dry run shows the exact body with the card masked', async () => {
		const result = await run(processParameters({ options: { dryRun: true } }));
		const request = result.items[0].json.request as IDataObject;
		expect(request.method).toBe('PUT');
		expect(request.url).toBe(`${sim.baseUrl}/2.1.28/REST/DataServices/CMS.svc/Invoices/${DEMO_EVO_INVOICES.pending}/process`);
		expect(((request.body as IDataObject).ProcessingInformation as IDataObject).PaymentDataInfo).toMatchObject({
			PaymentAccountNumber: '************4053',
			PaymentAccountExpiration: '1220',
		});
	});
});

describe('no card number, identity token or session token in any output or error', () => {
	test('faults that echo the card and the token are masked everywhere', async () => {
		const store = storeFor(sim);
		const first = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: DEMO_EVO_INVOICES.paid }, undefined, { credentials: store });
		expect(first.error).toBeUndefined();
		const sessionToken = store.get(CREDENTIAL)?.sessionToken as string;
		const echo = JSON.stringify({
			ErrorId: 0,
			HelpUrl: '',
			Messages: [`Card ${CARD} refused for session ${sessionToken} and identity ${DEMO_EVO_IDENTITY_TOKEN}`],
			Operation: 'ProcessInvoice',
			Reason: `Validation Errors Occurred for ${CARD}`,
			ValidationErrors: [{ RuleKey: 'x', RuleLocationKey: 'PaymentAccountNumber', RuleMessage: `${CARD} / ${sessionToken}`, TransactionId: null }],
		});
		sim.fail({ kind: 'status', status: 400, body: echo, contentType: 'application/json' }, { when: (request) => request.path.endsWith('/process'), times: 2 });
		const result = await run(processParameters({ InvoiceReferenceId: '={{ $json.id }}' }), [{ id: DEMO_EVO_INVOICES.pending }], { credentials: store, continueOnFail: true });
		const failed = await run(processParameters(), undefined, { credentials: store });
		const all = shown(result) + shown(failed) + everything(first);
		expect(result.items[0].json.error).toBe(
			'EVO Snap* ProcessInvoice failed: Validation Errors Occurred for ***; Card *** refused for session *** and identity ***; PaymentAccountNumber: *** / *** [0]',
		);
		for (const secret of [CARD, sessionToken, DEMO_EVO_IDENTITY_TOKEN]) expect(all).not.toContain(secret);
		expect(failed.error?.message).toContain('***');
	});
});

