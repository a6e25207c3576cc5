import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../shared/execute';
import { additionalFieldsCollection, DEFAULT_TIMEOUT_MS, timeoutOption } from '../shared/fields';
import { optionalText } from '../shared/input';
import { excerpt } from '../shared/redact';
import type { FoundEvent, SeenEntry } from '../shared/polling';
import {
	includeExistingOption,
	lookBackDays,
	lookBackDaysOption,
	moneyAsText,
	pollRunContext,
	readSeen,
	eventSubtitle,
	finishPoll,
	triggerOptions,
	windowStart,
} from '../shared/polling';
import { kinds, readFields, withKind } from '../shared/fieldKinds';
import * as getMany from '../EvoSnap/actions/invoice/getMany.operation';
import { DEFAULT_ALREADY_PAID_STATES, merchantProfileIdField, scopeField } from '../EvoSnap/actions/common.descriptions';
import { profileId } from '../EvoSnap/helpers/invoiceBody';
import { MAX_PAGE_SIZE, queryParameters } from '../EvoSnap/helpers/invoice';
import { callEvo, CREDENTIAL_TYPE, secretsOf, VENDOR } from '../EvoSnap/transport';

type EvoEvent = 'invoicePaid' | 'invoiceStateChanged' | 'invoiceCreated';

const HOUR_MS = 60 * 60 * 1000;

/** EVO's CreatedDate as a text that sorts in time order (`2017-03-27T17:00:20.443`, no zone: UTC). */
function createdKey(value: unknown): string {
	return String(value ?? '').slice(0, 23);
}

/** `yyyy-MM-ddTHH:mm:ss` in UTC, as CreatedDateRange takes it. */
function utcText(date: Date): string {
	return date.toISOString().slice(0, 19);
}

function paidStates(value: unknown): string[] {
	return String(value ?? DEFAULT_ALREADY_PAID_STATES)
		.split(',')
		.map((state) => state.trim())
		.filter((state) => state !== '');
}

const EVENTS = [
	{
		name: 'Invoice Created',
		value: 'invoiceCreated',
		description: 'A new invoice (by its CreatedDate)',
	},
	{
		name: 'Invoice Paid',
		value: 'invoicePaid',
		description: 'An invoice enters one of the Already Paid States',
	},
	{
		name: 'Invoice State Changed',
		value: 'invoiceStateChanged',
		description: 'Any change of InvoiceState, with the old and the new state',
	},
];

/**
 * Get Many's filters (QueryInvoiceParameters) but the created dates, which the look-back window
 * sets, and the state, which the trigger watches.
 */
function watchedFilters(from: INodeProperties[]): INodeProperties {
	const filters = from.find((property) => property.name === 'filters')!;
	return {
		...filters,
		options: (filters.options as INodeProperties[]).filter((option) => !['StartDateTime', 'EndDateTime', 'InvoiceState'].includes(option.name)),
		displayOptions: undefined,
	};
}

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'invoicePaid',
		options: EVENTS,
	},
	watchedFilters(getMany.description),
	additionalFieldsCollection({}, [merchantProfileIdField, scopeField]),
	triggerOptions([
		withKind(kinds.text(), {
			displayName: 'Already Paid States',
			name: 'alreadyPaidStates',
			type: 'string',
			default: DEFAULT_ALREADY_PAID_STATES,
			description:
				'The invoice states that mean "paid", separated by commas (the same option as Process). EVO publishes no name for its paid state: set what your account shows.',
			displayOptions: { show: { '/event': ['invoicePaid'] } },
		}),
		includeExistingOption,
		{
			...lookBackDaysOption,
			description:
				'Invoices created within this many days are watched (CreatedDateRange). Older invoices are no longer watched and no longer kept in the trigger\'s memory.',
		},
		timeoutOption,
	]),
];

