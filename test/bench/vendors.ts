/**
 * The vendor nodes the benchmarks pay through (npm run bench, and its --real-n8n run): the
 * simulator, its invoices, the credential and the node parameters of each. Adding a vendor is one
 * entry in VENDORS.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { CloudCommerceProSimulator } from '../simulators/cloudCommercePro';
import { AdilasSimulator } from '../simulators/adilas';
import { adilasDemoCredentialData, createAdilasDemo } from '../simulators/adilasDemo';
import { CnbsWebArSimulator } from '../simulators/cnbsWebAr';
import {
	cnbsWebArDemoCredentialData,
	createCnbsWebArDemo,
	DEMO_CNBS_CARD,
	DEMO_CNBS_COMPANY_CODE,
	DEMO_CNBS_PAYER,
} from '../simulators/cnbsWebArDemo';
import { CrmComSimulator } from '../simulators/crmCom';
import { EvoSnapSimulator } from '../simulators/evoSnap';
import { createEvoSnapDemo, DEMO_EVO_IDENTITY_TOKEN, evoSnapDemoCredentialData } from '../simulators/evoSnapDemo';
import type { RecordedRequest, VendorSimulator } from '../simulators/framework';
import {
	DEMO_CCP_BRAND_ID,
	DEMO_CCP_SECURITY_HASH,
	DEMO_CRM_ACCOUNTS_RECEIVABLE,
	DEMO_CRM_ORGANISATION,
	DEMO_CRM_PASSWORD,
	DEMO_CRM_USERNAME,
	DEMO_CRM_WEB_API_KEY,
} from '../simulators/serve';

/** Sends one request as a plain client and resolves with the answer's body. */
export type RawSender = (request: RecordedRequest) => Promise<string>;

/** One vendor node in the benchmark. */
export interface VendorBench {
	/** The name printed after `bench`. */
	name: string;
	nodeType: string;
	credentialType: string;
	createSimulator(): VendorSimulator;
	/** Resets the simulator and loads `n` open invoices, one per payment. */
	load(sim: VendorSimulator, n: number): void;
	/** The credential data pointing at the simulator (no session token: a run signs on itself). */
	credentialData(baseUrl: string): ICredentialDataDecryptedObject;
	/** Node parameters paying the invoice of each item; `items(n)` gives the items. */
	parameters: INodeParameters;
	items(n: number): IDataObject[];
	/** Sign-ons the simulator saw (0 for a vendor without sessions). */
	signOns(sim: VendorSimulator): number;
	/** Payments the simulator's ledger holds. */
	payments(sim: VendorSimulator): number;
	/** Is this recorded request a payment (the raw loop replays those)? */
	isPayment(request: RecordedRequest): boolean;
	/**
	 * What a plain client does once before paying (e.g. sign on) and how it then adapts a
	 * recorded payment request (e.g. its own token). Default: nothing, send as recorded.
	 */
	rawSession?(send: RawSender): Promise<(request: RecordedRequest) => RecordedRequest>;
	/** Signs on as a plain client would and returns the session token (vendors with sessions). */
	signOn?(send: RawSender): Promise<string>;
	/**
	 * A fixed number of payments for this line, whatever --n says (CNBS's combined mode: the
	 * issue asks for 100 documents in one run), and a fixed batch size (combined mode ignores it).
	 */
	fixedN?: number;
	fixedParallel?: number[];
	/** The simulator this entry runs against, when it shares another entry's (default: name). */
	simulator?: string;
}

const evoBasic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
const evoInvoiceId = (i: number) => (0xa0000000 + i).toString(16).toUpperCase().padStart(32, '0');
const cnbsDocument = (i: number) => String(1500000000 + i);

