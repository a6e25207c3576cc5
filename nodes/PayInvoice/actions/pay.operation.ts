import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { kinds, readFields, withKind } from '../../shared/fieldKinds';
import type { PaymentSafety } from '../../shared/retrySafety';
import { isRetriedExecution, sendPaymentOnce } from '../../shared/retrySafety';
import type { PayInvoiceAdapter, PayInvoiceRequest, PayInvoiceResult, PreparedPayment } from '../../shared/adapter';
import { dryRunOption, optionsCollection, timeoutOption } from '../../shared/fields';
import { maximumAmountOption } from '../../shared/maximumAmount';
import { optionalText } from '../../shared/input';
import { itemKeyOf, nodeParameter } from '../../shared/itemParameter';
import type { Amount } from '../../shared/money';
import { compareAmounts, formatAmount, parseAmount } from '../../shared/money';
import { InvalidInputError } from '../../shared/errors';
import { ADAPTERS, adapterFor } from '../adapters';
import type { OutputKeys } from '../../shared/outputShape';

const forVendor = (adapter: PayInvoiceAdapter, field?: INodeProperties) => ({
	show: { ...field?.displayOptions?.show, vendor: [adapter.key] },
});

/** One Invoice Reference field per vendor: the same name, each with its vendor's meaning. */
const invoiceReferenceFields: INodeProperties[] = ADAPTERS.map((adapter) => withKind(adapter.invoiceReferenceKind, {
	displayName: 'Invoice Reference',
	name: 'invoiceReference',
	type: 'string',
	required: true,
	default: '',
	placeholder: adapter.invoiceReferencePlaceholder,
	description: `The ${adapter.vendor} invoice to pay, e.g. ${adapter.invoiceReferencePlaceholder}. Empty: the item fails naming this field, before anything is sent.`,
	hint: adapter.invoiceReferenceHint,
	displayOptions: forVendor(adapter),
}));

/** The common fields every vendor honours (sends in one of its fields) or refuses, as the user sees them. */
const COMMON_FIELDS = { paymentDate: 'Payment Date', paymentReference: 'Payment Reference', paymentMethod: 'Payment Method' } as const;
type CommonField = keyof typeof COMMON_FIELDS;

/** What each vendor does with the field: "Sent as dtPaymentDate (Cloud Commerce Pro), .... EVO Snap* cannot take it: ...". */
function commonFieldHint(field: CommonField): string {
	const sent: string[] = [];
	const refused: string[] = [];
	for (const adapter of ADAPTERS) {
		const support = adapter.capabilities[field];
		if ('sentAs' in support) sent.push(`${support.sentAs} (${adapter.vendor})`);
		else refused.push(`${adapter.vendor} cannot take it (${support.refusedBecause})`);
	}
	return [`Sent as ${sent.join(', ')}.`, ...refused.map((text) => `${text}.`), 'Where a vendor cannot take it, a value given fails the item and nothing is sent.'].join(' ');
}

/** A common field checked as its kind (readFields) is refused when the vendor cannot take it. */
function refuseUnsupported(adapter: PayInvoiceAdapter, field: CommonField, value: unknown): void {
	const label = COMMON_FIELDS[field];
	const support = adapter.capabilities[field];
	if (value !== undefined && 'refusedBecause' in support) {
		throw new InvalidInputError(label, `${adapter.vendor} cannot take a ${label}: ${support.refusedBecause}. Leave ${label} empty.`);
	}
}

const capabilityList = (has: (adapter: PayInvoiceAdapter) => boolean) =>
	ADAPTERS.filter(has)
		.map((adapter) => adapter.vendor)
		.join(', ');

