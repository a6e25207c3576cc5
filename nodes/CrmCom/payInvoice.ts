import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PayInvoiceAdapter, PayInvoiceRequest, PayInvoiceResult } from '../shared/adapter';
import { VendorError } from '../shared/errors';
import { identifierParameter } from '../shared/identifier';
import { requireText } from '../shared/input';
import { amountFromVendor, formatAmount, InvalidInputError } from '../shared/money';
import { buildPayInvoiceBody, payInvoice } from './actions/payment/payInvoice.operation';
import { readInvoice } from './actions/invoice/get.operation';
import { ACCOUNTS_RECEIVABLE, PAYMENT_METHOD, TYPE, WALLET } from './identifiers';
import { CREDENTIAL_TYPE, VENDOR } from './transport';

/** Names of this vendor's extra fields in the Pay Invoice node. */
const FIELD = {
	invoiceKey: 'crmComInvoiceKey',
	accountsReceivable: 'crmComAccountsReceivable',
	wallet: 'crmComWallet',
	type: 'crmComType',
	paymentMethod: 'crmComPaymentMethod',
} as const;

const extraFields: INodeProperties[] = [
	{
		displayName: 'Invoice Reference Is',
		name: FIELD.invoiceKey,
		type: 'options',
		options: [
			{ name: 'Back Office Code', value: 'back_office_code' },
			{ name: 'ID', value: 'id' },
			{ name: 'Number', value: 'number' },
			{ name: 'Reference Number', value: 'reference_number' },
		],
		default: 'number',
		description: 'Which of the invoice\'s keys the invoice reference is',
	},
	{
		...identifierParameter(ACCOUNTS_RECEIVABLE, {
			defaultMode: 'number',
			description: 'The accounts receivable the payment is allocated to (accounts_receivable_identifier)',
			hint: 'Set this or Wallet, not both',
		}),
		name: FIELD.accountsReceivable,
	},
	{
		...identifierParameter(WALLET, {
			defaultMode: 'number',
			description: 'The wallet whose funds pay the invoice (wallet_identifier), from CRM.COM R14.0.0',
			hint: 'Set this or Accounts Receivable, not both',
		}),
		name: FIELD.wallet,
	},
	{
		...identifierParameter(TYPE, {
			required: true,
			defaultMode: 'name',
			displayName: 'Financial Transaction Type',
			description: 'The financial transaction type of the payment (type_identifier)',
		}),
		name: FIELD.type,
	},
	{
		...identifierParameter(PAYMENT_METHOD, {
			defaultMode: 'name',
			description:
				'The payment method (payment_method_identifier). Empty: the Payment Method field, as the method\'s name.',
		}),
		name: FIELD.paymentMethod,
	},
];

function whenGiven(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/**
 * CRM.COM for the generic Pay Invoice node: `payments/pay_invoice` always pays the invoice's
 * whole outstanding amount, so a given amount is refused rather than silently ignored.
 */
export const crmComPayInvoiceAdapter: PayInvoiceAdapter = {
	vendor: VENDOR,
	credentialType: CREDENTIAL_TYPE,
	capabilities: { readsBalance: true, paysWholeBalanceOnly: true },
	invoiceReferenceHint:
		'The CRM.COM invoice\'s number (or ID, reference number, back office code: see "Invoice Reference Is"). CRM.COM always pays the whole outstanding amount.',
	extraFields,

	async payInvoice(
		this: IExecuteFunctions,
		request: PayInvoiceRequest,
		itemIndex: number,
	): Promise<PayInvoiceResult> {
		const extra = request.extra;
		if (request.amountMode === 'amount') {
			throw new InvalidInputError(
				'amount',
				'CRM.COM always pays the whole outstanding amount of the invoice: choose the full open balance',
			);
		}
		const reference = requireText(request.invoiceReference, 'invoiceReference');
		const key = String(extra[FIELD.invoiceKey] ?? 'number');
		const paymentMethod = whenGiven((extra[FIELD.paymentMethod] as IDataObject | undefined)?.value)
			? extra[FIELD.paymentMethod]
			: whenGiven(request.paymentMethod)
				? { __rl: true, mode: 'name', value: request.paymentMethod }
				: undefined;
		const body = buildPayInvoiceBody({
			invoice_identifier: { __rl: true, mode: key, value: reference },
			accounts_receivable_identifier: extra[FIELD.accountsReceivable],
			wallet_identifier: extra[FIELD.wallet],
			type_identifier: extra[FIELD.type],
			payment_method_identifier: paymentMethod,
			// The payment reference is CRM.COM's unique back office code: a natural duplicate guard.
			back_office_code: request.paymentReference,
			additionalFields: whenGiven(request.paymentDate) ? { received_on: request.paymentDate } : {},
		});
		const timeout = Number(extra.timeout ?? 30000) || 30000;

		let currency: string | undefined;
		if (whenGiven(request.currency) && !request.dryRun) {
			// No currency parameter in pay_invoice: check that the invoice is in the asked currency.
			const invoice = await readInvoice(this, { [key]: reference }, undefined, timeout, itemIndex);
			currency = String((invoice.currency as IDataObject | undefined)?.code ?? '');
			if (currency.toUpperCase() !== String(request.currency).trim().toUpperCase()) {
				throw new VendorError(
					`The invoice is in ${currency || 'an unknown currency'}, not ${String(request.currency)}: nothing was paid`,
				);
			}
		}

		const outcome = await payInvoice(
			this,
			body,
			{ checkFirst: request.checkBalanceFirst, dryRun: request.dryRun, timeout },
			itemIndex,
		);
		const result: PayInvoiceResult = {
			vendor: VENDOR,
			status: outcome.status,
			invoice: reference,
			...(currency ? { currency } : {}),
			vendorResponse: outcome,
		};
		if (outcome.status === 'dry run') result.request = outcome.request as IDataObject;
		if (outcome.status === 'paid') {
			if (outcome.payment_amount !== undefined && outcome.payment_amount !== null) {
				result.amount = formatAmount(amountFromVendor(outcome.payment_amount, 'payment_amount'));
			}
			if (outcome.id !== undefined) result.paymentId = String(outcome.id);
			if (outcome.number !== undefined) result.reference = String(outcome.number);
			const paidAt = outcome.posted_on ?? outcome.issued_on;
			if (paidAt !== undefined && paidAt !== null) result.paidAt = String(paidAt);
		}
		return result;
	},
};
