import type { AdilasSimulator } from '../simulators/adilas';
import type { CloudCommerceProSimulator } from '../simulators/cloudCommercePro';
import { CnbsWebArSimulator } from '../simulators/cnbsWebAr';
import type { CrmComSimulator } from '../simulators/crmCom';
import type { EvoSnapSimulator } from '../simulators/evoSnap';
import type { SimulatorAdmin, VendorSimulator } from '../simulators/framework';
import { DEMO_ADILAS_MERCHANT_SETTING_IDS } from '../simulators/adilasDemo';
import { DEMO_CCP_CUSTOMER_ID, DEMO_CCP_SALES_CHANNEL_ID } from '../simulators/cloudCommerceProDemo';
import { DEMO_CNBS_COMPANY_CODE, DEMO_CNBS_PAYER } from '../simulators/cnbsWebArDemo';
import { DEMO_CRM_ACCOUNTS_RECEIVABLE } from '../simulators/crmComDemo';

/**
 * What `npm run e2e` reads from each simulator and loads into it through the admin endpoint
 * (framework.ts, /__sim/): one ledger view for every vendor, and bulk seeding of invoices to pay.
 * The e2e process runs apart from the simulators, so this is its only view of them.
 */

/** One payment in the ledger: `invoice` is the key the seeded item carries as `key`. */
export interface LedgerPayment {
	invoice: string;
	amount: string;
}

export interface LedgerView {
	payments: LedgerPayment[];
	/** Successful sign-ons (session tokens issued); null for vendors with no session (a secret on every call). */
	signOns: number | null;
	failedSignOns: number | null;
}

/** A seed request: `count` invoices of `amount`, numbered from `start` (unique per run). */
export interface SeedRequest {
	start: number;
	count: number;
	amount?: string;
	/** Created (EVO) or posted (CNBS) now, inside a trigger's look-back window. */
	recent?: boolean;
}

/** A trigger run's change between polls: EVO invoices processed, CNBS documents paid in SAP. */
export interface TriggerChange {
	process?: string[];
	post?: string[];
}

/** One seeded invoice as the workflow's input item; `key` matches LedgerPayment.invoice. */
export type SeededItem = Record<string, string | number> & { key: string };

const hex = (n: number) => n.toString(16).toUpperCase().padStart(32, '0');

