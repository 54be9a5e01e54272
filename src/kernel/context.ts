import type { Db } from '../db/engine.ts';
import type { Locale } from './i18n.ts';

export type Role = 'admin' | 'staff' | 'member';
export const ROLES: readonly Role[] = ['admin', 'staff', 'member'];

export type MembershipRole = 'owner' | 'editor';
export const MEMBERSHIP_ROLES: readonly MembershipRole[] = ['owner', 'editor'];

export interface Membership {
  organizationId: string;
  role: MembershipRole;
}

export interface UserActor {
  kind: 'user';
  userId: string;
  role: Role;
  memberships: Membership[];
  /** How the request proved who it is. Tokens act within their scopes only. */
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  scopes?: readonly string[];
}

export interface AnonymousActor {
  kind: 'anonymous';
}

/** The CLI and start-up jobs act as the system; audit rows show no user for them. */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export type Actor = UserActor | AnonymousActor | SystemActor;

export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };

/** What a service needs to know about the request that calls it; no HTTP in here. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  ip?: string;
  userAgent?: string;
  locale: Locale;
}

export function systemContext(name: string): RequestContext {
  return { actor: { kind: 'system', name }, requestId: `system-${name}-${Date.now()}`, locale: 'ko' };
}

/** Everything a module's service is built from. */
export interface ServiceDeps {
  db: Db;
}
