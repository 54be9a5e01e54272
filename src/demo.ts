import type { Db } from './db/engine.ts';
import { systemContext } from './kernel/context.ts';
import { MemoryMailer } from './kernel/mail.ts';
import { createDirectoryService } from './modules/directory/index.ts';
import { createIdentityService, DEFAULT_IDENTITY_CONFIG } from './modules/identity/index.ts';

export const DEMO_PASSWORD = 'sehub-demo-2013';

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.sehub.kr', displayName: '관리자 (데모)', role: 'admin' },
  { email: 'staff@demo.sehub.kr', displayName: '센터 직원 (데모)', role: 'staff' },
  { email: 'member@demo.sehub.kr', displayName: '협동조합 담당자 (데모)', role: 'member' },
] as const;

/**
 * Fills an empty database with demo accounts and organisations, through the same services the
 * API uses (so the audit log shows them, as the system). Does nothing when users already exist.
 * Returns the accounts created, or undefined.
 */
export async function seedDemo(db: Db): Promise<{ email: string; role: string; password: string }[] | undefined> {
  const ctx = systemContext('demo');
  const identity = createIdentityService(db, new MemoryMailer(), DEFAULT_IDENTITY_CONFIG);
  const directory = createDirectoryService(db);
  const existing = await identity.listUsers(ctx, { page: 1, pageSize: 1 });
  if (existing.total > 0) return undefined;
  const users = [];
  for (const a of DEMO_ACCOUNTS) {
    users.push(await identity.createUser(ctx, { ...a, locale: 'ko', password: DEMO_PASSWORD }));
  }
  const orgs = [
    { name: '서울돌봄사회적협동조합 (예시)', nameEn: 'Seoul Care Social Cooperative (example)' },
    { name: '성수마을기업 공방 (예시)', nameEn: 'Seongsu Village Enterprise Workshop (example)' },
    { name: '은평자활기업 청소 (예시)', nameEn: 'Eunpyeong Self-sufficiency Cleaning (example)' },
  ];
  const created = [];
  for (const o of orgs) created.push(await directory.create(ctx, o));
  const member = users.find((u) => u.role === 'member')!;
  await identity.setMember(ctx, created[0]!.id, { userId: member.id, role: 'owner' });
  return DEMO_ACCOUNTS.map((a) => ({ email: a.email, role: a.role, password: DEMO_PASSWORD }));
}
