import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputKind } from './fieldKinds';

/**
 * What the generic Pay Invoice node asks of a vendor. Each vendor folder implements it in its
 * `payInvoice.ts`; the generic node knows no wire format. The node checks the capabilities, the
 * amount and the Maximum Amount itself; an adapter maps the request onto its vendor's calls.
 */
export interface PayInvoiceRequest {
	/** The vendor's invoice reference, trimmed and not empty (what it means: `invoiceReferenceHint`). */
	invoiceReference: string;
	/** `full`: the whole open balance; `amount`: exactly `amount`. */
	amountMode: 'full' | 'amount';
	/** With `amount`: a positive decimal with at most 2 decimals, written as "12.00". */
	amount?: string;
	/** Upper-case ISO code, when given. */
	currency?: string;
	/** As the user gave it (an ISO date or date-time, a luxon DateTime...); empty: now. */
	paymentDate?: unknown;
	paymentReference?: string;
	paymentMethod?: string;
	/** Read the open balance first: skip what is already paid, refuse to pay more than is open. */
	checkBalanceFirst: boolean;
	/**
	 * The node needs to know the amount before paying (a Maximum Amount is set): an adapter whose
	 * amount is not known otherwise (the full balance) reads it, except in a dry run.
	 */
	needAmount: boolean;
	dryRun: boolean;
	timeout: number;
	/** This vendor's extra fields, by their names in the node. */
	extra: IDataObject;
}

/**
 * What a vendor does with one of the common fields (Payment Date, Payment Reference, Payment
 * Method): sends it in one of its own fields, or cannot take it, so that a value given there
 * fails the item before anything is sent (never silently dropped).
 */
export type CommonFieldSupport =
	/** The vendor's field it is sent in, as a dotted path in the request (e.g. `payment_method_identifier.name`). */
	| { sentAs: string }
	/** Why the vendor cannot take it, written to follow "<vendor> cannot take a <field>: ". */
	| { refusedBecause: string };

/** What a vendor can do, checked by the node before anything is sent (and shown in the README). */
export interface PayInvoiceCapabilities {
	/** Can pay the invoice's whole open balance. */
	fullBalance: boolean;
	/** Can pay a given amount. */
	givenAmount: boolean;
	/** Can read the open balance before paying. */
	balanceCheck: boolean;
	/** Can honour a Currency: by sending it, or by checking the invoice's. */
	currency: boolean;
	paymentDate: CommonFieldSupport;
	paymentReference: CommonFieldSupport;
	paymentMethod: CommonFieldSupport;
}

/** A payment checked and ready to send: nothing has been paid yet. */
export interface PreparedPayment {
	/** The amount that will be paid ("12.00"), when it is known before sending. */
	amount?: string;
	currency?: string;
	/** Set when there is nothing to pay (the balance check found the invoice paid). */
	alreadyPaid?: { reason: string; vendorResponse?: IDataObject };
	/** The exact request that will be sent, secrets masked (a dry run's output). */
	request: IDataObject;
	/** Sends the payment. */
	send(): Promise<PaidInvoice>;
}

/** What a vendor reported about a payment it made (or refused as a duplicate of one it has). */
export interface PaidInvoice {
	/** The vendor refused the payment as one it already has (e.g. a unique reference): nothing was paid now. */
	alreadyPaid?: string;
	amount?: string;
	currency?: string;
	/** The vendor's own number of the payment (its Payment Reference is the user's: the request's). */
	paymentId?: string;
	paidAt?: string;
	vendorResponse: IDataObject;
}

export type PaymentStatus = 'paid' | 'skipped: already paid' | 'dry run';

/** One output shape for every vendor: every key is always there (null when unknown). */
export interface PayInvoiceResult extends IDataObject {
	vendor: string;
	status: PaymentStatus;
	invoice: string;
	amount: string | null;
	currency: string | null;
	paymentId: string | null;
	reference: string | null;
	paidAt: string | null;
	vendorResponse: IDataObject | null;
}

export interface PayInvoiceAdapter {
	/** The Vendor option's value, e.g. `crmCom`; extra field names start with it. */
	key: string;
	/** The vendor's name, e.g. "CRM.COM". */
	vendor: string;
	credentialType: string;
	capabilities: PayInvoiceCapabilities;
	/** What "invoice reference" means for this vendor, shown as the field's hint. */
	invoiceReferenceHint: string;
	/** An example reference, shown as the field's placeholder. */
	invoiceReferencePlaceholder: string;
	/** The invoice reference's kind for this vendor (e.g. digits of an order ID), checked before anything is sent. */
	invoiceReferenceKind: InputKind;
	/** Fields only this vendor needs, shown when it is selected (names start with `key`). */
	extraFields: INodeProperties[];
	/** The credential's secrets, masked in every error. */
	secretsOf(credentials: ICredentialDataDecryptedObject): Array<string | undefined>;
	/**
	 * Checks the request and reads what must be read (never in a dry run); sends no payment. Bad
	 * input throws an InvalidInputError naming the field, before anything is sent.
	 */
	prepare(this: IExecuteFunctions, request: PayInvoiceRequest, itemIndex: number): Promise<PreparedPayment>;
}
