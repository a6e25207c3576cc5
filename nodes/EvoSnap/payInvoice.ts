import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { kinds, withKind } from '../shared/fieldKinds';
import type { PayInvoiceAdapter, PayInvoiceRequest, PreparedPayment } from '../shared/adapter';
import { VendorError } from '../shared/errors';
import { optionalText } from '../shared/input';
import { amountFromVendor, formatAmount } from '../shared/money';
import { credentialsOnce } from '../shared/runState';
import { cardFields, EVO_KINDS, DEFAULT_ALREADY_PAID_STATES, tokenFields } from './actions/common.descriptions';
import { cardSecrets, profileId } from './helpers/invoiceBody';
import { invoiceReferenceId } from './helpers/utils';
import { readInvoice } from './helpers/invoice';
import { processBody, readProcessAnswer } from './helpers/payment';
import { buildEvoRequest, callEvo, CREDENTIAL_TYPE, describeEvoRequest, secretsOf, VENDOR } from './transport';

/** Names of this vendor's extra fields in the Pay Invoice node. */
const FIELD = {
	card: 'evoSnapPaymentData',
	token: 'evoSnapTokenInformation',
	alreadyPaidStates: 'evoSnapAlreadyPaidStates',
} as const;

const extraFields: INodeProperties[] = [
	cardFields(FIELD.card, 'Card Data'),
	{
		...tokenFields('Card Token'),
		name: FIELD.token,
		description: 'Pay with a card token (TokenInformation) instead of card data. Neither: EVO uses the payment data stored on the invoice.',
	},
	withKind(kinds.text(), {
		displayName: 'Already Paid States',
		name: FIELD.alreadyPaidStates,
		type: 'string',
		default: DEFAULT_ALREADY_PAID_STATES,
		description:
			'With Check Balance First: the invoice states (comma-separated) that mean the invoice is paid, so it is skipped. EVO publishes no name for its paid state.',
	}),
];

function stateList(value: unknown): string[] {
	return String(value ?? DEFAULT_ALREADY_PAID_STATES)
		.split(',')
		.map((state) => state.trim())
		.filter((state) => state !== '');
}

/**
 * EVO Snap* for the generic Pay Invoice node: ProcessInvoice charges the invoice's whole amount
 * (a given amount is refused by the node), with card data, a token or the payment data stored on
 * the invoice. The invoice is read first: its Amount is what is charged (EVO keeps no open
 * balance), and with Check Balance First its state says whether it is paid already.
 */
export const evoSnapPayInvoiceAdapter: PayInvoiceAdapter = {
	key: 'evoSnap',
	vendor: VENDOR,
	credentialType: CREDENTIAL_TYPE,
	capabilities: {
		fullBalance: true,
		givenAmount: false,
		balanceCheck: true,
		currency: true,
		paymentDate: { refusedBecause: 'ProcessInvoice has no payment date (EVO charges the card when it processes the invoice)' },
		paymentReference: { refusedBecause: 'ProcessInvoice has no field for a reference of yours' },
		paymentMethod: { refusedBecause: 'it charges the card data or the card token given in its own fields' },
	},
	invoiceReferenceHint:
		'The EVO Snap* invoice reference id (InvoiceReferenceId, as Create returns it). EVO processes the whole invoice: no amount can be given.',
	invoiceReferencePlaceholder: '6177CCEE97C84FF7B1CFF11EAA347DBE',
	invoiceReferenceKind: EVO_KINDS.invoiceReferenceId,
	extraFields,
	secretsOf,

	async prepare(this: IExecuteFunctions, request: PayInvoiceRequest): Promise<PreparedPayment> {
		const id = invoiceReferenceId(request.invoiceReference, 'invoiceReference');
		const card = (request.extra[FIELD.card] ?? {}) as IDataObject;
		const token = (request.extra[FIELD.token] ?? {}) as IDataObject;
		const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
		const merchantProfileId = profileId(undefined, credentials, 'merchantProfileId', 'MerchantProfileId', true)!;
		const body = processBody(
			{ InvoiceReferenceId: id, TransactionType: 'AuthorizeAndCapture', PaymentData: card, TokenInformation: token },
			merchantProfileId,
		);
		const call = {
			method: 'PUT' as const,
			path: `/${id}/process`,
			body: body as never,
			timeout: request.timeout,
			secrets: cardSecrets({ PaymentData: card, TokenInformation: token }),
		};
		const prepared: PreparedPayment = {
			request: describeEvoRequest(buildEvoRequest(credentials, call), call),
			send: async () => {
				const answer = readProcessAnswer(await callEvo(this, call));
				return {
					amount: prepared.amount,
					paymentId: optionalText(answer.TransactionId),
					vendorResponse: answer,
				};
			},
		};
		// Read first (except in a dry run): ProcessInvoice's answer names no amount, and a Cancelled
		// invoice is refused before anything is sent.
		if (request.dryRun) return prepared;
		const invoice = await readInvoice(this, id, { MerchantProfileId: merchantProfileId }, request.timeout);
		const state = String(invoice.InvoiceState ?? '');
		if (request.checkBalanceFirst && stateList(request.extra[FIELD.alreadyPaidStates]).includes(state)) {
			prepared.alreadyPaid = { reason: `The invoice's state is ${state}`, vendorResponse: { InvoiceState: state } };
			return prepared;
		}
		if (state === 'Cancelled') {
			throw new VendorError('the invoice is Cancelled: it was not processed', { code: 'Cancelled' });
		}
		const currency = optionalText((invoice.Order as IDataObject | undefined)?.CurrencyCode);
		if (request.currency !== undefined && currency?.toUpperCase() !== request.currency) {
			throw new VendorError(`The invoice is in ${currency ?? 'an unknown currency'}, not ${request.currency}: nothing was paid`);
		}
		prepared.currency = currency;
		if (invoice.Amount !== undefined && invoice.Amount !== null) {
			prepared.amount = formatAmount(amountFromVendor(invoice.Amount, 'Amount'));
		}
		return prepared;
	},
};
