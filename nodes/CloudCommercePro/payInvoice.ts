import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readAs, withKind } from '../shared/fieldKinds';
import type { PayInvoiceAdapter, PayInvoiceRequest, PreparedPayment } from '../shared/adapter';
import { VendorError, InvalidInputError } from '../shared/errors';
import { parseIntegerId } from '../shared/input';
import { amountFromVendor, compareAmounts, formatAmount, parseAmount } from '../shared/money';
import type { XmlElement } from './transport/credential';
import { CCP_ID, CCP_TEXT, TRANSACTION_TYPES, transactionTypeField } from './actions/common.descriptions';
import { credentialBrandId, getCcpCredentials, paymentDate } from './helpers/utils';
import { paymentContentElements } from './helpers/payment';
import { readInvoiceSummary } from './helpers/invoice';
import { buildEnvelope } from './transport/credential';
import { buildHttpRequest, callCcp, CREDENTIAL_TYPE, describeRequest, secretsOf, VENDOR } from './transport';

/** Names of this vendor's extra fields in the Pay Invoice node. */
const FIELD = {
	referenceIs: 'cloudCommerceProReferenceIs',
	salesChannelId: 'cloudCommerceProSalesChannelId',
	customerId: 'cloudCommerceProCustomerId',
	transactionType: 'cloudCommerceProTransactionType',
} as const;

const forInvoiceId = { show: { [FIELD.referenceIs]: ['invoiceId'] } };

const extraFields: INodeProperties[] = [
	{
		displayName: 'Invoice Reference Is',
		name: FIELD.referenceIs,
		type: 'options',
		description: 'Whether the Invoice Reference is a Cloud Commerce Pro Order ID or an Invoice ID',
		options: [
			{
				name: 'Order ID',
				value: 'orderId',
				description: 'The order whose invoice to pay: its invoice, sales channel, customer and open balance are read from CCP',
			},
			{
				name: 'Invoice ID',
				value: 'invoiceId',
				description: 'The invoice itself (intInvoiceID): give the amount, the sales channel and the customer',
			},
		],
		default: 'orderId',
	},
	withKind(CCP_ID, {
		displayName: 'Sales Channel ID (intSalesChannelID)',
		name: FIELD.salesChannelId,
		type: 'string',
		required: true,
		default: '',
		placeholder: '36',
		description: 'The invoice\'s sales channel',
		displayOptions: forInvoiceId,
	}),
	withKind(CCP_ID, {
		displayName: 'Customer ID (intCustomerID)',
		name: FIELD.customerId,
		type: 'string',
		required: true,
		default: '',
		placeholder: '96354316',
		description: 'The invoice\'s customer',
		displayOptions: forInvoiceId,
	}),
	{ ...transactionTypeField, name: FIELD.transactionType },
];

/** The invoice, channel, customer and open balance a payment goes against. */
interface Target {
	invoiceId: string;
	brandId: string;
	salesChannelId: string;
	customerId: string;
	/** Amount - AmountPaid, when the order's summary was read. */
	outstanding?: string;
}

/**
 * Cloud Commerce Pro for the generic Pay Invoice node. By Order ID: the order's invoice summary
 * gives the invoice, its sales channel, customer and open balance (Amount - AmountPaid), as Pay
 * Order in Full does; the full balance or a given amount is paid. By Invoice ID: a given amount,
 * with the sales channel and customer given; CCP cannot read that invoice's balance.
 */
