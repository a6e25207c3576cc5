import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toNodeError } from '../shared/execute';
import { readFields } from '../shared/fieldKinds';
import { DEFAULT_TIMEOUT_MS, timeoutOption } from '../shared/fields';
import { definedOnly, optionalText } from '../shared/input';
import type { FoundEvent, SeenEntry } from '../shared/polling';
import {
	eventSubtitle,
	finishPoll,
	includeExistingOption,
	lookBackDays,
	lookBackDaysOption,
	moneyAsText,
	pollRunContext,
	readSeen,
	triggerOptions,
	windowStart,
} from '../shared/polling';
import { payerListFields } from '../CnbsWebAr/actions/common.descriptions';
import { objectsIn, optionalCnbsDate } from '../CnbsWebAr/helpers/utils';
import { buildListQuery, readDocumentList } from '../CnbsWebAr/helpers/invoice';
import * as getManyInvoices from '../CnbsWebAr/actions/invoice/getMany.operation';
import * as getManyPayments from '../CnbsWebAr/actions/payment/getMany.operation';
import { loadOptions } from '../CnbsWebAr/methods/loadOptions';
import { callCnbs, CREDENTIAL_TYPE, FISCAL_YEAR, maskPaymentData, normalizeFiscalYear, secretsOf, VENDOR } from '../CnbsWebAr/transport';

type CnbsEvent = 'paymentReceived' | 'invoiceCleared' | 'invoiceCreated';

const EVENTS = [
	{
		name: 'Invoice Cleared',
		value: 'invoiceCleared',
		description: 'A document that was open is now complete (document search status 02)',
	},
	{
		name: 'Invoice Created',
		value: 'invoiceCreated',
		description: 'A new open document (document search status 01)',
	},
	{
		name: 'Payment Received',
		value: 'paymentReceived',
		description: 'A new row in the payment list of the payer and company code',
	},
];

const INVOICE_EVENTS = ['invoiceCleared', 'invoiceCreated'];

/** The list filters of the vendor node's Get Many operations, without the posting dates (the look-back window sets them). */
function listFilters(from: INodeProperties[], events: string[]): INodeProperties {
	const filters = from.find((property) => property.name === 'filters')!;
	return {
		...filters,
		options: (filters.options as INodeProperties[]).filter((option) => !['date_from', 'date_to'].includes(option.name)),
		displayOptions: { show: { event: events } },
	};
}

/** MM-DD-YYYY as YYYYMMDD, which sorts in time order. */
function dayKey(value: unknown): string {
	const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(String(value ?? '').trim());
	return match ? `${match[3]}${match[1]}${match[2]}` : String(value ?? '');
}

function number(value: unknown): string {
	return String(value ?? '').trim().replace(/^0+(?=\d)/, '');
}

/** A document: company code, finance document number, fiscal year, line item. */
function documentKey(document: IDataObject, companyCode: string | undefined): string {
	return [document.company_code ?? companyCode, document.document_number_finance, document[FISCAL_YEAR], document.line_item_in_the_relevant_invoice ?? 1]
		.map(number)
		.join('/');
}

/** A payment: company code, finance document number, fiscal year. */
function paymentKey(payment: IDataObject, companyCode: string | undefined): string {
	return [payment.company_code ?? companyCode, payment.document_number_finance, payment[FISCAL_YEAR]].map(number).join('/');
}

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'paymentReceived',
		options: EVENTS,
	},
	...payerListFields({}, 'documents').map((field) =>
		field.name === 'payer_number' ? { ...field, description: 'The payer whose documents or payments to watch' } : field,
	),
	listFilters(getManyInvoices.description, INVOICE_EVENTS),
	listFilters(getManyPayments.description, ['paymentReceived']),
	triggerOptions([
		includeExistingOption,
		{
			...lookBackDaysOption,
			description:
				'Documents and payments posted within this many days are watched (date_from). Older ones are no longer watched and no longer kept in the trigger\'s memory.',
		},
		timeoutOption,
	]),
];

