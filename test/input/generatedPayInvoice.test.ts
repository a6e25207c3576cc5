import { describeGeneratedCorpus } from './generatedCorpus';

// Every field of Pay Invoice, for each vendor (see generatedCorpus.ts).
describeGeneratedCorpus('payInvoice');
