import { kinds } from '../../shared/fieldKinds';

export const HINT_NO_BALANCE =
	'adilas cannot read an invoice\'s balance or its payments through the API: this node cannot pay "in full", check whether an invoice is already paid, or refuse an overpayment. Each run adds the payment again.';

/** adilas's numeric IDs: at most 10 digits (ColdFusion integers are 32-bit), sent as JSON numbers. */
export const ADILAS_ID = kinds.digits(10);
