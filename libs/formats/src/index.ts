export { FORMATS, ParseError } from './types';
export type { FixedWidthField, FixedWidthLayout, FormatId, ParseEvent, ParseOptions, ParsedRecord, ParseWarning } from './types';
export { parseBatches, parseStream } from './parse-stream';
export { toE164 } from './phone';
export { csvCell, readCsv, toCsv, unguardCsvCell, type CsvValue } from './csv-writer';
