import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig } from '../config.ts';
import { openConfigured } from '../db/configured.ts';
import { migrate, migrationStatus } from '../db/migrate.ts';
import { randomToken } from '../kernel/crypto.ts';
import { systemContext, ROLES } from '../kernel/context.ts';
import { fieldErrorsFromZod, Problem } from '../kernel/problem.ts';
import type { ReportFormat } from '../modules/programs/index.ts';
import { VERSION } from '../version.ts';

// Each command loads what it uses when it runs (the server, a module, the demo data): loading them all
// took about a second before any command could start, `sehub --version` included.

/** The formats `sehub report annual` writes: the programmes module's REPORT_FORMATS, checked below. */
const REPORT_FORMAT_CHOICES = ['html', 'pdf', 'xlsx', 'hwpx'] as const satisfies readonly ReportFormat[];
// A format the programmes module adds and this list lacks is a type error here.
const allFormatsListed: Exclude<ReportFormat, (typeof REPORT_FORMAT_CHOICES)[number]> extends never ? true : never = true;
void allFormatsListed;

const program = new Command('sehub').description('sehub — 사회적경제 지원센터 플랫폼 · social-economy support centre platform').version(VERSION);

program
  .command('serve')
  .description('migrate the database and serve the platform / 데이터베이스를 갱신하고 서비스를 시작합니다')
  .option('--demo', 'load demo accounts and organisations into an empty database')
  .action(async (opts: { demo?: boolean }) => {
    const { startServer } = await import('../main.ts');
    const running = await startServer({ demo: Boolean(opts.demo) });
    console.log(`\n  sehub ${VERSION} — ${running.url}  (${running.database.engine})\n  API docs: ${running.url}/api/docs\n`);
    if (opts.demo) console.log('  demo sign-in: admin@demo.sehub.kr / staff@demo.sehub.kr / member@demo.sehub.kr / buyer@demo.sehub.kr / supplier@demo.sehub.kr, password sehub-demo-2013\n');
    const stop = async (signal: string) => {
      running.app.log.info(`${signal}: shutting down`);
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });

program
  .command('migrate')
  .description('apply pending migrations (all in one transaction) / 대기 중인 마이그레이션을 적용합니다')
  .option('--status', 'only show what is applied and what is pending')
  .action(async (opts: { status?: boolean }) => {
    const database = await openConfigured(loadConfig());
    try {
      if (opts.status) {
        const s = await migrationStatus(database);
        console.log(`applied: ${s.applied.join(', ') || '-'}\npending: ${s.pending.join(', ') || '-'}`);
      } else {
        const applied = await migrate(database);
        console.log(applied.length ? `applied ${applied.map((m) => `${m.version}_${m.name}`).join(', ')}` : 'nothing to apply');
      }
    } finally {
      await database.close();
    }
  });

const user = program.command('user').description('manage accounts / 계정 관리');
user
  .command('create')
  .description('create an account (e.g. the first admin) / 계정을 만듭니다')
  .requiredOption('--email <email>')
  .requiredOption('--name <displayName>')
  .addOption(new Option('--role <role>').choices([...ROLES]).default('member'))
  .addOption(new Option('--locale <locale>').choices(['ko', 'en']).default('ko'))
  .option('--password <password>', 'at least 10 characters; a random one is made and printed when left out (or set SEHUB_PASSWORD)')
  .action(async (opts: { email: string; name: string; role: string; locale: string; password?: string }) => {
    const { createIdentityService, createUserBody, DEFAULT_IDENTITY_CONFIG } = await import('../modules/identity/index.ts');
    const { MemoryMailer } = await import('../kernel/mail.ts');
    const generated = !opts.password && !process.env.SEHUB_PASSWORD;
    const password = opts.password ?? process.env.SEHUB_PASSWORD ?? randomToken(12);
    const parsed = createUserBody.safeParse({ email: opts.email, displayName: opts.name, role: opts.role, locale: opts.locale, password });
    if (!parsed.success) {
      for (const e of fieldErrorsFromZod(parsed.error.issues)) console.error(`${e.path}: ${e.messages.ko} / ${e.messages.en}`);
      process.exitCode = 2;
      return;
    }
    const database = await openConfigured(loadConfig());
    try {
      await migrate(database);
      const identity = createIdentityService(database.db, new MemoryMailer(), DEFAULT_IDENTITY_CONFIG);
      const created = await identity.createUser(systemContext('cli'), parsed.data);
      console.log(`created ${created.role} ${created.email} (${created.id})`);
      if (generated) console.log(`password: ${password}`);
    } finally {
      await database.close();
    }
  });

program
  .command('import')
  .description('import data from a file / 파일에서 데이터를 가져옵니다')
  .command('organizations <file>')
  .description('organisations from CSV or XLSX: all rows or none / 단체 일괄 등록 (전부 아니면 전무)')
  .option('--dry-run', 'only report rows, likely duplicates and errors')
  .option('--mapping <file>', 'JSON file {"column header": "field"} for other layouts')
  .action(async (file: string, opts: { dryRun?: boolean; mapping?: string }) => {
    const { createDirectoryService } = await import('../modules/directory/index.ts');
    const format = file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
    const mapping = opts.mapping ? (JSON.parse(readFileSync(opts.mapping, 'utf8')) as Record<string, string>) : undefined;
    const database = await openConfigured(loadConfig());
    try {
      await migrate(database);
      const report = await createDirectoryService(database.db).importOrganizations(systemContext('cli'), { data: readFileSync(file), format, mapping, dryRun: Boolean(opts.dryRun), source: basename(file) });
      for (const d of report.duplicates) console.log(`row ${d.row}: ${d.name} — likely duplicate (${d.reason}${d.sameAsRow ? `, same as row ${d.sameAsRow}` : ''}); skipped`);
      for (const e of report.errors) console.error(`${e.path}: ${e.messages.ko} / ${e.messages.en}`);
      console.log(`${report.rows} rows; ${report.dryRun ? 'would create' : 'created'} ${report.created}; ${report.duplicates.length} likely duplicates; ${report.errors.length} errors`);
      if (report.errors.length) process.exitCode = 2;
    } finally {
      await database.close();
    }
  });

const demo = program.command('demo').description('demo data / 데모 데이터');
demo
  .command('seed')
  .description('add the generated 2013-shaped demo directory / 2013년 분포를 따른 데모 단체를 넣습니다')
  .option('--total <n>', 'how many organisations (default: 1,871 as in 2013)', (v) => Number.parseInt(v, 10))
  .action(async (opts: { total?: number }) => {
    const { seedDemoDirectory } = await import('../demo/index.ts');
    const database = await openConfigured(loadConfig());
    try {
      await migrate(database);
      const n = await seedDemoDirectory(database.db, opts.total ? { total: opts.total } : {});
      console.log(`added ${n} demo organisations`);
    } finally {
      await database.close();
    }
  });
demo
  .command('remove')
  .description('remove every organisation and programme year marked as demo data / 데모 단체와 데모 사업 연도를 모두 지웁니다')
  .action(async () => {
    const { removeDemoDirectory, removeDemoOrders, removeDemoPrograms, removeDemoSharing } = await import('../demo/index.ts');
    const { createSpacesService } = await import('../modules/spaces/index.ts');
    const database = await openConfigured(loadConfig());
    try {
      await migrate(database);
      const years = await removeDemoPrograms(database.db);
      const resources = await removeDemoSharing(database.db);
      console.log(`removed ${resources} demo shared resources`);
      const spaces = await createSpacesService({ db: database.db }).removeDemo(systemContext('demo'));
      console.log(`removed ${spaces.bookings} demo room bookings and ${spaces.rooms} demo rooms`);
      const orders = await removeDemoOrders(database.db);
      console.log(`removed ${orders.orders} demo 맺음 orders and ${orders.bundles} demo bundles`);
      console.log(`removed ${await removeDemoDirectory(database.db)} demo organisations and ${years} demo programme year${years === 1 ? '' : 's'}`);
    } finally {
      await database.close();
    }
  });

program
  .command('report')
  .description('write reports / 보고서를 만듭니다')
  .command('annual')
  .description("a year's annual performance report as HTML, PDF, XLSX or HWPX / 연간 성과보고서")
  .requiredOption('--year <year>', 'the programme year, e.g. 2013', (v) => Number.parseInt(v, 10))
  .addOption(new Option('--format <format>', 'html | pdf | xlsx | hwpx').choices([...REPORT_FORMAT_CHOICES]).default('pdf'))
  .requiredOption('--out <file>', 'where to write the report')
  .action(async (opts: { year: number; format: ReportFormat; out: string }) => {
    if (!Number.isInteger(opts.year) || opts.year < 1900 || opts.year > 9999) {
      console.error('--year: 연도를 숫자로 적어 주세요 (예: 2013) / give the year as a number, e.g. 2013');
      process.exitCode = 2;
      return;
    }
    const { createProgramsService, renderReport } = await import('../modules/programs/index.ts');
    const { insightsReportChapter } = await import('../modules/insights/index.ts');
    const database = await openConfigured(loadConfig());
    try {
      await migrate(database);
      // staff work from the command line as the system actor, as for imports
      const programs = createProgramsService(database.db, { chapters: [insightsReportChapter(database.db)] });
      const report = await programs.buildAnnualReport(systemContext('cli'), opts.year);
      const data = await renderReport(report, opts.format);
      writeFileSync(opts.out, data);
      console.log(`wrote ${opts.out} (${opts.format}, ${(data.length / 1024).toFixed(0)} KiB): ${report.title}, ${report.programs.length} programmes`);
    } finally {
      await database.close();
    }
  });

program
  .command('backup <file>')
  .description('write a backup: the embedded database as a tar file, or pg_dump -Ft on PostgreSQL / 백업 파일을 씁니다')
  .action(async (file: string) => {
    const { backup } = await import('../db/backup.ts');
    const { bytes } = await backup(loadConfig(), file);
    console.log(`backup written to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MiB)`);
  });

program
  .command('restore <file>')
  .description('restore a backup into an empty data folder (or the PostgreSQL database) / 백업을 복원합니다')
  .option('--force', 'set the current embedded database aside and restore over it')
  .action(async (file: string, opts: { force?: boolean }) => {
    const { restore } = await import('../db/backup.ts');
    await restore(loadConfig(), file, { force: Boolean(opts.force) });
    console.log(`restored ${file}`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof Problem) {
    console.error(`${error.title.ko} / ${error.title.en}`);
    for (const e of error.errors) console.error(`  ${e.path}: ${e.messages.ko} / ${e.messages.en}`);
    if (error.detail) console.error(`  ${error.detail.ko} / ${error.detail.en}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  // 2: the input was refused (nothing changed); 1: anything else went wrong.
  process.exit(error instanceof Problem && error.status === 400 ? 2 : 1);
});
