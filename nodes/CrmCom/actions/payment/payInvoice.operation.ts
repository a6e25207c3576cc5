import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { idempotencyKeyOf } from '../../../shared/retrySafety';
import { holdNoExpression, kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { perRun } from '../../../shared/runState';
import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { identifierParameter } from '../../helpers/identifier';
import { itemKeyOf } from '../../../shared/itemParameter';
import { ACCOUNTS_RECEIVABLE, INVOICE, PAYMENT_METHOD, TYPE, WALLET, fieldsSetField, invoiceIdentifierField, OPTIONAL_IDENTIFIERS, UDF_DATES, UDF_FLOATS, UDF_STRINGS } from '../common.descriptions';
import { readOptions } from '../../helpers/utils';
import { PayInvoiceParameters, buildPayInvoiceBody, payInvoice, payInvoiceBodyWithout } from '../../helpers/payment';
import type { OutputKeys } from '../../../shared/outputShape';

const show = { resource: ['payment'], operation: ['payInvoice'] };

const additionalFields: INodeProperties[] = ([
	...OPTIONAL_IDENTIFIERS.map(({ field }) => field),
	withKind(kinds.dateTime(), {
		displayName: 'Received On',
		name: 'received_on',
		type: 'dateTime',
		default: '',
		description: 'When the payment was received (received_on), sent as 2014-07-14T09:12:54. Empty: the issue date.',
	}),
	withKind(kinds.text(), {
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Shared notes for the payment (notes)',
	}),
	...UDF_STRINGS.map(
		(name, index): INodeProperties => withKind(kinds.text(), {
			displayName: `UDF String ${index + 1}`,
			name,
			type: 'string',
			default: '',
			description: `User defined field ${name}, of type String`,
		}),
	),
	...UDF_FLOATS.map(
		(name, index): INodeProperties => withKind(kinds.number(), {
			displayName: `UDF Float ${index + 1}`,
			name,
			type: 'string',
			default: '',
			placeholder: '12.5',
			description: `User defined field ${name}, of type Float: a number, sent as a JSON number`,
		}),
	),
	...UDF_DATES.map(
		(name, index): INodeProperties => withKind(kinds.dateTime(), {
			displayName: `UDF Date ${index + 1}`,
			name,
			type: 'dateTime',
			default: '',
			description: `User defined field ${name}, of type Date, sent as 2014-07-14T09:12:54`,
		}),
	),
	fieldsSetField,
] satisfies INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName));

export const description: INodeProperties[] = [
	{
		...invoiceIdentifierField,
		description:
			'The invoice to pay (invoice_identifier), by exactly one of its ID, number, reference number or back office code. CRM.COM pays its whole outstanding amount.',
		displayOptions: { show },
	},
	{
		...identifierParameter(ACCOUNTS_RECEIVABLE, {
			defaultMode: 'number',
			displayName: 'Accounts Receivable',
			description: 'The accounts receivable the payment is allocated to (accounts_receivable_identifier)',
			hint: 'Set this or Wallet, not both. Mandatory before CRM.COM R14.0.0.',
		}),
		displayOptions: { show },
	},
	{
		...identifierParameter(WALLET, {
			defaultMode: 'number',
			displayName: 'Wallet',
			description:
				'The wallet whose funds pay the invoice (wallet_identifier; only unconditional wallet funds). From CRM.COM R14.0.0, when the wallet definition allows payments with wallet funds.',
			hint: 'Set this or Accounts Receivable, not both. With a wallet, the type cannot be a payment gateway one.',
		}),
		displayOptions: { show },
	},
	{
		...identifierParameter(TYPE, {
			required: true,
			defaultMode: 'name',
			displayName: 'Financial Transaction Type',
			description: 'The financial transaction type of the payment (type_identifier)',
		}),
		displayOptions: { show },
	},
	{
		...identifierParameter(PAYMENT_METHOD, {
			required: true,
			defaultMode: 'name',
			displayName: 'Payment Method',
			description: 'The payment method of the payment (payment_method_identifier)',
		}),
		displayOptions: { show },
	},
	withKind(kinds.identifier(100, { expected: 'a back office code of at most 100 characters' }), {
		displayName: 'Back Office Code',
		name: 'back_office_code',
		type: 'string',
		default: '',
		placeholder: '={{ $json.paymentId }}',
		description:
			'A code for the payment (back_office_code) that CRM.COM keeps unique across all payments, e.g. your own payment ID. When CRM.COM refuses it as used before, the invoice\'s balance is read: nothing outstanding is "skipped: already paid"; otherwise the item fails (the code belongs to another payment).',
		displayOptions: { show },
	}),
	additionalFieldsCollection(show, additionalFields),
	optionsCollection(show, [
		{
			displayName: 'Check Invoice First',
			name: 'checkFirst',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the invoice (invoices/show) first and skip it, paying nothing, when its outstanding amount is zero',
		},
		{
			...dryRunOption,
			description:
				'Whether to only return the exact request that would be sent (the token masked). Nothing is sent: no sign-in, no invoice check, no payment.',
		},
		timeoutOption,
	], { pays: true }),
];

