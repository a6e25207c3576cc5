import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { kinds } from '../shared/fieldKinds';
import type { PayInvoiceAdapter, PayInvoiceRequest, PreparedPayment } from '../shared/adapter';
import { VendorError, InvalidInputError } from '../shared/errors';
import { identifierParameter } from './helpers/identifier';
import type { IdentifierValue } from './helpers/identifier';
import { amountFromVendor, formatAmount } from '../shared/money';
import { credentialsOnce } from '../shared/runState';
import { idempotencyKeyOf } from '../shared/retrySafety';
import { buildPayInvoiceBody, nothingOutstanding, payInvoice } from './helpers/payment';
import { readInvoice } from './helpers/invoice';
import { ACCOUNTS_RECEIVABLE, PAYMENT_METHOD, TYPE, WALLET } from './actions/common.descriptions';
import { buildCrmRequest, CREDENTIAL_TYPE, describeCrmRequest, secretsOf, VENDOR } from './transport';

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
			// Not "Payment Method": the common field of that name is shown next to it.
			displayName: 'CRM.COM Payment Method',
			description:
				'The payment method (payment_method_identifier). Empty: the Payment Method field, as the method\'s name.',
		}),
		name: FIELD.paymentMethod,
	},
];

function whenGiven(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** The invoice's outstanding amount as CRM.COM gives it, as a decimal string. */
function outstandingOf(invoice: IDataObject): string {
	return formatAmount(amountFromVendor(invoice.outstanding_amount ?? '', 'outstanding_amount'));
}

/**
 * CRM.COM for the generic Pay Invoice node: `payments/pay_invoice` always pays the invoice's
 * whole outstanding amount (a given amount is refused by the node). The payment reference is
 * CRM.COM's back office code, unique across all payments: a reference CRM.COM refuses as used
 * before is reported as already paid only when the invoice's balance is 0, else it fails.
 */
export const crmComPayInvoiceAdapter: PayInvoiceAdapter = {
	key: 'crmCom',
	vendor: VENDOR,
	credentialType: CREDENTIAL_TYPE,
	capabilities: {
		fullBalance: true,
		givenAmount: false,
		balanceCheck: true,
		currency: true,
		paymentDate: { sentAs: 'received_on' },
		paymentReference: { sentAs: 'back_office_code' },
		paymentMethod: { sentAs: 'payment_method_identifier.name' },
	},
	invoiceReferenceHint:
		'The CRM.COM invoice\'s number (or its ID, reference number or back office code: see "Invoice Reference Is"). CRM.COM always pays the whole outstanding amount.',
	invoiceReferencePlaceholder: 'INV001',
	invoiceReferenceKind: kinds.identifier(100, { expected: 'an invoice number, ID, reference number or back office code' }),
	extraFields,
	secretsOf,

	async prepare(this: IExecuteFunctions, request: PayInvoiceRequest, itemIndex: number): Promise<PreparedPayment> {
		const extra = request.extra;
		const key = String(extra[FIELD.invoiceKey] ?? 'number');
		// The extra fields come checked (readFields): an identifier given is its one-key object.
		const ownMethod = extra[FIELD.paymentMethod] !== undefined;
		// Both set: which one was meant is not known, so neither is picked silently.
		if (ownMethod && whenGiven(request.paymentMethod)) {
			throw new InvalidInputError(
				'CRM.COM Payment Method',
				'CRM.COM Payment Method and Payment Method are both set: set one of them',
			);
		}
		const paymentMethod = ownMethod
			? extra[FIELD.paymentMethod]
			: whenGiven(request.paymentMethod)
				? { __rl: true, mode: 'name', value: request.paymentMethod }
				: undefined;
		const body = buildPayInvoiceBody({
			invoice_identifier: { __rl: true, mode: key, value: request.invoiceReference },
			accounts_receivable_identifier: extra[FIELD.accountsReceivable],
			wallet_identifier: extra[FIELD.wallet],
			type_identifier: extra[FIELD.type],
			payment_method_identifier: paymentMethod,
			// CRM.COM's own uniqueness key: the Idempotency Key when no Payment Reference is given.
			back_office_code: request.paymentReference ?? idempotencyKeyOf(this, itemIndex),
			additionalFields: request.paymentDate !== undefined ? { received_on: request.paymentDate } : {},
		});
		// The server URL for the request shown; the token is n8n's (read when sent).
		const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
		const call = { method: 'POST' as const, resource: 'payments/pay_invoice', body, timeout: request.timeout };
		const prepared: PreparedPayment = {
			request: describeCrmRequest(buildCrmRequest(credentials, call)),
			send: async () => {
				const outcome = await payInvoice(this, body, { checkFirst: false, dryRun: false, timeout: request.timeout }, itemIndex);
				if (outcome.status === 'skipped: already paid') {
					return { alreadyPaid: String(outcome.reason), vendorResponse: outcome };
				}
				const paidAt = outcome.posted_on ?? outcome.issued_on;
				return {
					amount:
						outcome.payment_amount === undefined || outcome.payment_amount === null
							? undefined
							: formatAmount(amountFromVendor(outcome.payment_amount, 'payment_amount')),
					paymentId: outcome.id === undefined ? undefined : String(outcome.id),
					paidAt: paidAt === undefined || paidAt === null ? undefined : String(paidAt),
					vendorResponse: outcome,
				};
			},
		};
		const mustRead = request.checkBalanceFirst || request.needAmount || request.currency !== undefined;
		if (request.dryRun || !mustRead) return prepared;

		const invoice = await readInvoice(this, body.invoice_identifier as IdentifierValue, undefined, request.timeout);
		const currency = String((invoice.currency as IDataObject | undefined)?.code ?? '');
		// pay_invoice takes no currency: the invoice must be in the one asked for.
		if (request.currency !== undefined && currency.toUpperCase() !== request.currency) {
			throw new VendorError(`The invoice is in ${currency || 'an unknown currency'}, not ${request.currency}: nothing was paid`);
		}
		prepared.currency = currency || undefined;
		if (nothingOutstanding(invoice)) {
			// Read for the check, the currency or the Maximum Amount: nothing is open, so nothing is paid.
			prepared.alreadyPaid = { reason: `The invoice's outstanding amount is ${String(invoice.outstanding_amount)}`, vendorResponse: { invoice } };
			return prepared;
		}
		prepared.amount = outstandingOf(invoice);
		return prepared;
	},
};
