/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AdilasSimulator } from '../simulators/adilas';
import { CloudCommerceProSimulator } from '../simulators/cloudCommercePro';
import { CnbsWebArSimulator } from '../simulators/cnbsWebAr';
import { CrmComSimulator } from '../simulators/crmCom';
import { EvoSnapSimulator } from '../simulators/evoSnap';
import type { RecordedRequest, VendorSimulator } from '../simulators/framework';

/**
 * The five vendors as the fault suite sees them: how to pay an invoice with the vendor node and
 * with Pay Invoice, how to read the ledger, how to recognise a payment request, and the
 * distinctive secrets the whole suite plants (see recorder.ts: none may ever show).
 */

/** Distinctive secret values: found anywhere in what a node shows, they are a leak. */
export const SECRETS = {
	ccpSecurityHash: '31,41,59,26,53,58,97,93,23,84,62,64,33,83,27,95,02,88,41,97,16,93,99,37,51,05,82,09,74,94,45,92,30,78,16,40',
	crmPassword: 'Fault-Suite-CRM-p4ssw0rd!',
	crmWebApiKey: 'fault-suite-crm-web-api-key-5b1e',
	evoIdentityToken: 'RmF1bHRTdWl0ZUlkZW50aXR5VG9rZW4tRVZPLWRvLW5vdC1zaG93LTdjM2Q5ZQ==',
	cnbsSystemId: 'FaultSuiteCnbsSysId/9qX+2vLw0ZtR8kYp3mN7=',
	cnbsCardToken: '-E803-4242-FAULTSUITE77H',
	cnbsCvv: '8461',
	adilasPassword: 'fault-suite-adilas-password-6f2a',
	evoCardNumber: '4000056655665556',
} as const;

/** A secret that is short (a CVV) is matched between non-digits only, so that it is not found inside IDs. */
export const ALL_SECRETS: string[] = Object.values(SECRETS);

export type NodeKind = 'vendorNode' | 'payInvoice';

/** One invoice of a run: the input item and what the ledger knows it by. */
export interface Invoice {
	/** The key the ledger and the payment requests use. */
	ref: string;
	/** The input item of the vendor node and of Pay Invoice. */
	item: IDataObject;
}

export interface VendorEntry {
	key: string;
	name: string;
	credentialType: string;
	create(): VendorSimulator;
	credentialData(baseUrl: string): Record<string, string | number | boolean>;
	/** Loads `n` open invoices (distinct references that are not substrings of each other). */
	load(sim: VendorSimulator, n: number): Invoice[];
	/** The vendor node paying `$json`'s invoice (the paying operation), and Pay Invoice doing the same. */
	parameters: Record<NodeKind, INodeParameters>;
	/** The node option that reads the balance before paying (absent where it cannot). */
	balanceCheck?: Record<NodeKind, { parameters?: INodeParameters; options: IDataObject }>;
	/** Is this request a payment request? */
	isPayment(request: RecordedRequest): boolean;
	/** The invoice references of the payments in the ledger (one entry per payment). */
	paidRefs(sim: VendorSimulator): string[];
	/**
	 * Makes the vendor refuse the invoice at its payment (a vendor-level failure in a 200 or a
	 * refusal in the vendor's format), and what the item then says. `sent`: whether a payment
	 * request goes out for it (false where the refusal comes from a read before paying).
	 */
	refuse(sim: VendorSimulator, invoice: Invoice, kind: NodeKind): { item: IDataObject; message: RegExp; sent: boolean };
	/** Session vendors: makes every token issued so far expired; and the sign-ons counted. */
	expireTokens?(sim: VendorSimulator): void;
	signOns?(sim: VendorSimulator): number;
	/** Session tokens the simulator issued (secrets too). */
	issuedTokens?(sim: VendorSimulator): string[];
	/** Amount every payment in the matrix pays. */
	amount: string;
}

const mentions = (request: RecordedRequest, text: string) => request.path.includes(text) || request.body.includes(text);

export const CCP_SALES_CHANNEL = 36;
export const CCP_CUSTOMER = 96354316;

