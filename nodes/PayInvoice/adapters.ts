import type { PayInvoiceAdapter } from '../shared/adapter';
import { InvalidInputError } from '../shared/errors';
import { adilasPayInvoiceAdapter } from '../Adilas/payInvoice';
import { cloudCommerceProPayInvoiceAdapter } from '../CloudCommercePro/payInvoice';
import { cnbsWebArPayInvoiceAdapter } from '../CnbsWebAr/payInvoice';
import { crmComPayInvoiceAdapter } from '../CrmCom/payInvoice';
import { evoSnapPayInvoiceAdapter } from '../EvoSnap/payInvoice';

/** The vendors of the Pay Invoice node, in the order of its Vendor list. */
export const ADAPTERS: PayInvoiceAdapter[] = [
	adilasPayInvoiceAdapter,
	cloudCommerceProPayInvoiceAdapter,
	cnbsWebArPayInvoiceAdapter,
	crmComPayInvoiceAdapter,
	evoSnapPayInvoiceAdapter,
];

export function adapterFor(key: string): PayInvoiceAdapter {
	const adapter = ADAPTERS.find((entry) => entry.key === key);
	if (!adapter) {
		throw new InvalidInputError('vendor', `Unknown vendor "${key}": use one of ${ADAPTERS.map((entry) => entry.key).join(', ')}`);
	}
	return adapter;
}
