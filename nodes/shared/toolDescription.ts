import type { INodeProperties } from 'n8n-workflow';

/**
 * What an AI agent reads about a node used as a tool. n8n 2.41.1 offers the model the tool's
 * `toolDescription` parameter, and evaluates it when it is an expression; without one of its own,
 * n8n adds a field whose automatic text is only "<action> in <node name>" (e.g. "Pay an invoice in
 * CRM.COM") and says nothing of the configuration. So each node declares the field itself, shown
 * only on its tool variant (`@tool`), with an expression that describes the configured operation.
 */
export function toolDescriptionField(expression: string): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		default: expression,
		typeOptions: { rows: 4 },
		description:
			'What the AI agent is told about this tool. The default describes the configured operation, what it needs and what it refuses; replace it to say more about your data.',
		displayOptions: { show: { '@tool': [true] } },
	};
}

/** A JavaScript string literal for an expression (never containing the expression's braces). */
export function literal(text: string): string {
	if (/\{\{|\}\}/.test(text)) throw new Error(`a tool description text cannot contain {{ or }}: ${text}`);
	return JSON.stringify(text);
}

/**
 * Whether a parameter's raw value (not evaluated) has the model fill it. `$parameter` evaluates
 * expressions; its toJSON gives the raw values. The name is split so that n8n's scan of the
 * parameters for the model's placeholders never finds one in this description itself.
 */
export const FROM_AI = '("$from" + "AI")';
export const rawParameter = (name: string) => `String(JSON.parse(JSON.stringify($parameter)).${name} || "")`;
const NOTHING_FROM_MODEL = `(JSON.stringify($parameter).includes(${FROM_AI}) ? "" : ${literal(
	" None of this tool's values is filled by the model: every call acts on the values set in the tool's settings, whatever is asked.",
)})`;

/** One text per operation, for `describeOperations`. */
export interface OperationToolText {
	resource: string;
	operation: string;
	text: string;
}

/**
 * An expression giving the text of the configured resource and operation (a chain of conditions on
 * `$parameter`), or `fallback` for a combination not listed.
 */
export function describeOperations(texts: OperationToolText[], fallback: string): string {
	const chain = texts.reduceRight(
		(otherwise, t) =>
			`$parameter.resource === ${literal(t.resource)} && $parameter.operation === ${literal(t.operation)} ? ${literal(t.text)} : ${otherwise}`,
		literal(fallback),
	);
	return `={{ (${chain}) + ${OPTION_NOTES} + ${NOTHING_FROM_MODEL} }}`;
}

const options = '($parameter.options || {})';
/** What the paying operations' Check First and Dry Run options change, when they are on. */
const OPTION_NOTES = [
	`(${options}.checkFirst ? ${literal(' The invoice is read first: one that is already paid is reported "skipped: already paid" and not paid again.')} : "")`,
	`(${options}.dryRun ? ${literal(' DRY RUN: nothing is sent or paid; the answer shows the request that would be sent.')} : "")`,
].join(' + ');

/** The sentence every paying operation ends with. */
export const PAYING_NOTE =
	' A missing or malformed value fails the call with an error naming the field, before anything is sent. A refused call answers with the reason. Never repeat a paid or refused call.';
