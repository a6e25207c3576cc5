import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { VendorError } from '../../../shared/errors';
import { credentialsOnce } from '../../../shared/runState';
import { ItemWithBinary } from '../../../shared/execute';
import { optionsCollection, timeoutOption } from '../../../shared/fields';
import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { CREDENTIAL_TYPE, parseCnbsBody, readCnbsAnswer, sendCnbs } from '../../transport';
import { readOptions } from '../../helpers/utils';
import { documentFields } from '../common.descriptions';
import { documentQuery } from '../../helpers/invoice';

const show = { resource: ['invoice'], operation: ['downloadPdf'] };

export const description: INodeProperties[] = [
	...documentFields(show),
	withKind(kinds.identifier(100, { expected: 'the name of a binary field, such as data' }), {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the PDF in',
		displayOptions: { show },
	}),
	optionsCollection(show, [timeoutOption]),
];

/** The file name of a Content-Disposition header (filename*= first, then filename=). */
export function fileNameFromDisposition(header: unknown): string | undefined {
	const text = Array.isArray(header) ? String(header[0] ?? '') : String(header ?? '');
	const extended = /filename\*\s*=\s*(?:[\w-]+'[^']*')?([^;]+)/i.exec(text);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
		} catch {
			// fall through to the plain form
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(text);
	const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
	return name || undefined;
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	return Buffer.from(JSON.stringify(body ?? ''));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemWithBinary> {
	const fields = readFields(this, itemIndex, description);
	const query = documentQuery(fields);
	const binaryPropertyName = fields.binaryPropertyName as string;
	const { timeout } = readOptions(this, itemIndex);
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const response = await sendCnbs(this, credentials, {
		method: 'GET',
		path: 'invoices/id/format/pdf',
		qs: query,
		timeout,
		expect: 'pdf',
	});
	const headers = response.headers ?? {};
	const contentType = String(headers['content-type'] ?? '').toLowerCase();
	const data = toBuffer(response.body);
	if (contentType.includes('json') || !data.subarray(0, 5).toString('latin1').startsWith('%PDF')) {
		// CNBS answers a refusal with its JSON status instead of a file.
		const answer = parseCnbsBody(data.toString('utf8'));
		if (answer) readCnbsAnswer(answer, 'GET');
		throw new VendorError(
			`CNBS did not return a PDF for billing document ${String(query.billing_document_number)} (content type ${contentType || 'none'})`,
		);
	}
	const fileName = fileNameFromDisposition(headers['content-disposition']) ?? `${String(query.billing_document_number)}.pdf`;
	const binary = await this.helpers.prepareBinaryData(data, fileName, 'application/pdf');
	const json: IDataObject = { ...query, fileName, fileSize: data.length };
	return new ItemWithBinary(json, { [binaryPropertyName]: binary });
}