const ccp: VendorEntry = {
	key: 'cloudCommercePro',
	name: 'Cloud Commerce Pro',
	credentialType: 'cloudCommerceProApi',
	create: () => new CloudCommerceProSimulator({ brandId: 12, securityHash: SECRETS.ccpSecurityHash }),
	credentialData: (baseUrl) => ({ environment: 'custom', customUrl: baseUrl, brandId: 12, securityHash: SECRETS.ccpSecurityHash }),
	load(sim, n) {
		return Array.from({ length: n }, (_, i) => {
			const orderId = 61000 + i;
			const invoiceId = 81000 + i;
			(sim as CloudCommerceProSimulator).addInvoice({
				orderId,
				invoiceId,
				salesChannelId: CCP_SALES_CHANNEL,
				customerId: CCP_CUSTOMER,
				netAmount: '10.00',
				vatAmount: '2.00',
				amount: '12.00',
			});
			return { ref: String(invoiceId), item: { invoice: invoiceId, order: orderId } };
		});
	},
	parameters: {
		vendorNode: {
			resource: 'payment',
			operation: 'create',
			intInvoiceID: '={{ $json.invoice }}',
			intSalesChannelID: String(CCP_SALES_CHANNEL),
			strPaymentReference: '=Fault suite {{ $json.invoice }}',
			dbPaymentAmount: '12.00',
			intCustomerID: String(CCP_CUSTOMER),
			dtPaymentDate: '2021-10-22T12:01:44',
		},
		payInvoice: { vendor: 'cloudCommercePro', invoiceReference: '={{ $json.order }}', amountMode: 'full' },
	},
	balanceCheck: {
		// CreatePayment cannot check; Pay Order in Full always reads the order's balance first.
		vendorNode: { parameters: { resource: 'payment', operation: 'payOrderInFull', orderId: '={{ $json.order }}' }, options: {} },
		payInvoice: { options: { checkBalanceFirst: true } },
	},
	isPayment: (request) => request.path === '/CCPApiPaymentService.svc' && request.body.includes('CreatePayment'),
	paidRefs: (sim) => (sim as CloudCommerceProSimulator).payments.map((payment) => String(payment.invoiceId)),
	refuse: (_sim, invoice, kind) =>
		kind === 'vendorNode'
			? { item: { ...invoice.item, invoice: 424242 }, message: /Cloud Commerce Pro CreatePayment failed: Invoice not found \[3001\]/, sent: true }
			: { item: { ...invoice.item, order: 9999 }, message: /Cloud Commerce Pro getInvoiceSummaryForOrderID failed: Order not found/, sent: false },
	amount: '12.00',
};

const CRM_AR = { id: 'A6F1C2D3E4B5A6978812345678ABCDEF', number: '192', name: 'Dina Mika' };

const crm: VendorEntry = {
	key: 'crmCom',
	name: 'CRM.COM',
	credentialType: 'crmComApi',
	create: () =>
		new CrmComSimulator({ username: 'faultsuite', password: SECRETS.crmPassword, organisation: 'FAULTS', webApiKey: SECRETS.crmWebApiKey }),
	credentialData: (baseUrl) => ({
		serverUrl: baseUrl,
		authMethod: 'password',
		username: 'faultsuite',
		password: SECRETS.crmPassword,
		organisation: 'FAULTS',
		unit: '',
	}),
	load(sim, n) {
		return Array.from({ length: n }, (_, i) => {
			const number = `FSINV${100 + i}`;
			(sim as CrmComSimulator).addInvoice({
				number,
				reference_number: String(700 + i),
				total_amount: '12.00',
				outstanding_amount: '12.00',
				accounts_receivable: CRM_AR,
			});
			return { ref: number, item: { invoice: number } };
		});
	},
	parameters: {
		vendorNode: {
			resource: 'payment',
			operation: 'payInvoice',
			invoice_identifier: { __rl: true, mode: 'number', value: '={{ $json.invoice }}' },
			accounts_receivable_identifier: { __rl: true, mode: 'number', value: CRM_AR.number },
			type_identifier: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
			payment_method_identifier: { __rl: true, mode: 'name', value: 'Direct Debit' },
		},
		payInvoice: {
			vendor: 'crmCom',
			invoiceReference: '={{ $json.invoice }}',
			amountMode: 'full',
			paymentMethod: 'Direct Debit',
			crmComAccountsReceivable: { __rl: true, mode: 'number', value: CRM_AR.number },
			crmComType: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
		},
	},
	balanceCheck: { vendorNode: { options: { checkFirst: true } }, payInvoice: { options: { checkBalanceFirst: true } } },
	isPayment: (request) => request.path.endsWith('/payments/pay_invoice'),
	paidRefs(sim) {
		const crmSim = sim as CrmComSimulator;
		return crmSim.payments.map((payment) => {
			const body = payment.body as { invoice_identifier?: { number?: string; id?: string } };
			return body.invoice_identifier?.number ?? String(body.invoice_identifier?.id);
		});
	},
	refuse: (_sim, invoice) => ({
		item: { ...invoice.item, invoice: 'FSNOSUCH' },
		message: /CRM\.COM (payments\/pay_invoice|invoices\/show) failed: .*\[NOT_FOUND\]/,
		sent: true,
	}),
	expireTokens: (sim) => (sim as CrmComSimulator).expireAllTokens(),
	signOns: (sim) => (sim as CrmComSimulator).signIns,
	issuedTokens: (sim) => [...(sim as CrmComSimulator).tokens.keys()],
	amount: '12.00',
};