export const description: INodeProperties[] = [
	...invoiceReferenceFields,
	{
		displayName: 'Amount to Pay',
		name: 'amountMode',
		type: 'options',
		options: [
			{
				name: 'Full Open Balance',
				value: 'full',
				description: `Pay whatever is open on the invoice (${capabilityList((adapter) => adapter.capabilities.fullBalance)})`,
			},
			{
				name: 'Amount',
				value: 'amount',
				description: `Pay exactly the amount given (${capabilityList((adapter) => adapter.capabilities.givenAmount)})`,
			},
		],
		default: 'full',
		description: 'Whether to pay the whole open balance or a given amount. A vendor that cannot do what is chosen fails the item with a clear error, and nothing is sent.',
	},
	withKind(kinds.amount(), {
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12.00',
		description: 'The amount to pay: a positive decimal string with at most 2 decimals, such as 12.50 (no currency sign, no thousands separator). Anything else (12,50, -5, 1.234) fails the item before anything is sent; above the Maximum Amount, it is refused.',
		displayOptions: { show: { amountMode: ['amount'] } },
	}),
	withKind(kinds.identifier(3, { pattern: '^[A-Z]{3}$', expected: 'a three-letter currency code in capitals, such as USD' }), {
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: '',
		placeholder: 'USD',
		description: `Three-letter currency code. Empty: the invoice's own currency. Where the vendor cannot honour a currency (${capabilityList((adapter) => !adapter.capabilities.currency)}), giving one is an error.`,
	}),
	withKind(kinds.dateTime(), {
		displayName: 'Payment Date',
		name: 'paymentDate',
		type: 'dateTime',
		default: '',
		description: 'When the payment was made. Empty: now, in the workflow\'s time zone. The day written is the day sent.',
		hint: commonFieldHint('paymentDate'),
	}),
	withKind(kinds.text(), {
		displayName: 'Payment Reference',
		name: 'paymentReference',
		type: 'string',
		default: '',
		placeholder: 'PAY-2024-0001',
		description: 'Your reference for the payment (e.g. a bank transaction ID); where the vendor keeps it unique, paying the same reference twice is refused by the vendor',
		hint: commonFieldHint('paymentReference'),
	}),
	withKind(kinds.identifier(100, { expected: 'a payment method name or number of at most 100 characters' }), {
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'string',
		default: '',
		placeholder: 'Cash',
		description: 'How the money was paid, in the vendor\'s words (e.g. a CRM.COM payment method name, an adilas money type)',
		hint: commonFieldHint('paymentMethod'),
	}),
	...ADAPTERS.flatMap((adapter) =>
		adapter.extraFields.map((field): INodeProperties => ({ ...field, displayOptions: forVendor(adapter, field) })),
	),
	optionsCollection({}, [
		{
			displayName: 'Check Balance First',
			name: 'checkBalanceFirst',
			type: 'boolean',
			default: false,
			description: `Whether to read the invoice's open balance before paying: an invoice with nothing open is skipped ("skipped: already paid") and nothing is sent; an amount above what is open is refused. Possible for ${capabilityList((adapter) => adapter.capabilities.balanceCheck)}.`,
		},
		{
			...dryRunOption,
			description:
				'Whether to only return the exact request that would be sent (secrets masked). Nothing at all is sent: no sign-on, no balance read, no payment.',
		},
		maximumAmountOption,
		timeoutOption,
	], { pays: true }),
];

