import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { hiddenCharacter, isEmpty } from '../../shared/input';
import { InvalidInputError } from '../../shared/errors';
import { describeReceived } from '../../shared/fieldKinds';

/** fieldKinds.ts's INPUT_KIND_KEY (not imported: fieldKinds reads identifiers through this module). */
const INPUT_KIND_KEY = 'inputKind';

/**
 * Identifier objects with alternative keys (CRM.COM's `{"number":"INV001"}` where exactly one of
 * id, number, reference_number ... may be given) as n8n `resourceLocator` parameters: one mode per
 * key, so a value set in the UI has exactly one key by construction, plus a JSON mode for
 * automations and AI agents, whose object is checked key by key before anything is sent.
 */

/** One key of an identifier object, or a key whose value is itself an identifier object. */
export interface IdentifierKey {
	/** The key as the vendor expects it, e.g. `reference_number`. */
	key: string;
	displayName: string;
	/**
	 * The mode's label in the editor, when the display name is longer: n8n's mode selector is 92 px
	 * wide and shows about six characters ("By Numb" was cut). The full name is the mode's hint.
	 */
	mode?: string;
	placeholder?: string;
	/** The key's value is an identifier object with these keys (e.g. `payment_preference_identifier`). */
	nested?: IdentifierKey[];
}

export interface IdentifierSpec {
	/** The vendor's parameter name, also used as the n8n parameter name: `invoice_identifier`. */
	name: string;
	/** What the identifier points at, e.g. "Invoice". */
	displayName: string;
	keys: IdentifierKey[];
}

/** An identifier as sent: exactly one key, whose value is text or a nested identifier. */
export interface IdentifierValue {
	[key: string]: string | IdentifierValue;
}

/** Name of the mode that takes the whole identifier object as JSON. */
export const JSON_MODE = 'json';

/** Mode names of nested keys join the keys with a dot: `payment_preference_identifier.name`. */
const NESTED_SEPARATOR = '.';

interface Leaf {
	path: string[];
	displayName: string;
	mode: string;
	placeholder?: string;
}

function leaves(keys: IdentifierKey[], parent?: IdentifierKey): Leaf[] {
	return keys.flatMap((entry) =>
		entry.nested
			? leaves(entry.nested, entry).map((leaf) => ({ ...leaf, path: [entry.key, ...leaf.path] }))
			: [
					{
						path: [entry.key],
						displayName: parent ? `${parent.displayName} ${entry.displayName}` : entry.displayName,
						mode: entry.mode ?? entry.displayName,
						placeholder: entry.placeholder,
					},
				],
	);
}

/** The leaves of an identifier's keys by mode name (`payment_preference_identifier.name`), worked out once per key list. */
const leavesByMode = new WeakMap<IdentifierKey[], Map<string, Leaf>>();

function leafOfMode(keys: IdentifierKey[], mode: string): Leaf | undefined {
	let byMode = leavesByMode.get(keys);
	if (byMode === undefined) {
		byMode = new Map();
		for (const leaf of leaves(keys)) if (!byMode.has(leaf.path.join(NESTED_SEPARATOR))) byMode.set(leaf.path.join(NESTED_SEPARATOR), leaf);
		leavesByMode.set(keys, byMode);
	}
	return byMode.get(mode);
}

function describeKeys(keys: IdentifierKey[]): string {
	return keys.map((entry) => entry.key).join(', ');
}

/** An example object for the JSON mode's placeholder: the first key other than `id` with a placeholder. */
function exampleJson(spec: IdentifierSpec): string {
	const all = leaves(spec.keys);
	const leaf =
		all.find((entry) => entry.placeholder && entry.path.join('.') !== 'id') ??
		all.find((entry) => entry.placeholder) ??
		all[0];
	let value: unknown = leaf.placeholder ?? 'value';
	for (const key of [...leaf.path].reverse()) value = { [key]: value };
	return JSON.stringify(value);
}