export class EvoSnapTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'EVO Snap* Trigger',
		name: 'evoSnapTrigger',
		icon: { light: 'file:../EvoSnap/evoSnap.svg', dark: 'file:../EvoSnap/evoSnap.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitle(EVENTS),
		description: 'Starts the workflow when an EVO Snap* CMS invoice is paid, changes state or is created (polls QueryInvoices)',
		defaults: { name: 'EVO Snap* Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'evoSnapApi', required: true }],
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const ctx = pollRunContext(this);
		const manual = this.getMode() === 'manual';
		const event = this.getNodeParameter('event') as EvoEvent;
		const staticData = this.getWorkflowStaticData('node');
		let credentials;
		try {
			// Every field read and checked by its kind, as the vendor node's operations read theirs.
			const fields = readFields(ctx, 0, properties);
			const filters = (fields.filters ?? {}) as IDataObject;
			const additional = (fields.additionalFields ?? {}) as IDataObject;
			const options = (fields.options ?? {}) as IDataObject;
			credentials = await this.getCredentials(CREDENTIAL_TYPE);
			const days = lookBackDays(options.lookBackDays);
			const now = new Date();
			const start = windowStart(now, days);
			// EVO's clock may run ahead of ours: the window's end is an hour later than now.
			const query = queryParameters({
				...filters,
				StartDateTime: utcText(start),
				EndDateTime: utcText(new Date(now.getTime() + HOUR_MS)),
				InvoiceState: 'NotSet',
			});
			const merchantProfileId = profileId(additional.MerchantProfileId, credentials, 'merchantProfileId', 'MerchantProfileId', true)!;
			const scope = optionalText(additional.Scope) ?? 'MerchantProfileId';
			const timeout = Number(options.timeout ?? DEFAULT_TIMEOUT_MS);

			// Every page, before anything is decided: a failure on any page throws, nothing is kept.
			const invoices = new Map<string, IDataObject>();
			for (let page = 0; ; page++) {
				const answer = (await callEvo(
					ctx,
					{
						method: 'POST',
						path: '/query',
						body: {
							QueryInvoiceParameters: query as never,
							Scope: scope,
							PagingParameters: { Page: page, PageSize: MAX_PAGE_SIZE },
							MerchantProfileId: merchantProfileId,
						},
						timeout,
					},
				)) as IDataObject;
				const list = answer?.Invoices;
				if (!Array.isArray(list)) {
					throw new NodeOperationError(this.getNode(), `EVO's query answer had no Invoices list: ${excerpt(JSON.stringify(answer), 200)}`);
				}
				// An invoice listed twice (pages that shifted while they were read) counts once.
				for (const invoice of list as IDataObject[]) invoices.set(String(invoice.InvoiceReferenceId), invoice);
				const totalPages = Number(answer.TotalPages);
				if (!Number.isFinite(totalPages) || page + 1 >= totalPages || list.length === 0) break;
			}

			const previous = readSeen(staticData);
			const first = previous === undefined;
			const emitExisting = manual || options.includeExisting === true;
			const paid = paidStates(options.alreadyPaidStates);
			const current = new Map<string, SeenEntry>();
			const found: FoundEvent[] = [];
			for (const [key, invoice] of invoices) {
				const state = String(invoice.InvoiceState ?? '');
				const date = createdKey(invoice.CreatedDate);
				current.set(key, [state, date]);
				const before = previous?.[key];
				const record = moneyAsText(invoice);
				if (event === 'invoiceCreated') {
					if (first ? emitExisting : before === undefined) found.push({ date, event: { event, ...record } });
				} else if (event === 'invoicePaid') {
					const isPaid = paid.includes(state);
					const wasPaid = before !== undefined && paid.includes(before[0]);
					if (isPaid && (first ? emitExisting : !wasPaid)) found.push({ date, event: { event, ...record } });
				} else {
					const oldState = before?.[0];
					if (before !== undefined && oldState !== state) {
						found.push({ date, event: { event, oldState, newState: state, ...record } });
					} else if (manual && before === undefined) {
						// A test event before anything was seen: the state as it is, the old one unknown.
						found.push({ date, event: { event, oldState: null, newState: state, ...record } });
					}
				}
			}

			return finishPoll(this, { manual, found, previous, current, oldest: utcText(start) });
		} catch (error) {
			throw toNodeError(ctx, error, 0, {
				vendor: VENDOR,
				operationName: 'Trigger',
				secrets: credentials ? secretsOf(credentials) : [],
			});
		}
	}
}
