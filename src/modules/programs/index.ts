// Public surface of the programs module: programmes, their KPIs, budgets, schedules and partners,
// the year rollups, and the annual performance report as data (model.ts) for the report writers.
export { createProgramsService, type ProgramsService, type ProgramsOptions, type ReportChapterProvider, type ImportReport, type ProgramDetail, type YearDetail } from './service.ts';
export { programsRoutes } from './routes.ts';
export { YEAR_DOCUMENT_FORMAT, type ProgramInput, type YearDocument } from './schema.ts';
export type * from './model.ts';
export { REPORT_FORMATS, REPORT_MEDIA_TYPES } from './model.ts';
export { renderReport, reportFileName, reportMediaType } from './report/index.ts';