const evo: VendorEntry = {
	key: 'evoSnap',
	name: 'EVO Snap*',
	credentialType: 'evoSnapApi',
	create: () =>
		new EvoSnapSimulator({ identityTokens: [SECRETS.evoIdentityToken], merchantProfileIds: ['Fault_Suite_1'], version: '2.1.28' }),
	credentialData: (baseUrl) => ({
		environment: 'custom',
		customUrl: baseUrl,
		apiVersion: '2.1.28',
		identityToken: SECRETS.evoIdentityToken,
		merchantProfileId: 'Fault_Suite_1',
		serviceId: '39C6700001',
		applicationProfileId: '772763',
	}),
	load(sim, n) {
		return Array.from({ length: n }, (_, i) => {
			const id = `FAULT${String(i).padStart(2, '0')}${'0'.repeat(20)}ABCDEF0`;
			(sim as EvoSnapSimulator).addInvoice({ InvoiceReferenceId: id, Amount: '12.00', MerchantProfileId: 'Fault_Suite_1' });
			return { ref: id, item: { invoice: id } };
		});
	},
	parameters: {
		vendorNode: {
			resource: 'invoice',
			operation: 'process',
			InvoiceReferenceId: '={{ $json.invoice }}',
			TransactionType: 'AuthorizeAndCapture',
			PaymentData: { PaymentType: 'Credit', CardType: 'Visa', PaymentAccountNumber: SECRETS.evoCardNumber, PaymentAccountExpiration: '1230' },
		},
		payInvoice: {
			vendor: 'evoSnap',
			invoiceReference: '={{ $json.invoice }}',
			amountMode: 'full',
			evoSnapPaymentData: { CardType: 'Visa', PaymentAccountNumber: SECRETS.evoCardNumber, PaymentAccountExpiration: '1230' },
		},
	},
	balanceCheck: { vendorNode: { options: { checkFirst: true } }, payInvoice: { options: { checkBalanceFirst: true } } },
	isPayment: (request) => request.method === 'PUT' && request.path.endsWith('/process'),
	paidRefs: (sim) => (sim as EvoSnapSimulator).payments.map((payment) => payment.InvoiceReferenceId),
	refuse: (sim, invoice, kind) => {
		(sim as EvoSnapSimulator).declineRule = (record) =>
			record.InvoiceReferenceId === invoice.ref ? { code: '051', message: 'Insufficient funds' } : undefined;
		return {
			item: invoice.item,
			message: kind === 'vendorNode' ? /EVO Snap\* ProcessInvoice failed: Insufficient funds .*\[051\]/ : /EVO Snap\* Pay Invoice failed: Insufficient funds/,
			sent: true,
		};
	},
	expireTokens: (sim) => (sim as EvoSnapSimulator).expireAllTokens(),
	signOns: (sim) => (sim as EvoSnapSimulator).signOns,
	issuedTokens: (sim) => [...(sim as unknown as { sessionTokens: Map<string, number> }).sessionTokens.keys()],
	amount: '12.00',
};

const CNBS_CARD = {
	payment_card_type: 'VISA',
	payment_card_token: SECRETS.cnbsCardToken,
	payment_card_name: 'Fault Suite',
	valid_to: '05-31-2030',
	card_validation_code: SECRETS.cnbsCvv,
};

