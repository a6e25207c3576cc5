import type { IDataObject, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage } from '../harness';
import type { RecordedRequest } from '../simulators/framework';
import { passesLuhn } from '../../nodes/shared/redact';
import { expectNoSecretsShown, NODE_TYPE, runPay } from './recorder';
import type { NodeKind, VendorEntry } from './vendors';
import { ALL_SECRETS, SECRETS, VENDORS } from './vendors';
import { CARD_SEPARATORS, grouped, SECRET_ENCODINGS } from '../harness/encodings';

/**
 * Card numbers and secrets, generated over the vendor table and the node descriptions:
 * - a Luhn-valid card number typed into each string field that the paying operation shows (its
 *   description says which, collections' string options included), in a paid run, a dry run and
 *   a run where the vendor refuses the payment quoting the request: never shown unmasked;
 * - the credential's secrets and session tokens that a vendor quotes back from the request in an
 *   error, in Base64 (as HTTP Basic builds it) and URL-encoded forms: masked.
 */

const KINDS: NodeKind[] = ['vendorNode', 'payInvoice'];
/** A Luhn-valid test card number, typed plain and grouped by every separator of test/harness/encodings.ts. */
const CARD_DIGITS = '4012888888881881';
const CARD_FORMS = [CARD_DIGITS, ...CARD_SEPARATORS.map(({ separator }) => grouped(CARD_DIGITS, [4, 4, 4, 4], separator))];
/** The card's first 12 digits, however they are grouped (only the last 4 may ever show). */
const CARD_SHOWN = /4012\D{0,8}8888\D{0,8}8888/g;
const MASKED = '************1881';

interface StringField {
	/** `name`, or `collection.option` for a collection's string option. */
	path: string;
	collection?: string;
	name: string;
	base: unknown;
}

function shownFor(property: INodeProperties, parameters: INodeParameters, properties: INodeProperties[]): boolean {
	const valueOf = (name: string) =>
		name in parameters ? parameters[name] : properties.find((entry) => entry.name === name && shownFor(entry, parameters, properties))?.default;
	const { show, hide } = property.displayOptions ?? {};
	for (const [name, values] of Object.entries(show ?? {})) {
		if (name.startsWith('@')) continue;
		if (!(values as unknown[]).includes(valueOf(name))) return false;
	}
	for (const [name, values] of Object.entries(hide ?? {})) {
		if (!name.startsWith('@') && (values as unknown[]).includes(valueOf(name))) return false;
	}
	return true;
}

/** Every string field the paying operation shows, from the node's description. */
async function stringFieldsOf(vendor: VendorEntry, kind: NodeKind, parameters: INodeParameters): Promise<StringField[]> {
	const { nodeTypes } = await loadPackage();
	const type = nodeTypes.getByName(nodeTypes.resolveName(NODE_TYPE[kind](vendor)));
	const properties = (type.description as INodeTypeDescription).properties;
	const fields: StringField[] = [];
	for (const property of properties.filter((entry) => shownFor(entry, parameters, properties))) {
		if (property.type === 'string') {
			fields.push({ path: property.name, name: property.name, base: parameters[property.name] ?? property.default });
		}
		if (property.type === 'collection') {
			const values = (parameters[property.name] ?? {}) as IDataObject;
			for (const option of (property.options ?? []) as INodeProperties[]) {
				if (option.type !== 'string') continue;
				fields.push({ path: `${property.name}.${option.name}`, collection: property.name, name: option.name, base: values[option.name] ?? '' });
			}
		}
	}
	return fields;
}

/**
 * The field's value: as the vendor table has it, and for the item whose `field` names it, with
 * the item's card number typed in (after what was there, or alone).
 */