/**
 * A resourceLocator mode's type, spread in: written out, n8n's linter would take a mode built
 * outside a `modes: [...]` literal for a parameter without a default.
 */
const TEXT_MODE = { type: 'string' } as const;

/** The resourceLocator modes of an identifier: one per key (mode name = the key), then JSON. */
export function identifierModes(spec: IdentifierSpec): INodePropertyMode[] {
	return [
		...leaves(spec.keys).map(
			(leaf): INodePropertyMode => ({
				displayName: leaf.mode,
				name: leaf.path.join(NESTED_SEPARATOR),
				...TEXT_MODE,
				hint: `By the ${spec.displayName.toLowerCase()}'s ${leaf.displayName} (${leaf.path.join(NESTED_SEPARATOR)})`,
				...(leaf.placeholder ? { placeholder: leaf.placeholder } : {}),
			}),
		),
		{
			displayName: 'JSON',
			name: JSON_MODE,
			...TEXT_MODE,
			placeholder: exampleJson(spec),
			hint: `An object with exactly one of: ${describeKeys(spec.keys)}`,
		},
	];
}

/** A `resourceLocator` parameter for an identifier; `defaultMode` is the key shown first. */
export function identifierParameter(
	spec: IdentifierSpec,
	options: { required?: boolean; defaultMode?: string; description?: string; hint?: string; displayName?: string } = {},
): INodeProperties {
	const modes = identifierModes(spec);
	return <INodeProperties>{
		[INPUT_KIND_KEY]: {
			kind: 'identifierObject',
			spec,
			read: (value: unknown, { required }: { required: boolean }) => readIdentifier(value, spec, { required }),
		},
		displayName: options.displayName ?? spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: options.defaultMode ?? modes[0].name, value: '' },
		required: options.required ?? false,
		...(options.description ? { description: options.description } : {}),
		...(options.hint ? { hint: options.hint } : {}),
		modes,
	};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function leafText(value: unknown, field: string, path: string): string {
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value === 'number') {
		throw new InvalidInputError(field, `${path} got the number ${value}, which cannot be sent exactly: give it as text`);
	}
	if (typeof value === 'string') {
		// An identifier never holds control characters: refuse them rather than look up garbage.
		const hidden = hiddenCharacter(value);
		if (hidden !== undefined) {
			throw new InvalidInputError(field, `${path} must not contain control or invisible characters (${hidden})`);
		}
		// Refused rather than trimmed: what is sent is what was written.
		if (value.trim() !== value) {
			throw new InvalidInputError(field, `${path} has spaces around it (${describeReceived(value)}): remove them`);
		}
		return value;
	}
	throw new InvalidInputError(field, `${path} must be text, got ${JSON.stringify(value)}`);
}

/** The keys of an identifier by name, worked out once per key list. */
const keyMaps = new WeakMap<IdentifierKey[], Map<string, IdentifierKey>>();

function keysByName(keys: IdentifierKey[]): Map<string, IdentifierKey> {
	let known = keyMaps.get(keys);
	if (known === undefined) {
		known = new Map(keys.map((entry) => [entry.key, entry]));
		keyMaps.set(keys, known);
	}
	return known;
}

/**
 * Checks an identifier object given as JSON: exactly one known key with a non-empty value (keys
 * whose value is null or empty count as not given). Returns the object rebuilt with that key only.
 */