const cnbs: VendorEntry = {
	key: 'cnbsWebAr',
	name: 'CNBS WebAR',
	credentialType: 'cnbsWebArApi',
	create() {
		const sim = new CnbsWebArSimulator({ systemId: SECRETS.cnbsSystemId, sapClient: '800' });
		sim.customizing = { partialPaymentsAllowed: true, overpaymentAllowed: false };
		return sim;
	},
	credentialData: (baseUrl) => ({
		serverUrl: baseUrl,
		sapClient: '800',
		sapLanguage: 'EN',
		apiId: 'CNBSMV01R',
		systemIdSecret: SECRETS.cnbsSystemId,
		useBasicAuth: false,
	}),
	load(sim, n) {
		return Array.from({ length: n }, (_, i) => {
			const number = String(1500000100 + i);
			(sim as CnbsWebArSimulator).addDocument({
				payer_number: '3000',
				company_code: '3000',
				fiscal_year: 2017,
				document_number_finance: number,
				billing_document_number: String(91000000 + i),
				total_amount: '12.00',
				posting_date: '03-24-2017',
			});
			return {
				ref: number,
				item: {
					invoice: number,
					document_number_finance: number,
					line_item_in_the_relevant_invoice: 1,
					fiscal_year_of_the_relevant_invoice: 2017,
					open_amount: '12.00',
					currency_key: 'USD',
				},
			};
		});
	},
	parameters: {
		vendorNode: {
			resource: 'payment',
			operation: 'payInvoices',
			requestMode: 'perItem',
			customer_number: '3000',
			company_code: '3000',
			payment_method: 'CC',
			...CNBS_CARD,
			amount: 'openAmount',
		},
		payInvoice: {
			vendor: 'cnbsWebAr',
			invoiceReference: '={{ $json.invoice }}',
			amountMode: 'full',
			cnbsWebArCustomerNumber: '3000',
			cnbsWebArCompanyCode: '3000',
			cnbsWebArPaymentMethod: 'CC',
			cnbsWebArPaymentDetail: { ...CNBS_CARD, valid_to: '2030-05-31' },
		},
	},
	balanceCheck: { vendorNode: { options: { checkFirst: true } }, payInvoice: { options: { checkBalanceFirst: true } } },
	isPayment: (request) => request.method === 'POST' && request.path.endsWith('/invoices/payments'),
	paidRefs: (sim) =>
		(sim as CnbsWebArSimulator).payments.filter((payment) => payment.kind === 'payment').map((payment) => payment.invoice!.document_number_finance),
	refuse: (sim, invoice) => {
		(sim as CnbsWebArSimulator).declineDocuments.set(invoice.ref, 'the card was declined by the issuer');
		return { item: invoice.item, message: /CNBS WebAR (POST invoices\/payments|Pay Invoice) failed: .*the card was declined by the issuer/, sent: true };
	},
	amount: '12.00',
};

const adilas: VendorEntry = {
	key: 'adilas',
	name: 'adilas',
	credentialType: 'adilasApi',
	create: () =>
		new AdilasSimulator({
			corpKey: 'PLA-0053',
			userName: 'faultsuite',
			password: SECRETS.adilasPassword,
			payeeIds: ['3'],
			merchantSettingIds: [1, 4],
		}),
	credentialData: (baseUrl) => ({
		apiUrl: `${baseUrl}/web/adilas_api_calls.cfm`,
		requestStyle: 'formField',
		corpKey: 'PLA-0053',
		userName: 'faultsuite',
		password: SECRETS.adilasPassword,
		payeeId: '3',
	}),
	load(sim, n) {
		return Array.from({ length: n }, (_, i) => {
			const invoiceNumber = 77001 + i;
			(sim as AdilasSimulator).addInvoice({ invoiceNumber, customerId: 1, typeId: 3, amount: '12.00', invoiceDate: '2015-03-24' });
			return { ref: String(invoiceNumber), item: { invoice: invoiceNumber } };
		});
	},
	parameters: {
		vendorNode: {
			resource: 'invoicePayment',
			operation: 'add',
			INVOICE_NUMBER: '={{ $json.invoice }}',
			AMOUNT_PAID: '12.00',
			MONEY_TYPE_ID: 2,
			MERCHANT_SETTING_ID: 1,
			additionalFields: {},
		},
		payInvoice: { vendor: 'adilas', invoiceReference: '={{ $json.invoice }}', amountMode: 'amount', amount: '12.00', adilasMoneyTypeId: '2' },
	},
	isPayment: (request) => request.body.includes('addInvoicePayment'),
	paidRefs: (sim) => (sim as AdilasSimulator).payments.map((payment) => String(payment.invoiceNumber)),
	refuse: (sim, invoice) => {
		// An invoice started without an amount: adilas answers `zero` and records nothing.
		const number = Number(invoice.ref) + 500;
		(sim as AdilasSimulator).addInvoice({ invoiceNumber: number, customerId: 1, typeId: 2 });
		return { item: { invoice: number }, message: /adilas (Add Invoice Payment|addInvoicePayment|Pay Invoice) failed: .*\[zero\]/, sent: true };
	},
	amount: '12.00',
};

export const VENDORS: VendorEntry[] = [ccp, crm, evo, cnbs, adilas];

export function payRequestsFor(vendor: VendorEntry, sim: VendorSimulator, ref?: string): RecordedRequest[] {
	return sim.requests.filter((request) => vendor.isPayment(request) && (ref === undefined || mentions(request, ref)));
}

export { mentions };
