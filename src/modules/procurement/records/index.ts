// Purchase records: bulk import (streamed into COPY), supplier matching, undo and re-match, the
// aggregates the dashboards read, institutions and officers, targets. Used by analytics, catalogue,
// the demo and the bench.
export { createRecordsService, type RecordsService, type RecordsDeps } from './service.ts';
export { importRecords, readAmount, readDate, RECORD_FIELDS, type ImportInput, type ImportSummary, type ImportError, type UnmatchedSupplier } from './importer.ts';
export { recomputeAggregates, upsertAggregates, type AggregateDelta, type AggregateColumns } from './aggregates.ts';
export { recordsScope, officerInstitutionIds, type RecordsScope } from '../access.ts';
export { supplierNameKey, guessInstitutionKind, institutionNameKey } from './names.ts';
export { loadDirectory, type DirectoryMatcher, type SupplierMatch } from './matching.ts';
export { METHODS, CONTRACT_TYPES, SEO_TYPES, type Method, type ContractType } from './taxonomy.ts';
export {
  generateRecordsChunks,
  generateRecordsCsv,
  generatedInstitutions,
  writeRecordsCsv,
  GENERATED_HEADER,
  type GenerateOptions,
  type GeneratedRow,
  type SeoSupplier,
} from '../generate.ts';