function withCardFor(field: StringField): string {
	const typed = `$json.field === ${JSON.stringify(field.path)}`;
	const base = field.base === undefined || field.base === null ? '' : String(field.base);
	if (base === '') return `={{ ${typed} ? $json.card : "" }}`;
	const template = base.startsWith('=') ? base.slice(1) : base.replace(/{{/g, '\\{{');
	return `=${template}{{ ${typed} ? " " + $json.card : "" }}`;
}

function parametersWithCards(base: INodeParameters, fields: StringField[]): INodeParameters {
	const parameters: INodeParameters = structuredClone(base);
	for (const field of fields) {
		if (!field.collection) {
			parameters[field.name] = withCardFor(field);
			continue;
		}
		const collection = (parameters[field.collection] ?? {}) as IDataObject;
		parameters[field.collection] = { ...collection, [field.name]: withCardFor(field) } as INodeParameters;
	}
	return parameters;
}

/** What a run showed: its items and its error. */
function shownText(result: { items: Array<{ json: IDataObject }>; error?: { message?: string; description?: string | null } }): string {
	return JSON.stringify(result.items.map((item) => item.json)) + String(result.error?.message ?? '') + String(result.error?.description ?? '');
}

/** Where the card's first 12 digits show, in whatever grouping (only the last 4 may ever show). */
function cardsShown(text: string): string[] {
	return [...text.matchAll(CARD_SHOWN)].map((match) => text.slice(Math.max(0, match.index - 60), match.index + 30));
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** Quotes the card as the request carried it (a vendor naming the value it refuses), else the request's start. */
function quoteCard(request: RecordedRequest): string {
	const text = `${safeDecode(request.body.replace(/\+/g, ' '))} ${Object.values(request.query).join(' ')}`;
	const at = text.search(/4012\D{0,8}8888\D{0,8}8888\D{0,8}1881/);
	return at === -1 ? `Refused: ${text.slice(0, 200)}` : `Refused the value "${text.slice(Math.max(0, at - 20), at + 40)}"`;
}

/**
 * Every paying operation of the vendor table: the one each vendor node pays with, the one that
 * checks the balance first where it is another operation (Cloud Commerce Pro's Pay Order in
 * Full), and Pay Invoice.
 */
const PAYING_OPERATIONS = VENDORS.flatMap((vendor) => {
	const operations: Array<{ label: string; kind: NodeKind; vendor: VendorEntry; parameters: INodeParameters }> = KINDS.map((kind) => ({
		label: kind,
		kind,
		vendor,
		parameters: vendor.parameters[kind],
	}));
	const balanceCheck = vendor.balanceCheck?.vendorNode.parameters;
	if (balanceCheck?.operation !== undefined && balanceCheck.operation !== vendor.parameters.vendorNode.operation) {
		operations.push({ label: `vendorNode ${String(balanceCheck.operation)}`, kind: 'vendorNode', vendor, parameters: balanceCheck });
	}
	return operations.map((operation) => [vendor.name, operation.label, operation] as const);
});

describe.each(PAYING_OPERATIONS)(
	'%s %s: a card number typed into any string field',
	(_name, _label, { kind, vendor, parameters }) => {
		afterAll(() => expectNoSecretsShown(3));

		test.each(['paid', 'dry run', 'refused'] as const)('is never shown unmasked (%s)', async (mode) => {
			expect(passesLuhn(CARD_DIGITS)).toBe(true);
			const fields = await stringFieldsOf(vendor, kind, parameters);
			// The description gives the fields: each paying operation has some.
			expect(fields.length).toBeGreaterThanOrEqual(2);
			const sim = vendor.create();
			await sim.start();
			try {
				// Every field gets the card, and every way of writing it is tried.
				const count = Math.max(fields.length, CARD_FORMS.length);
				const invoices = vendor.load(sim, count);
				if (mode === 'refused') sim.fail({ kind: 'echo', quote: quoteCard }, { times: count, when: vendor.isPayment });
				const result = await runPay(vendor, kind, sim, {
					items: invoices.map((invoice, index) => ({
						...invoice.item,
						field: fields[index % fields.length].path,
						card: CARD_FORMS[index % CARD_FORMS.length],
					})),
					parameters: parametersWithCards(parameters, fields),
					options: mode === 'dry run' ? { dryRun: true } : {},
					label: `card ${mode} ${vendor.key} ${kind}`,
				});
				expect(result.items).toHaveLength(count);
				const shown = shownText(result);
				expect(cardsShown(shown)).toEqual([]);
				// The card went through and came back masked somewhere: the check above had something to find.
				expect(shown).toContain(MASKED);
				if (mode === 'refused') expect(shown).toMatch(/Refused the value [\s\S]{0,80}\*{12}1881/);
			} finally {
				await sim.stop();
			}
		});
	},
);

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** How a vendor may quote a secret of the request back: every encoding of test/harness/encodings.ts. */
const QUOTED_FORMS: Record<string, (secret: string) => string | undefined> = Object.fromEntries(
	SECRET_ENCODINGS.map(({ name, encode, minLength = 4 }) => [name, (secret: string) => (secret.length >= minLength ? encode(secret) : undefined)]),
);

/** The request's Authorization header decoded, where it is HTTP Basic. */
function basicCredentials(request: RecordedRequest): string {
	const match = /^Basic\s+(\S+)/i.exec(request.headers.authorization ?? '');
	return match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
}

describe.each(VENDORS.flatMap((vendor) => KINDS.map((kind) => [vendor.name, kind, vendor] as const)))(
	'%s %s: secrets a vendor quotes back in an error',
	(_name, kind, vendor) => {
		afterAll(() => expectNoSecretsShown(Object.keys(QUOTED_FORMS).length));

		test.each(Object.keys(QUOTED_FORMS))('are masked: %s', async (formName) => {
			const form = QUOTED_FORMS[formName];
			const sim = vendor.create();
			await sim.start();
			try {
				const [invoice] = vendor.load(sim, 1);
				const carried: string[] = [];
				const quote = (request: RecordedRequest) => {
					const known = [...ALL_SECRETS, ...(vendor.issuedTokens?.(sim) ?? [])];
					const raw = `${JSON.stringify([request.headers, request.query])} ${safeDecode(request.body)} ${basicCredentials(request)}`;
					carried.push(...known.filter((secret) => raw.includes(secret)));
					const authorization = request.headers.authorization ? ` Authorization: ${request.headers.authorization};` : '';
					return `Request refused.${authorization} ${formName}: ${carried.map(form).filter(Boolean).join(' ')}`;
				};
				sim.fail({ kind: 'echo', quote }, { when: vendor.isPayment });
				const result = await runPay(vendor, kind, sim, { items: [invoice.item], label: `quoted ${formName} ${vendor.key} ${kind}` });
				// The payment request carried a secret and the vendor quoted it: the error shows it masked.
				expect(carried.length).toBeGreaterThan(0);
				const shown = shownText(result);
				expect(shown).toContain('Request refused');
				expect(shown).toContain('***');
				for (const secret of carried) {
					expect(shown).not.toContain(secret);
					const quoted = form(secret);
					if (quoted !== undefined) expect(shown).not.toContain(quoted);
				}
			} finally {
				await sim.stop();
			}
		});
	},
);

describe('secrets quoted back at sign-on', () => {
	afterAll(() => expectNoSecretsShown(2));

	const signOns: Array<{ vendor: VendorEntry; secret: string; credentialData?: (baseUrl: string) => Record<string, string | number | boolean> }> = [
		{ vendor: VENDORS.find((entry) => entry.key === 'evoSnap')!, secret: SECRETS.evoIdentityToken },
		{
			vendor: VENDORS.find((entry) => entry.key === 'crmCom')!,
			secret: SECRETS.crmWebApiKey,
			credentialData: (baseUrl) => ({ serverUrl: baseUrl, authMethod: 'webApiKey', webApiKey: SECRETS.crmWebApiKey }),
		},
	];

	test.each(signOns.flatMap((entry) => KINDS.map((kind) => [entry.vendor.name, kind, entry] as const)))(
		'%s %s: the Authorization header of the sign-on, quoted in its error, is masked',
		async (_name, kind, { vendor, secret, credentialData }) => {
			const sim = vendor.create();
			await sim.start();
			try {
				const [invoice] = vendor.load(sim, 1);
				let quoted = '';
				sim.fail(
					{
						kind: 'echo',
						status: 401,
						quote: (request) => (quoted = `Sign-on refused. Authorization: ${request.headers.authorization ?? 'none'}`),
					},
					{ when: (request) => basicCredentials(request).includes(secret) },
				);
				const result = await runPay(vendor, kind, sim, {
					items: [invoice.item],
					credentialData: credentialData?.(sim.baseUrl),
					label: `sign-on quoted ${vendor.key} ${kind}`,
				});
				// The sign-on sent the secret as HTTP Basic (`secret:`), and the refusal quoted it.
				expect(quoted).toContain(b64(`${secret}:`));
				const shown = shownText(result);
				expect(shown).toMatch(/refused|failed/i);
				expect(shown).not.toContain(secret);
				expect(shown).not.toContain(b64(`${secret}:`));
			} finally {
				await sim.stop();
			}
		},
	);
});