export const cloudCommerceProPayInvoiceAdapter: PayInvoiceAdapter = {
	key: 'cloudCommercePro',
	vendor: VENDOR,
	credentialType: CREDENTIAL_TYPE,
	capabilities: {
		fullBalance: true,
		givenAmount: true,
		balanceCheck: true,
		currency: false,
		paymentDate: { sentAs: 'dtPaymentDate' },
		paymentReference: { sentAs: 'strPaymentReference' },
		paymentMethod: { sentAs: 'GatewayType' },
	},
	invoiceReferenceHint:
		'The Cloud Commerce Pro Order ID (its invoice and open balance are read from CCP), or the Invoice ID: see "Invoice Reference Is"',
	invoiceReferencePlaceholder: '5001',
	invoiceReferenceKind: CCP_ID,
	extraFields,
	secretsOf,

	async prepare(this: IExecuteFunctions, request: PayInvoiceRequest): Promise<PreparedPayment> {
		const byInvoiceId = request.extra[FIELD.referenceIs] === 'invoiceId';
		const transactionType = String(request.extra[FIELD.transactionType] ?? 'Invoice');
		if (!TRANSACTION_TYPES.includes(transactionType)) {
			throw new InvalidInputError('TransactionTypeID', `TransactionTypeID must be one of ${TRANSACTION_TYPES.join(', ')}, got "${transactionType}"`);
		}
		if (byInvoiceId && request.amountMode === 'full') {
			throw new InvalidInputError(
				'Amount to Pay',
				'Cloud Commerce Pro reads the open balance from an order: give the Order ID for Full Open Balance, or an amount with the Invoice ID',
			);
		}
		if (byInvoiceId && request.checkBalanceFirst) {
			throw new InvalidInputError(
				'Check Balance First',
				'Cloud Commerce Pro reads the balance from an order: give the Order ID to check the balance first',
			);
		}
		// The generic fields go into CCP's XML: refused here if XML cannot carry them.
		readAs(CCP_TEXT, request.paymentReference, 'Payment Reference');
		readAs(CCP_TEXT, request.paymentMethod, 'Payment Method');
		const credentials = await getCcpCredentials(this);
		const brandId = credentialBrandId(credentials);
		const date = paymentDate(this, request.paymentDate);
		const reference = request.paymentReference ?? `Payment made against ${byInvoiceId ? 'invoice' : 'order'} ${request.invoiceReference}`;
		const content = (target: Target, amount: string): XmlElement[] =>
			paymentContentElements({
				intInvoiceID: target.invoiceId,
				intBrandID: target.brandId,
				intSalesChannelID: target.salesChannelId,
				strPaymentReference: reference,
				dbPaymentAmount: amount,
				intCustomerID: target.customerId,
				dtPaymentDate: date,
				TransactionTypeID: transactionType,
				additional: request.paymentMethod ? { GatewayType: request.paymentMethod } : {},
			});
		const prepared = (target: Target, amount: string): PreparedPayment => {
			const envelope = buildEnvelope('CreatePayment', brandId, content(target, amount));
			return {
				amount,
				request: describeRequest(buildHttpRequest(credentials, 'CreatePayment', envelope, request.timeout)),
				send: async () => {
					const result = await callCcp(this, credentials, 'CreatePayment', envelope, request.timeout);
					return { amount, paymentId: String(result.Content ?? ''), paidAt: date, vendorResponse: { ...result } };
				},
			};
		};

		if (byInvoiceId) {
			const target: Target = {
				invoiceId: parseIntegerId(request.invoiceReference, 'invoiceReference'),
				brandId,
				salesChannelId: parseIntegerId(request.extra[FIELD.salesChannelId], 'intSalesChannelID'),
				customerId: parseIntegerId(request.extra[FIELD.customerId], 'intCustomerID'),
			};
			return prepared(target, request.amount!);
		}

		const orderId = parseIntegerId(request.invoiceReference, 'invoiceReference');
		if (request.dryRun) {
			// Nothing is read in a dry run: the summary request is what would be sent first.
			const envelope = buildEnvelope('getInvoiceSummaryForOrderID', brandId, orderId);
			return {
				amount: request.amount,
				request: {
					first: describeRequest(buildHttpRequest(credentials, 'getInvoiceSummaryForOrderID', envelope, request.timeout)),
					then: 'CreatePayment for the invoice, sales channel, customer and open balance that the summary gives',
				},
				send: async () => {
					throw new VendorError('a dry run sends nothing');
				},
			};
		}
		const summary = await readInvoiceSummary(this, credentials, orderId, request.timeout);
		const invoiceId = String(summary.ID ?? '0');
		if (invoiceId === '0' || invoiceId === '') {
			throw new VendorError(`Order ${orderId} has no invoice (InvoiceID 0, typical for trade customers): nothing was paid`);
		}
		const outstanding = amountFromVendor(summary.OutstandingAmount, 'OutstandingAmount');
		const target: Target = {
			invoiceId,
			brandId: String(summary.BrandID ?? brandId),
			salesChannelId: parseIntegerId(summary.SalesChannelID, 'SalesChannelID (from the invoice summary)'),
			customerId: parseIntegerId(summary.CustomerID, 'CustomerID (from the invoice summary)'),
		};
		if (outstanding.minor <= 0n && (request.amountMode === 'full' || request.checkBalanceFirst)) {
			return {
				amount: '0.00',
				alreadyPaid: { reason: `The order's invoice has ${formatAmount(outstanding)} open`, vendorResponse: { summary } },
				request: {},
				send: async () => {
					throw new VendorError('nothing is open: nothing was paid');
				},
			};
		}
		if (request.amountMode === 'amount' && request.checkBalanceFirst && compareAmounts(parseAmount(request.amount, 'amount'), outstanding) > 0) {
			throw new InvalidInputError(
				'Amount',
				`The amount ${request.amount!} is more than the ${formatAmount(outstanding)} open on order ${orderId}'s invoice: nothing was paid`,
			);
		}
		return prepared(target, request.amountMode === 'full' ? formatAmount(outstanding) : request.amount!);
	},
};