export const VENDORS: VendorBench[] = [
	{
		name: 'cloudCommercePro',
		nodeType: 'cloudCommercePro',
		credentialType: 'cloudCommerceProApi',
		createSimulator: () => new CloudCommerceProSimulator({ brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH }),
		load(sim, n) {
			sim.reset();
			for (let i = 0; i < n; i++) {
				(sim as CloudCommerceProSimulator).addInvoice({
					orderId: 100000 + i,
					invoiceId: 200000 + i,
					salesChannelId: 36,
					customerId: 96354316,
					netAmount: '10.00',
					vatAmount: '2.00',
					amount: '12.00',
				});
			}
		},
		credentialData: (baseUrl) => ({
			environment: 'custom',
			customUrl: baseUrl,
			brandId: DEMO_CCP_BRAND_ID,
			securityHash: DEMO_CCP_SECURITY_HASH,
		}),
		parameters: {
			resource: 'payment',
			operation: 'create',
			intInvoiceID: '={{ $json.invoice }}',
			intSalesChannelID: '36',
			strPaymentReference: '=Bench {{ $json.invoice }}',
			dbPaymentAmount: '12.00',
			intCustomerID: '96354316',
			dtPaymentDate: '2021-10-22T12:01:44',
			TransactionTypeID: 'Invoice',
		},
		items: (n) => Array.from({ length: n }, (_, i) => ({ invoice: 200000 + i })),
		signOns: () => 0,
		payments: (sim) => (sim as CloudCommerceProSimulator).payments.length,
		isPayment: (request) => request.path === '/CCPApiPaymentService.svc',
	},
	{
		name: 'crmCom',
		nodeType: 'crmCom',
		credentialType: 'crmComApi',
		createSimulator: () =>
			new CrmComSimulator({
				username: DEMO_CRM_USERNAME,
				password: DEMO_CRM_PASSWORD,
				organisation: DEMO_CRM_ORGANISATION,
				webApiKey: DEMO_CRM_WEB_API_KEY,
			}),
		load(sim, n) {
			sim.reset();
			for (let i = 0; i < n; i++) {
				(sim as CrmComSimulator).addInvoice({
					number: `B${i}`,
					reference_number: String(500000 + i),
					total_amount: '12.00',
					outstanding_amount: '12.00',
					accounts_receivable: DEMO_CRM_ACCOUNTS_RECEIVABLE,
				});
			}
		},
		credentialData: (baseUrl) => ({
			serverUrl: baseUrl,
			authMethod: 'password',
			username: DEMO_CRM_USERNAME,
			password: DEMO_CRM_PASSWORD,
			organisation: DEMO_CRM_ORGANISATION,
		}),
		parameters: {
			resource: 'payment',
			operation: 'payInvoice',
			invoice_identifier: { __rl: true, mode: 'number', value: '={{ $json.invoice }}' },
			accounts_receivable_identifier: { __rl: true, mode: 'number', value: '192' },
			type_identifier: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
			payment_method_identifier: { __rl: true, mode: 'name', value: 'Direct Debit' },
		},
		items: (n) => Array.from({ length: n }, (_, i) => ({ invoice: `B${i}` })),
		signOns: (sim) => (sim as CrmComSimulator).signIns,
		payments: (sim) => (sim as CrmComSimulator).payments.length,
		isPayment: (request) => request.path.endsWith('/payments/pay_invoice'),
		async signOn(send) {
			const answer = await send({
				method: 'POST',
				path: '/crmapi/rest/v2/authentication/token',
				query: {},
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: DEMO_CRM_USERNAME, password: DEMO_CRM_PASSWORD, organisation: DEMO_CRM_ORGANISATION }),
				at: 0,
			});
			return (JSON.parse(answer) as { data: { token: string } }).data.token;
		},
		async rawSession(send) {
			// A plain client signs on once and pays with its token.
			const token = await this.signOn!(send);
			return (request) => ({ ...request, body: JSON.stringify({ ...(request.json as IDataObject), token }) });
		},
	},
	{
		name: 'evoSnap',
		nodeType: 'evoSnap',
		credentialType: 'evoSnapApi',
		createSimulator: () => createEvoSnapDemo(),
		load(sim, n) {
			sim.reset();
			for (let i = 0; i < n; i++) (sim as EvoSnapSimulator).addInvoice({ InvoiceReferenceId: evoInvoiceId(i), Amount: '12.00' });
		},
		credentialData: (baseUrl) => evoSnapDemoCredentialData(baseUrl),
		parameters: {
			resource: 'invoice',
			operation: 'process',
			InvoiceReferenceId: '={{ $json.invoice }}',
			TransactionType: 'AuthorizeAndCapture',
			PaymentData: { PaymentType: 'Credit', CardType: 'Visa', PaymentAccountNumber: '4111111111194053', PaymentAccountExpiration: '1230' },
		},
		items: (n) => Array.from({ length: n }, (_, i) => ({ invoice: evoInvoiceId(i) })),
		signOns: (sim) => (sim as EvoSnapSimulator).signOns,
		payments: (sim) => (sim as EvoSnapSimulator).payments.length,
		isPayment: (request) => request.method === 'PUT' && request.path.endsWith('/process'),
		async signOn(send) {
			// The identity token as the Basic user.
			const answer = await send({
				method: 'GET',
				path: '/2.1.28/REST/SIS.svc/token',
				query: {},
				headers: { authorization: evoBasic(DEMO_EVO_IDENTITY_TOKEN), accept: 'application/json' },
				body: '',
				at: 0,
			});
			return JSON.parse(answer) as string;
		},
		async rawSession(send) {
			// A plain client signs on once and pays with its token.
			const token = await this.signOn!(send);
			return (request) => ({ ...request, headers: { ...request.headers, authorization: evoBasic(token) } });
		},
	},
	{
		name: 'cnbsWebAr',
		nodeType: 'cnbsWebAr',
		credentialType: 'cnbsWebArApi',
		createSimulator: () => createCnbsWebArDemo(),
		load(sim, n) {
			sim.reset();
			for (let i = 0; i < n; i++) {
				(sim as CnbsWebArSimulator).addDocument({
					document_number_finance: cnbsDocument(i),
					fiscal_year: 2017,
					payer_number: DEMO_CNBS_PAYER,
					company_code: DEMO_CNBS_COMPANY_CODE,
					currency_key: 'USD',
					total_amount: '12.00',
				});
			}
		},
		credentialData: (baseUrl) => cnbsWebArDemoCredentialData(baseUrl),
		parameters: {
			resource: 'payment',
			operation: 'payInvoices',
			requestMode: 'perItem',
			customer_number: DEMO_CNBS_PAYER,
			company_code: DEMO_CNBS_COMPANY_CODE,
			payment_method: 'CC',
			...DEMO_CNBS_CARD,
			amount: 'openAmount',
		},
		items: (n) =>
			Array.from({ length: n }, (_, i) => ({
				document_number_finance: cnbsDocument(i),
				line_item_in_the_relevant_invoice: 1,
				fiscal_year_of_the_relevant_invoice: 2017,
				open_amount: '12.00',
				currency_key: 'USD',
			})),
		signOns: () => 0,
		payments: (sim) => (sim as CnbsWebArSimulator).payments.length,
		isPayment: (request) => request.method === 'POST' && request.path.endsWith('/invoices/payments'),
	},
	{
		// CNBS's "All Items in One Request": 100 documents, one request (requests_per_payment 0.01).
		name: 'cnbsWebArCombined',
		simulator: 'cnbsWebAr',
		nodeType: 'cnbsWebAr',
		credentialType: 'cnbsWebArApi',
		createSimulator: () => createCnbsWebArDemo(),
		load: (sim, n) => VENDORS.find((entry) => entry.name === 'cnbsWebAr')!.load(sim, n),
		credentialData: (baseUrl) => cnbsWebArDemoCredentialData(baseUrl),
		get parameters() {
			return { ...VENDORS.find((entry) => entry.name === 'cnbsWebAr')!.parameters, requestMode: 'combined' };
		},
		items: (n) => VENDORS.find((entry) => entry.name === 'cnbsWebAr')!.items(n),
		signOns: () => 0,
		payments: (sim) => (sim as CnbsWebArSimulator).payments.length,
		isPayment: (request) => request.method === 'POST' && request.path.endsWith('/invoices/payments'),
		fixedN: 100,
		fixedParallel: [1],
	},
	{
		name: 'adilas',
		nodeType: 'adilas',
		credentialType: 'adilasApi',
		createSimulator: () => createAdilasDemo(),
		load(sim, n) {
			sim.reset();
			for (let i = 0; i < n; i++) {
				(sim as AdilasSimulator).addInvoice({ invoiceNumber: 1000 + i, customerId: 1, typeId: 3, amount: '12.00', invoiceDate: '2015-03-24' });
			}
		},
		credentialData: (baseUrl) => adilasDemoCredentialData(baseUrl),
		parameters: {
			resource: 'invoicePayment',
			operation: 'add',
			INVOICE_NUMBER: '={{ $json.invoice }}',
			AMOUNT_PAID: '12.00',
			MONEY_TYPE_ID: 2,
			MERCHANT_SETTING_ID: 1,
			additionalFields: {},
		},
		items: (n) => Array.from({ length: n }, (_, i) => ({ invoice: 1000 + i })),
		signOns: () => 0,
		payments: (sim) => (sim as AdilasSimulator).payments.length,
		isPayment: (request) => request.body.includes('addInvoicePayment'),
	},
];