/** The request for the item, checked against what the vendor can do. Nothing is sent here. */
function readRequest(ctx: IExecuteFunctions, adapter: PayInvoiceAdapter, itemIndex: number): PayInvoiceRequest & { maximum?: Amount } {
	// Every field of the item (this vendor's extra fields too) is checked here, before anything is sent.
	const input = readFields(ctx, itemIndex, description);
	const options = input.options as IDataObject;
	const { vendor, capabilities } = adapter;

	const amountMode = input.amountMode as 'full' | 'amount';
	if (amountMode === 'full' && !capabilities.fullBalance) {
		throw new InvalidInputError(
			'Amount to Pay',
			`${vendor} cannot pay the full open balance: it cannot read an invoice's balance. Choose "Amount" and give the amount to pay.`,
		);
	}
	if (amountMode === 'amount' && !capabilities.givenAmount) {
		throw new InvalidInputError(
			'Amount to Pay',
			`${vendor} cannot pay a given amount: it always pays the invoice's whole open balance. Choose "Full Open Balance".`,
		);
	}
	const checkBalanceFirst = options.checkBalanceFirst === true;
	// A retried execution checks a full-balance payment before paying wherever the vendor can
	// (a given amount cannot be told from an earlier payment: see retrySafety.ts).
	const checkedAsRetry = isRetriedExecution(ctx) && capabilities.balanceCheck && amountMode === 'full';
	if (checkBalanceFirst && !capabilities.balanceCheck) {
		throw new InvalidInputError(
			'Check Balance First',
			`${vendor} cannot check the balance first: it cannot read an invoice's balance. Turn Check Balance First off.`,
		);
	}
	const currency = input.currency as string | undefined;
	if (currency !== undefined && !capabilities.currency) {
		throw new InvalidInputError(
			'Currency',
			`${vendor} cannot take a currency: it records payments in the account's own currency. Leave Currency empty.`,
		);
	}
	for (const field of Object.keys(COMMON_FIELDS) as CommonField[]) refuseUnsupported(adapter, field, input[field]);
	const maximum = options.maximumAmount === undefined ? undefined : parseAmount(options.maximumAmount, 'Maximum Amount');
	return {
		invoiceReference: input.invoiceReference as string,
		amountMode,
		amount: amountMode === 'amount' ? formatAmount(parseAmount(input.amount, 'Amount')) : undefined,
		currency,
		paymentDate: input.paymentDate,
		paymentReference: input.paymentReference as string | undefined,
		paymentMethod: input.paymentMethod as string | undefined,
		checkBalanceFirst: checkBalanceFirst || checkedAsRetry,
		needAmount: maximum !== undefined,
		dryRun: options.dryRun === true,
		timeout: Number(options.timeout ?? timeoutOption.default) || Number(timeoutOption.default),
		// Checked values; an empty field is left out (options, flags and numbers come with their default).
		extra: Object.fromEntries(adapter.extraFields.map((field) => [field.name, input[field.name]])) as IDataObject,
		maximum,
	};
}

/** Refuses, before anything is paid, an amount above the item's Maximum Amount. */
function checkMaximum(adapter: PayInvoiceAdapter, maximum: Amount | undefined, amount: string | undefined, dryRun: boolean): void {
	if (maximum === undefined) return;
	if (amount === undefined) {
		if (dryRun) return; // a dry run reads nothing, so a full balance is not known yet
		throw new InvalidInputError(
			'Maximum Amount',
			`${adapter.vendor} did not give the amount before paying, so the Maximum Amount cannot be checked: nothing was paid`,
		);
	}
	if (compareAmounts(parseAmount(amount, 'amount', { allowZero: true }), maximum) > 0) {
		throw new InvalidInputError(
			'Maximum Amount',
			`The payment of ${amount} is above the Maximum Amount of ${formatAmount(maximum)}: nothing was paid`,
		);
	}
}

function result(adapter: PayInvoiceAdapter, request: PayInvoiceRequest, fields: Partial<PayInvoiceResult>): PayInvoiceResult {
	return {
		vendor: adapter.vendor,
		status: 'paid',
		invoice: request.invoiceReference,
		amount: null,
		currency: null,
		paymentId: null,
		reference: null,
		paidAt: null,
		vendorResponse: null,
		...fields,
	};
}

/** What each output item carries (see outputShape.ts): one shape for every vendor. */
export const output: OutputKeys = {
	vendor: 'The vendor paid through',
	invoice: 'The invoice reference, as given',
	amount: 'The amount paid (or that would be, or was open), a decimal string',
	currency: 'The currency, when the vendor or the request says it',
	paymentId: 'The vendor\'s own ID or number of the payment',
	reference: 'The Payment Reference you gave (null when none)',
	paidAt: 'When the payment was made, as the vendor or the request says it',
	vendorResponse: 'What the vendor answered (for skipped items: why the invoice counts as paid)',
	request: 'Dry run only: the exact request that would be sent, secrets masked',
};

