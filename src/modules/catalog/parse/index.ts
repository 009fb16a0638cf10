/** Parsers for the national procedure catalog (scraped TTHC records and list exports). */
export * from './channels.js';
export * from './components.js';
export * from './coverage.js';
export * from './csv.js';
export * from './fees.js';
export * from './legal-bases.js';
export * from './processing-time.js';
export * from './record.js';
export * from './result-documents.js';
export type { FieldProblem, ParseResult } from './result-types.js';
export * from './search-text.js';
