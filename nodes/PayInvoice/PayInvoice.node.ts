import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runForEachItem } from '../shared/execute';
import * as pay from './actions/pay.operation';
import { ADAPTERS, adapterFor } from './adapters';
import { toolDescriptionField } from '../shared/toolDescription';
import { payInvoiceToolDescription } from './toolDescription';
import { nodeParameter } from '../shared/itemParameter';

/** The chosen vendor's display name (the canvas shows it under the node), from its key. */
const VENDOR_NAME_EXPRESSION = ADAPTERS.reduceRight(
	(otherwise, adapter) => `$parameter["vendor"] === ${JSON.stringify(adapter.key)} ? ${JSON.stringify(adapter.vendor)} : ${otherwise}`,
	'$parameter["vendor"]',
);

export class PayInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pay Invoice',
		name: 'payInvoice',
		icon: { light: 'file:payInvoice.svg', dark: 'file:payInvoice.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: `={{"Pay an invoice in " + (${VENDOR_NAME_EXPRESSION})}}`,
		// Also the default description of its AI tool variant: it says what an agent must give and gets back.
		description:
			'Pay one invoice in Cloud Commerce Pro, adilas, CRM.COM, EVO Snap* or CNBS WebAR: its full open balance or a given amount, optionally checking the balance first and refusing amounts above a maximum. Returns vendor, status (paid, skipped: already paid, dry run), invoice, amount, currency, paymentId, reference and paidAt.',
		defaults: { name: 'Pay Invoice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: ADAPTERS.map((adapter) => ({
			name: adapter.credentialType,
			required: true,
			displayOptions: { show: { vendor: [adapter.key] } },
		})),
		properties: [
			toolDescriptionField(payInvoiceToolDescription(ADAPTERS)),
			{
				displayName: 'Vendor',
				name: 'vendor',
				type: 'options',
				noDataExpression: true,
				options: ADAPTERS.map((adapter) => ({
					name: adapter.vendor,
					value: adapter.key,
					description: adapter.invoiceReferenceHint,
				})),
				default: 'crmCom',
				description: 'The system that holds the invoice; each vendor uses its own credential',
			},
			...pay.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const adapter = adapterFor(nodeParameter(this, 'vendor', 0) as string);
		const output = await runForEachItem(this, pay, {
			vendor: adapter.vendor,
			operationName: 'Pay Invoice',
			secrets: async () => adapter.secretsOf(await this.getCredentials(adapter.credentialType)),
		});
		return [output];
	}
}
