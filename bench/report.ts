/**
 * bench/report: the demo directory (1,871 organisations) and the 2013 demo year (the seed's 28
 * programmes with their KPIs, budget lines, schedules and notes) loaded into a fresh database, its annual-report model built, and the report
 * rendered — with the statistics chapter — in every format — HTML, PDF, XLSX, HWPX — one after the other, as `sehub report annual`
 * would. Prints the time per format and the total, and PASS when the total (model + four formats)
 * is under 5 s. Each format is rendered once to warm up (font parsing, module loading), then
 * timed as the median of 3 runs. On PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import type { Database } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemoDirectory, seedDemoPrograms } from '../src/demo/index.ts';
import { systemContext } from '../src/kernel/context.ts';
import { insightsReportChapter } from '../src/modules/insights/index.ts';
import { createProgramsService, REPORT_FORMATS, renderReport } from '../src/modules/programs/index.ts';
import { onEachEngine } from './lib.ts';

const LIMIT_MS = 5000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let failed = false;

async function run(label: string, database: Database) {
  await migrate(database);
  let t0 = performance.now();
  await seedDemoDirectory(database.db);
  await seedDemoPrograms(database.db);
  console.log(`${label}: loaded the demo directory and the 2013 demo year in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  // the full report: the programmes and the statistics chapter, as the app builds it
  const programs = createProgramsService(database.db, { chapters: [insightsReportChapter(database.db)] });
  const ctx = systemContext('bench');

  const modelRuns: number[] = [];
  let report = await programs.buildAnnualReport(ctx, 2013);
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    report = await programs.buildAnnualReport(ctx, 2013);
    modelRuns.push(performance.now() - t0);
  }
  const model = median(modelRuns);
  console.log(`${label}: report model (${report.programs.length} programmes, ${report.overview.length} overview rows)`.padEnd(64) + `${model.toFixed(0).padStart(6)} ms`);

  let total = model;
  for (const format of REPORT_FORMATS) {
    const first = await renderReport(report, format);
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      t0 = performance.now();
      await renderReport(report, format);
      runs.push(performance.now() - t0);
    }
    const m = median(runs);
    total += m;
    console.log(`${label}: ${format.padEnd(4)} (${(first.length / 1024).toFixed(0)} KiB)`.padEnd(64) + `${m.toFixed(0).padStart(6)} ms`);
  }
  const pass = total < LIMIT_MS;
  if (!pass) failed = true;
  console.log(`${label}: model + every format`.padEnd(64) + `${total.toFixed(0).padStart(6)} ms   ${pass ? 'PASS' : 'FAIL'} (< ${LIMIT_MS / 1000} s)`);
}

console.log(`sehub report benchmark — the 2013 annual report in ${REPORT_FORMATS.join(', ')} (median of ${RUNS})\n`);
await onEachEngine('report', run);
if (failed) process.exitCode = 1;
