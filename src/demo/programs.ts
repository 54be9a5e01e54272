import { readFileSync } from 'node:fs';
import type { Db } from '../db/engine.ts';
import { systemContext } from '../kernel/context.ts';
import { normalizeForSearch } from '../kernel/hangul.ts';
import { createDirectoryService } from '../modules/directory/index.ts';
import { createProgramsService, type ImportReport, type YearDocument } from '../modules/programs/index.ts';

/**
 * The demo programme year: the 2013 report's programmes, KPIs, budgets, schedules and partners
 * (서울특별시 사회적경제지원센터 2013 성과보고서, as extracted in data/seed2013 and converted by
 * scripts/convert-programs-2013.mjs into one YearDocument). Read from the repository, never from the seed.
 */
export function demoProgramYear(): YearDocument {
  return JSON.parse(readFileSync(new URL('./programs-2013.json', import.meta.url), 'utf8')) as YearDocument;
}

/**
 * Partners are linked to a directory organisation with the same name (spacing and case aside),
 * when one exists; the generated demo directory rarely has one, which is fine.
 */
async function linkPartners(db: Db, doc: YearDocument): Promise<YearDocument> {
  const directory = createDirectoryService(db);
  const ctx = systemContext('demo');
  const found = new Map<string, string | null>();
  for (const name of new Set(doc.programs.flatMap((p) => p.partners.map((x) => x.name)))) {
    const key = normalizeForSearch(name);
    const hits = await directory.list(ctx, { q: name, sort: 'relevance', page: 1, pageSize: 5 });
    found.set(name, hits.items.find((o) => normalizeForSearch(o.name) === key)?.id ?? null);
  }
  return {
    ...doc,
    programs: doc.programs.map((p) => ({ ...p, partners: p.partners.map((x) => ({ ...x, organizationId: x.organizationId ?? found.get(x.name) ?? null })) })),
  };
}

/** Loads the 2013 demo year through the programs service (audited as the system), marked as demo. */
export async function seedDemoPrograms(db: Db): Promise<ImportReport> {
  const doc = await linkPartners(db, demoProgramYear());
  return createProgramsService(db).importYear(systemContext('demo'), doc, { dryRun: false, demo: true });
}

/** Removes every programme year marked as demo data. */
export function removeDemoPrograms(db: Db): Promise<number> {
  return createProgramsService(db).removeDemoYears(systemContext('demo'));
}