/**
 * A full-balance payment with a vendor that reads balances is checked before paying in a retried
 * execution; a given amount, or a vendor without a balance (adilas), cannot tell an earlier payment.
 */
export const payment: PaymentSafety = {
	checkedWhenRetried(this: IExecuteFunctions, itemIndex: number) {
		const adapter = adapterFor(nodeParameter(this, 'vendor', itemIndex) as string);
		return adapter.capabilities.balanceCheck && nodeParameter(this, 'amountMode', itemIndex, 'full') === 'full';
	},
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<PayInvoiceResult> {
	const adapter = adapterFor(nodeParameter(this, 'vendor', itemIndex) as string);
	const { maximum, ...request } = readRequest(this, adapter, itemIndex);
	checkMaximum(adapter, maximum, request.amount, true);

	const prepared: PreparedPayment = await adapter.prepare.call(this, request, itemIndex);
	const known = { amount: prepared.amount ?? request.amount ?? null, currency: prepared.currency ?? request.currency ?? null };
	if (prepared.alreadyPaid) {
		return result(adapter, request, {
			status: 'skipped: already paid',
			...known,
			reference: request.paymentReference ?? null,
			vendorResponse: { reason: prepared.alreadyPaid.reason, ...prepared.alreadyPaid.vendorResponse },
		});
	}
	checkMaximum(adapter, maximum, prepared.amount ?? request.amount, request.dryRun);
	if (request.dryRun) {
		return { ...result(adapter, request, { status: 'dry run', ...known, reference: request.paymentReference ?? null }), request: prepared.request };
	}
	const paid = await sendPaymentOnce(this, [itemIndex], async () => await prepared.send());
	if (paid.alreadyPaid !== undefined) {
		return result(adapter, request, {
			status: 'skipped: already paid',
			...known,
			reference: request.paymentReference ?? null,
			vendorResponse: { reason: paid.alreadyPaid, ...paid.vendorResponse },
		});
	}
	return result(adapter, request, {
		amount: paid.amount ?? known.amount,
		currency: paid.currency ?? known.currency,
		paymentId: paid.paymentId ?? null,
		// One meaning in every status: the Payment Reference the user gave (the vendor's number is paymentId).
		reference: request.paymentReference ?? null,
		paidAt: paid.paidAt ?? null,
		vendorResponse: paid.vendorResponse,
	});
}

/** What a failed item still says, with Continue On Fail: the fields the node could fill. */
export function failedItem(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields: IDataObject = { status: 'failed' };
	const read = (field: string, value: () => unknown) => {
		try {
			fields[field] = value() ?? null;
		} catch {
			// A parameter that cannot be read (a broken expression) leaves its field out.
		}
	};
	read('vendor', () => adapterFor(nodeParameter(this, 'vendor', itemIndex) as string).vendor);
	read('invoice', () => optionalText(nodeParameter(this, 'invoiceReference', itemIndex, '')));
	read('amount', () =>
		nodeParameter(this, 'amountMode', itemIndex, 'full') === 'amount'
			? optionalText(nodeParameter(this, 'amount', itemIndex, ''))
			: undefined,
	);
	read('currency', () => optionalText(nodeParameter(this, 'currency', itemIndex, '')));
	read('reference', () => optionalText(nodeParameter(this, 'paymentReference', itemIndex, '')));
	return fields;
}

/** Items about the same invoice of the same vendor never run at the same time (Batching). */
export function itemKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const reference = itemKeyOf(this, itemIndex, 'invoiceReference');
	return reference === undefined ? undefined : `${String(nodeParameter(this, 'vendor', itemIndex))}:${reference}`;
}
