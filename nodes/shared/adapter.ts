import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * What the generic Pay Invoice node asks of a vendor. Each vendor folder implements it in its
 * `payInvoice.ts`; the generic node knows no wire format.
 */
export interface PayInvoiceRequest {
	/** The vendor's invoice reference (what it means is vendor-specific; see `invoiceReferenceHint`). */
	invoiceReference: string;
	/** `full`: the whole open balance; `amount`: exactly `amount` (a decimal string). */
	amountMode: 'full' | 'amount';
	amount?: string;
	currency?: string;
	paymentDate?: string;
	paymentReference?: string;
	paymentMethod?: string;
	/** Check the open balance first: skip what is already paid, refuse to pay more than is open. */
	checkBalanceFirst: boolean;
	dryRun: boolean;
	/** The vendor's own extra fields, shown only for that vendor. */
	extra: IDataObject;
}

export type PaymentStatus = 'paid' | 'skipped: already paid' | 'dry run';

/** One output shape for every vendor. */
export interface PayInvoiceResult {
	vendor: string;
	status: PaymentStatus;
	invoice: string;
	amount?: string;
	currency?: string;
	paymentId?: string;
	reference?: string;
	paidAt?: string;
	vendorResponse?: IDataObject;
	/** With dry run: the exact request that would have been sent, secrets masked. */
	request?: IDataObject;
}

export interface PayInvoiceCapabilities {
	/** The vendor can read an invoice's open balance (enables "full amount" and the pre-check). */
	readsBalance: boolean;
	/** The vendor always pays the whole open balance (no amount can be given). */
	paysWholeBalanceOnly: boolean;
}

export interface PayInvoiceAdapter {
	vendor: string;
	credentialType: string;
	capabilities: PayInvoiceCapabilities;
	/** What "invoice reference" means for this vendor, shown as the field's hint. */
	invoiceReferenceHint: string;
	/** Fields only this vendor needs, shown when it is selected. */
	extraFields: INodeProperties[];
	payInvoice(this: IExecuteFunctions, request: PayInvoiceRequest, itemIndex: number): Promise<PayInvoiceResult>;
}
