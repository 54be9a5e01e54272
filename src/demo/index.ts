import type { MultiPolygon, Polygon } from 'geojson';
import type { Database, Db } from '../db/engine.ts';
import { systemContext } from '../kernel/context.ts';
import { MemoryMailer } from '../kernel/mail.ts';
import { createDirectoryService } from '../modules/directory/index.ts';
import { createIdentityService, DEFAULT_IDENTITY_CONFIG } from '../modules/identity/index.ts';
import { DISTRIBUTION, generateOrganizations } from './directory.ts';
import { seedDemoPrograms } from './programs.ts';
import { seedDemoSharing } from './sharing.ts';
import { seedDemoCatalogue } from './catalogue.ts';
import { seedDemoOrders } from './orders.ts';
import { seedDemoProcurement } from './procurement.ts';
import { seedDemoSpaces } from '../modules/spaces/index.ts';

export { removeDemoPrograms, seedDemoPrograms } from './programs.ts';
export { removeDemoSharing, seedDemoSharing } from './sharing.ts';
export { removeDemoCatalogue, seedDemoCatalogue } from './catalogue.ts';
export { removeDemoOrders, seedDemoOrders } from './orders.ts';

export const DEMO_PASSWORD = 'sehub-demo-2013';

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.sehub.kr', displayName: '관리자 (데모)', role: 'admin' },
  { email: 'staff@demo.sehub.kr', displayName: '센터 직원 (데모)', role: 'staff' },
  { email: 'member@demo.sehub.kr', displayName: '협동조합 담당자 (데모)', role: 'member' },
  // 맺음: an officer of 서울특별시 who orders bundles, and a supplier's owner who fills its part.
  { email: 'buyer@demo.sehub.kr', displayName: '구매 담당 공무원 (데모)', role: 'member' },
  { email: 'supplier@demo.sehub.kr', displayName: '맺음 공급처 담당자 (데모)', role: 'member' },
] as const;

/**
 * Generates the 2013-shaped demo directory (1,871 organisations) into the database, with each
 * organisation's dated status history (designations, certifications, cancellations, closures).
 */
export async function seedDemoDirectory(db: Db, opts: { total?: number; seed?: number } = {}): Promise<number> {
  const directory = createDirectoryService(db);
  const ctx = systemContext('demo');
  const boundaries = new Map<string, Polygon | MultiPolygon>();
  for (const row of DISTRIBUTION.rows) {
    if (!row.sigungu_code) continue;
    const b = await directory.boundaryOf(row.sigungu_code);
    if (b) boundaries.set(row.sigungu_code, b);
  }
  const rows = generateOrganizations((code) => boundaries.get(code), opts);
  const n = await directory.seedDemo(ctx, rows);
  return n;
}

/** Removes every organisation marked as demo data. */
export function removeDemoDirectory(db: Db): Promise<number> {
  return createDirectoryService(db).removeDemo(systemContext('demo'));
}

/**
 * Fills an empty database with demo accounts, organisations and the 2013 programme year, through the same services the
 * API uses (so the audit log shows them, as the system). Does nothing when users already exist.
 * Returns the accounts created, or undefined.
 */
export async function seedDemo(database: Database): Promise<{ email: string; role: string; password: string }[] | undefined> {
  const { db } = database;
  const ctx = systemContext('demo');
  const identity = createIdentityService(db, new MemoryMailer(), DEFAULT_IDENTITY_CONFIG);
  const directory = createDirectoryService(db);
  const existing = await identity.listUsers(ctx, { page: 1, pageSize: 1 });
  if (existing.total > 0) return undefined;
  const users = [];
  for (const a of DEMO_ACCOUNTS) {
    users.push(await identity.createUser(ctx, { ...a, locale: 'ko', password: DEMO_PASSWORD }));
  }
  await seedDemoDirectory(db);
  // The demo member manages one demo organisation, to try proposing edits.
  const first = (await directory.list(ctx, { sort: 'name', page: 1, pageSize: 1, type: ['cooperative'] })).items[0]!;
  const member = users.find((u) => u.role === 'member')!;
  await identity.setMember(ctx, first.id, { userId: member.id, role: 'owner' });
  // The 2013 programme year (the report the platform is modelled on), after the directory so that
  // partners can be linked to organisations of the same name.
  await seedDemoPrograms(db);
  // The 2013 resource-sharing survey of four districts, offered by demo organisations there.
  await seedDemoSharing(db);
  // The hub's rooms and their April–December 2013 bookings (798 bookings, 17,691 attendees).
  await seedDemoSpaces(db);
  // Demo procurement (2013 purchase records, catalogue) and 맺음 bundle orders are added here by
  // their modules: they need the whole database handle (records are COPYed in).
  // The 2013 purchase records (~20,000; 580억 from SEOs against 500억, the 10 priority items as printed),
  // first: the catalogue's delivery records and the orders' buyers build on them.
  await seedDemoProcurement(database);
  // The catalogue: offerings of ~565 demo social economy organisations, as the 2013 printed catalogue.
  await seedDemoCatalogue(db);
  // 맺음: 28 bundles and 55 single items from 8 suppliers, 95 orders of 2013.
  await seedDemoOrders(db, users);
  return DEMO_ACCOUNTS.map((a) => ({ email: a.email, role: a.role, password: DEMO_PASSWORD }));
}
