import { describeGeneratedCorpus } from './generatedCorpus';

// Every field of every paying operation of the five vendor nodes (see generatedCorpus.ts).
describeGeneratedCorpus('vendorNode');