export class CnbsWebArTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CNBS WebAR Trigger',
		name: 'cnbsWebArTrigger',
		icon: { light: 'file:../CnbsWebAr/cnbsWebAr.svg', dark: 'file:../CnbsWebAr/cnbsWebAr.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitle(EVENTS),
		description: 'Starts the workflow when CNBS WebAR posts a payment, clears an invoice or lists a new open invoice (polls the invoice and payment lists)',
		defaults: { name: 'CNBS WebAR Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cnbsWebArApi', required: true }],
		properties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const ctx = pollRunContext(this);
		const manual = this.getMode() === 'manual';
		const event = this.getNodeParameter('event') as CnbsEvent;
		const staticData = this.getWorkflowStaticData('node');
		let credentials;
		try {
			// Every field read and checked by its kind, as the vendor node's operations read theirs.
			const fields = readFields(ctx, 0, properties);
			const payer = optionalText(fields.payer_number);
			const companyCode = optionalText(fields.company_code);
			const filters = (fields.filters ?? {}) as IDataObject;
			const options = (fields.options ?? {}) as IDataObject;
			credentials = await this.getCredentials(CREDENTIAL_TYPE);
			const days = lookBackDays(options.lookBackDays);
			const start = windowStart(new Date(), days);
			const startText = start.toISOString().slice(0, 10);
			const dateFrom = optionalCnbsDate(startText, 'date_from');
			const oldest = startText.replace(/-/g, '');
			const timeout = Number(options.timeout ?? DEFAULT_TIMEOUT_MS);

			// Every list, before anything is decided: a failure throws and nothing is kept.
			const current = new Map<string, SeenEntry>();
			const records = new Map<string, IDataObject>();
			if (INVOICE_EVENTS.includes(event)) {
				const statuses = event === 'invoiceCleared' ? ['01', '02'] : ['01'];
				for (const status of statuses) {
					const query = buildListQuery({
						...filters,
						payer_number: payer,
						company_code: companyCode,
						document_search_status: status,
						date_from: dateFrom,
					});
					for (const document of await readDocumentList(ctx, credentials, query, timeout)) {
						const key = documentKey(document, companyCode);
						current.set(key, [status === '01' ? 'open' : 'complete', dayKey(document.posting_date)]);
						records.set(key, document);
					}
				}
			} else {
				const { answer } = await callCnbs(ctx, credentials, {
					method: 'GET',
					path: 'invoices/payments',
					qs: definedOnly({
						payer_number: payer,
						company_code: companyCode,
						document_type: optionalText(filters.document_type) ?? '02',
						date_from: dateFrom,
					}),
					timeout,
				});
				for (const entry of objectsIn(answer.payment_list)) {
					// The list echoes card tokens: only their last four characters are output.
					const payment = maskPaymentData(normalizeFiscalYear(entry));
					const key = paymentKey(payment, companyCode);
					current.set(key, ['posted', dayKey(payment.posting_date)]);
					records.set(key, payment);
				}
			}

			const previous = readSeen(staticData);
			const first = previous === undefined;
			const emitExisting = manual || options.includeExisting === true;
			const found: FoundEvent[] = [];
			for (const [key, [state, date]] of current) {
				const before = previous?.[key];
				const record = { event, ...moneyAsText(records.get(key)!) };
				if (event === 'invoiceCleared') {
					if (state !== 'complete') continue;
					if (first ? emitExisting : before?.[0] === 'open' || (manual && before === undefined)) found.push({ date, event: record });
				} else if (first ? emitExisting : before === undefined) {
					found.push({ date, event: record });
				}
			}

			return finishPoll(this, { manual, found, previous, current, oldest: oldest });
		} catch (error) {
			throw toNodeError(ctx, error, 0, {
				vendor: VENDOR,
				operationName: 'Trigger',
				secrets: credentials ? secretsOf(credentials) : [],
			});
		}
	}
}