export const E2E_LEDGERS: Record<string, (sim: VendorSimulator) => SimulatorAdmin> = {
	cloudCommercePro: (s) => {
		const sim = s as CloudCommerceProSimulator;
		return {
			ledger: (): LedgerView => ({
				payments: sim.payments.map((p) => ({ invoice: String(p.invoiceId), amount: p.amount })),
				signOns: null,
				failedSignOns: null,
			}),
			seed: (body) => {
				const { start, count, amount = '10.00' } = body as SeedRequest;
				const items: SeededItem[] = [];
				for (let i = 0; i < count; i++) {
					const orderId = 700000000 + start + i;
					const invoiceId = 800000000 + start + i;
					sim.addInvoice({ orderId, invoiceId, salesChannelId: DEMO_CCP_SALES_CHANNEL_ID, customerId: DEMO_CCP_CUSTOMER_ID, netAmount: amount, vatAmount: '0.00', amount });
					items.push({ key: String(invoiceId), order: orderId });
				}
				return items;
			},
		};
	},
	crmCom: (s) => {
		const sim = s as CrmComSimulator;
		return {
			ledger: (): LedgerView => ({
				payments: sim.payments.map((p) => ({ invoice: p.invoice_id, amount: p.payment_amount })),
				signOns: sim.signIns,
				failedSignOns: sim.failedSignIns,
			}),
			seed: (body) => {
				const { start, count, amount = '10.00' } = body as SeedRequest;
				const items: SeededItem[] = [];
				for (let i = 0; i < count; i++) {
					const id = hex(0xe2e00000 + start + i);
					const number = `E2E${String(start + i).padStart(7, '0')}`;
					sim.addInvoice({ id, number, reference_number: String(900000 + start + i), total_amount: amount, outstanding_amount: amount, accounts_receivable: DEMO_CRM_ACCOUNTS_RECEIVABLE });
					items.push({ key: id, invoice: number, rowId: number });
				}
				return items;
			},
		};
	},
	evoSnap: (s) => {
		const sim = s as EvoSnapSimulator;
		return {
			ledger: (): LedgerView => ({
				payments: sim.payments.map((p) => ({ invoice: p.InvoiceReferenceId, amount: Number(sim.invoice(p.InvoiceReferenceId)?.invoice.Amount ?? NaN).toFixed(2) })),
				signOns: sim.signOns,
				failedSignOns: sim.failedSignOns,
			}),
			seed: (body) => {
				// The trigger run: invoices processed outside the node (EVO's own page, say).
				const { process } = body as TriggerChange;
				if (process) {
					for (const id of process) sim.processOutOfBand(id);
					return process.map((id) => ({ key: id }));
				}
				const { start, count, amount = '10.00', recent = false } = body as SeedRequest;
				const items: SeededItem[] = [];
				for (let i = 0; i < count; i++) {
					const id = hex(0xe2e00000 + start + i);
					// Recent: created now (inside a trigger's look-back window), one millisecond apart.
					const created = recent ? { CreatedDate: new Date(Date.now() - i).toISOString().slice(0, 23) } : {};
					sim.addInvoice({ InvoiceReferenceId: id, Amount: amount, MerchantInvoiceId: `E2E${start + i}`, ...created });
					items.push({ key: id, InvoiceReferenceId: id });
				}
				return items;
			},
		};
	},
	cnbsWebAr: (s) => {
		const sim = s as CnbsWebArSimulator;
		return {
			ledger: (): LedgerView => ({
				payments: sim.payments.filter((p) => p.invoice).map((p) => ({ invoice: p.invoice!.document_number_finance, amount: p.amount })),
				signOns: null,
				failedSignOns: null,
			}),
			seed: (body) => {
				// The trigger run: payments posted in SAP outside the node; the key is the payment's document.
				const { post } = body as TriggerChange;
				if (post) return post.map((number) => ({ key: sim.postPayment(number).document_number_finance, invoice: number }));
				const { start, count, amount = '10.00', recent = false } = body as SeedRequest;
				const items: SeededItem[] = [];
				for (let i = 0; i < count; i++) {
					const number = String(1800000000 + start + i);
					const posted = recent ? { posting_date: CnbsWebArSimulator.today() } : {};
					sim.addDocument({ payer_number: DEMO_CNBS_PAYER, company_code: DEMO_CNBS_COMPANY_CODE, fiscal_year: 2017, document_number_finance: number, total_amount: amount, ...posted });
					items.push({
						key: number,
						document_number_finance: number,
						line_item_in_the_relevant_invoice: 1,
						fiscal_year_of_the_relevant_invoice: 2017,
						open_amount: amount,
						currency_key: 'USD',
						payer_number: DEMO_CNBS_PAYER,
						company_code: DEMO_CNBS_COMPANY_CODE,
					});
				}
				return items;
			},
		};
	},
	adilas: (s) => {
		const sim = s as AdilasSimulator;
		return {
			ledger: (): LedgerView => ({
				payments: sim.payments.map((p) => ({ invoice: String(p.invoiceNumber), amount: p.amount })),
				signOns: null,
				failedSignOns: null,
			}),
			seed: (body) => {
				const { start, count, amount = '10.00' } = body as SeedRequest;
				const items: SeededItem[] = [];
				for (let i = 0; i < count; i++) {
					const invoiceNumber = 600000 + start + i;
					sim.addInvoice({ invoiceNumber, customerId: 1, typeId: 3, amount });
					items.push({ key: String(invoiceNumber), INVOICE_NUMBER: invoiceNumber, MERCHANT_SETTING_ID: DEMO_ADILAS_MERCHANT_SETTING_IDS[0] });
				}
				return items;
			},
		};
	},
};

/** Gives a simulator its e2e ledger view and seeding (no-op for a vendor not listed here). */
export function attachE2eAdmin(key: string, sim: VendorSimulator): void {
	const make = E2E_LEDGERS[key];
	if (make) sim.admin = make(sim);
}