export function readParameters(ctx: IExecuteFunctions, itemIndex: number): PayInvoiceParameters {
	const input = readFields(ctx, itemIndex, description);
	return {
		invoice_identifier: input[INVOICE.name],
		accounts_receivable_identifier: input[ACCOUNTS_RECEIVABLE.name],
		wallet_identifier: input[WALLET.name],
		type_identifier: input[TYPE.name],
		payment_method_identifier: input[PAYMENT_METHOD.name],
		back_office_code: input.back_office_code,
		additionalFields: input.additionalFields as IDataObject,
		maximumAmount: ((input.options as IDataObject | undefined) ?? {}).maximumAmount,
	};
}

/** What each output item carries (see outputShape.ts); the payment keys are CRM.COM's answer. */
export const output: OutputKeys = {
	invoice_identifier: 'The invoice, as identified in the request',
	back_office_code: 'The back office code sent with the payment (your Idempotency Key when none was given)',
	id: 'CRM.COM\'s ID of the new payment',
	number: 'CRM.COM\'s number of the new payment',
	reference_number: 'CRM.COM\'s reference number of the new payment',
	payment_amount: 'The amount paid, a decimal string',
	issued_on: 'When CRM.COM issued the payment',
	posted_on: 'When CRM.COM posted the payment',
	life_cycle_state: 'The payment\'s state in CRM.COM (e.g. POSTED)',
	currency_rate_period: 'CRM.COM\'s currency rate period of the payment',
	invoice: 'Skipped items: the invoice as CRM.COM showed it (its outstanding amount says why)',
	idempotencyKey: 'The Idempotency Key, when an item was skipped for it',
	request: 'Dry run only: the exact request that would be sent, secrets masked',
};

/** CRM.COM pays the whole balance; in a retried execution Check Invoice First is always on. */
export const payment: PaymentSafety = { checkedWhenRetried: () => true };

/** The fields the body is made of besides the invoice. */
const REST_FIELDS = [ACCOUNTS_RECEIVABLE.name, WALLET.name, TYPE.name, PAYMENT_METHOD.name, 'back_office_code', 'additionalFields'];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const parameters = readParameters(this, itemIndex);
	// All but the invoice made and checked once per run when none of it holds an expression (a
	// body that fails its checks is not kept: every item fails on it, after its invoice is checked).
	const rest = holdNoExpression(this, description, REST_FIELDS)
		? () => perRun(this, 'crmCom:payInvoiceBody', () => payInvoiceBodyWithout(parameters))
		: undefined;
	const body = buildPayInvoiceBody(parameters, rest);
	// CRM.COM's own uniqueness key: the Idempotency Key goes as the back office code when none is given.
	const key = body.back_office_code === undefined ? idempotencyKeyOf(this, itemIndex) : undefined;
	if (key !== undefined) body.back_office_code = key;
	const options = { ...readOptions(this, itemIndex), maximum: parameters.maximumAmount };
	const outcome = await payInvoice(this, body, options, itemIndex);
	if (key !== undefined && outcome.status === 'skipped: already paid' && outcome.back_office_code === key) {
		return { ...outcome, status: 'skipped: idempotency key used before', idempotencyKey: key };
	}
	return outcome;
}

/**
 * Items paying the same invoice never run at the same time (Batching): the second one runs after
 * the first, so Check Invoice First sees the first payment and a repeated back office code is
 * refused by CRM.COM rather than raced.
 */
export function itemKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return itemKeyOf(this, itemIndex, INVOICE.name);
}
