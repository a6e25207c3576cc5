import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { VendorError } from '../../shared/errors';

const parser = new XMLParser({
	removeNSPrefix: true,
	ignoreAttributes: true,
	parseTagValue: false,
	trimValues: true,
	// fast-xml-parser decodes the five XML entities; the vendors send nothing else.
	processEntities: true,
});

export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] };

/** Parses a SOAP answer; a document that is not XML is a vendor error, not a crash. */
export function parseSoapDocument(xml: string): Record<string, XmlNode> {
	const valid = typeof xml === 'string' && xml.trim() !== '' ? XMLValidator.validate(xml) : false;
	if (valid !== true) {
		const why = valid === false ? 'an empty answer' : `${valid.err.msg} (line ${valid.err.line})`;
		throw new VendorError(`The answer was not valid XML: ${why}`);
	}
	return parser.parse(xml) as Record<string, XmlNode>;
}

function asObject(node: unknown): Record<string, XmlNode> | undefined {
	return node !== null && typeof node === 'object' && !Array.isArray(node)
		? (node as Record<string, XmlNode>)
		: undefined;
}

/** Reads a SOAP 1.1 Fault out of a parsed document, if there is one. */
export function readSoapFault(document: Record<string, XmlNode>): VendorError | undefined {
	const fault = asObject(asObject(asObject(document.Envelope)?.Body)?.Fault);
	if (!fault) return undefined;
	const code = typeof fault.faultcode === 'string' ? fault.faultcode : undefined;
	const text = typeof fault.faultstring === 'string' ? fault.faultstring : 'SOAP Fault without a faultstring';
	const detail = fault.detail !== undefined ? JSON.stringify(fault.detail) : undefined;
	return new VendorError(`SOAP Fault: ${text}`, { code, description: detail });
}

/**
 * The `<Operation>Result` element of a SOAP answer. A Fault, a non-XML body or an answer of
 * another shape become a VendorError naming what was found.
 */
export function readSoapResult(xml: string, operation: string): Record<string, XmlNode> {
	const document = parseSoapDocument(xml);
	const fault = readSoapFault(document);
	if (fault) throw fault;
	const body = asObject(asObject(document.Envelope)?.Body);
	if (!body) throw new VendorError('The answer was XML but not a SOAP envelope');
	const response = asObject(body[`${operation}Response`]);
	const result = response ? response[`${operation}Result`] : undefined;
	if (result === undefined) {
		throw new VendorError(`The answer had no ${operation}Result element`);
	}
	return asObject(result) ?? {};
}
