export { FORMATS, ParseError } from './types';
export type {
  FixedWidthField,
  FixedWidthLayout,
  FormatId,
  ParseEvent,
  ParseOptions,
  ParsedRecord,
  ParseWarning,
  ResumeFrom,
} from './types';
export {
  LIMITS,
  LimitError,
  MAX_CELL_LENGTH,
  MAX_COLUMNS,
  MAX_DEPTH,
  MAX_HEADER_LENGTH,
  MAX_LIST_ITEMS,
  MAX_NAME_LENGTH,
  MAX_RECORD_BYTES,
  MAX_SIE_ACCOUNTS,
  MAX_XML_DEPTH,
  RECORD_LIMIT_CODES,
  type LimitName,
} from './limits';
export { parseBatches, parseStream } from './parse-stream';
export { toE164 } from './phone';
export { csvCell, readCsv, toCsv, unguardCsvCell, type CsvValue } from './csv-writer';
export * from './rows';
