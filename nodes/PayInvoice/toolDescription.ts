import type { PayInvoiceAdapter } from '../shared/adapter';
import { FROM_AI, literal, rawParameter } from '../shared/toolDescription';

const AMOUNT_FORMAT = 'a decimal string with at most 2 decimals and no currency sign or thousands separator, e.g. 250.00';

/**
 * The invoice reference as a model must write it, per vendor (the fields' hints speak of the
 * editor's other fields instead); the adapter's hint for a vendor not listed.
 */
const REFERENCE_FOR_MODEL: Record<string, string> = {
	cloudCommercePro: 'the Cloud Commerce Pro order ID, a whole number such as 5001 (or the invoice ID, if the tool is set to take invoice IDs).',
	crmCom: 'the CRM.COM invoice number, such as INV001 (or its ID, reference number or back office code, if the tool is set to take those).',
	evoSnap: 'the EVO Snap* invoice reference id (InvoiceReferenceId), 32 hexadecimal characters such as 6177CCEE97C84FF7B1CFF11EAA347DBE.',
	cnbsWebAr: 'the CNBS WebAR finance document number (document_number_finance), 10 digits such as 1400000229; the payer and company code come from the tool\'s settings.',
	adilas: 'the adilas main invoice number (INVOICE_NUMBER), a whole number such as 78.',
};

/** What the tool does with this vendor in this amount mode, and what it needs. */
function vendorText(adapter: PayInvoiceAdapter, amountMode: 'full' | 'amount'): string {
	const { vendor, capabilities } = adapter;
	const reference = REFERENCE_FOR_MODEL[adapter.key] ?? adapter.invoiceReferenceHint.replace(/\.?$/, '.');
	const intro = `Pays one invoice in ${vendor}. It needs the invoice reference: ${reference}`;
	if (amountMode === 'amount') {
		return capabilities.givenAmount
			? `${intro} It also needs the amount to pay, ${AMOUNT_FORMAT}; exactly that amount is paid.`
			: `${intro} This tool is set to pay a given amount, which ${vendor} cannot do (it always pays the whole open balance): every call fails and nothing is paid.`;
	}
	return capabilities.fullBalance
		? `${intro} It pays the invoice's whole open balance: no amount is taken.`
		: `${intro} This tool is set to pay the full open balance, which ${vendor} cannot read: every call fails and nothing is paid.`;
}

const options = '($parameter.options || {})';
/** A configured option value as text (an expression in it is not shown raw). */
const optionValue = (name: string) => `(String(${options}.${name}).startsWith("=") ? "the configured amount" : ${options}.${name})`;

/**
 * The Pay Invoice tool's description: an n8n expression over the node's own parameters (vendor,
 * amount mode, Maximum Amount, Check Balance First, Dry Run), so that three Pay Invoice tools set
 * up differently are described differently to the model.
 */
export function payInvoiceToolDescription(adapters: PayInvoiceAdapter[]): string {
	const byConfiguration = adapters.reduceRight(
		(otherwise, adapter) =>
			`$parameter.vendor === ${literal(adapter.key)} ? ($parameter.amountMode === "amount" ? ${literal(vendorText(adapter, 'amount'))} : ${literal(vendorText(adapter, 'full'))}) : ${otherwise}`,
		literal('Pays one invoice.'),
	);
	const parts = [
		`(${byConfiguration})`,
		`(${options}.maximumAmount ? ${literal(' A payment above ')} + ${optionValue('maximumAmount')} + ${literal(' is refused before anything is sent: nothing is paid, and asking again with the same amount is refused again.')} : "")`,
		`(${options}.checkBalanceFirst ? ${literal(' The open balance is read first: an invoice with nothing open is reported "skipped: already paid" and not paid again, and an amount above what is open is refused.')} : "")`,
		`(${rawParameter('invoiceReference')}.includes(${FROM_AI}) ? "" : ${literal(' The invoice reference is not filled by the model but set in the tool\'s settings: the invoice is not the model\'s choice.')})`,
		`($parameter.amountMode !== "amount" || ${rawParameter('amount')}.includes(${FROM_AI}) ? "" : ${literal(' The amount is not filled by the model but set in the tool\'s settings: the amount is not the model\'s choice.')})`,
		`(${options}.dryRun ? ${literal(' DRY RUN: nothing is paid; the answer shows the request that would be sent.')} : "")`,
		literal(
			' A missing or malformed value (an empty invoice reference, an amount such as "12,50" or "-5") fails the call with an error naming the field, before anything is sent. It answers with vendor, status ("paid", "skipped: already paid" or "dry run"), invoice, amount, currency, paymentId, reference and paidAt; a refused call answers with an error saying why. Never repeat a paid or refused call.',
		),
	];
	return `={{ ${parts.join(' + ')} }}`;
}