export function validateIdentifierObject(
	value: unknown,
	keys: IdentifierKey[],
	field: string,
	path = field,
): IdentifierValue {
	if (!isPlainObject(value)) {
		throw new InvalidInputError(
			field,
			`${path} must be an object with exactly one of ${describeKeys(keys)}, got ${JSON.stringify(value)}`,
		);
	}
	const known = keysByName(keys);
	// One pass over the object: its unknown keys, and the keys given a value.
	const unknown: string[] = [];
	const given: Array<[string, unknown]> = [];
	for (const key of Object.keys(value)) {
		if (!known.has(key)) unknown.push(key);
		else if (!isEmpty(value[key])) given.push([key, value[key]]);
	}
	if (unknown.length > 0) {
		throw new InvalidInputError(
			field,
			`${path} has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use exactly one of ${describeKeys(keys)}`,
		);
	}
	if (given.length === 0) {
		throw new InvalidInputError(field, `${path} has none of its keys: give exactly one of ${describeKeys(keys)}`);
	}
	if (given.length > 1) {
		throw new InvalidInputError(
			field,
			`${path} has ${given.length} keys (${given.map(([key]) => key).join(', ')}): give exactly one of ${describeKeys(keys)}`,
		);
	}
	const [key, entry] = given[0];
	const spec = known.get(key)!;
	if (spec.nested) {
		return { [key]: validateIdentifierObject(entry, spec.nested, field, `${path}.${key}`) };
	}
	const text = leafText(entry, field, `${path}.${key}`);
	if (text === '') {
		throw new InvalidInputError(field, `${path}.${key} is empty`);
	}
	return { [key]: text };
}

interface ResourceLocatorLike {
	mode?: unknown;
	value?: unknown;
}

function parseJsonIdentifier(value: unknown, spec: IdentifierSpec): unknown {
	if (typeof value !== 'string') return value;
	let parsed: unknown;
	let problem: string | undefined;
	try {
		parsed = JSON.parse(value) as unknown;
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined) {
		throw new InvalidInputError(
			spec.name,
			`${spec.name} (JSON mode) is not valid JSON: ${problem}. Example: ${exampleJson(spec)}`,
		);
	}
	return parsed;
}

/**
 * Reads an identifier parameter's value (a resourceLocator value `{ mode, value }`; a plain
 * object or JSON text is read as the JSON mode). Returns undefined when nothing is set; throws an
 * InvalidInputError naming the parameter when it is required and empty, or malformed.
 */
export function readIdentifier(
	raw: unknown,
	spec: IdentifierSpec,
	{ required = false }: { required?: boolean } = {},
): IdentifierValue | undefined {
	let mode: string;
	let value: unknown;
	if (isPlainObject(raw) && ('__rl' in raw || 'mode' in raw)) {
		const locator = raw as ResourceLocatorLike;
		mode = String(locator.mode ?? JSON_MODE);
		value = locator.value;
	} else {
		mode = JSON_MODE;
		value = raw;
	}

	if (isEmpty(value)) {
		if (required) {
			throw new InvalidInputError(
				spec.name,
				`${spec.name} is required: give the ${spec.displayName.toLowerCase()}'s ${describeKeys(spec.keys).replace(/, ([^,]*)$/, ' or $1')}`,
			);
		}
		return undefined;
	}

	if (mode === JSON_MODE) {
		return validateIdentifierObject(parseJsonIdentifier(value, spec), spec.keys, spec.name);
	}

	const leaf = leafOfMode(spec.keys, mode);
	if (!leaf) {
		throw new InvalidInputError(
			spec.name,
			`${spec.name}: unknown mode "${mode}"; use one of ${identifierModes(spec)
				.map((entry) => entry.name)
				.join(', ')}`,
		);
	}
	const text = leafText(value, spec.name, `${spec.name}.${leaf.path.join('.')}`);
	let result: string | IdentifierValue = text;
	for (const key of [...leaf.path].reverse()) result = { [key]: result };
	return result as IdentifierValue;
}

/**
 * An identifier written as a query value, the way GET calls take it:
 * `{ number: 'INV001' }` → `number=INV001` (sent as `invoice_identifier=number=INV001`).
 */
export function identifierQueryValue(identifier: IdentifierValue, field: string): string {
	const [key, value] = Object.entries(identifier)[0] ?? [];
	if (key === undefined || typeof value !== 'string') {
		throw new InvalidInputError(field, `${field} cannot be written as key=value`);
	}
	return `${key}=${value}`;
}
