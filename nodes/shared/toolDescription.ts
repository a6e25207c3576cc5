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
	return `={{ (${chain}) + ${OPTION_NOTES} }}`;
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
