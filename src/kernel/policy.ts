import type { Actor, SystemActor, UserActor } from './context.ts';
import { Problem } from './problem.ts';

/**
 * Policies: one explicit pattern for "may this actor do this action to this resource".
 *
 *   can(actor, 'organization.update', { organizationId })   → boolean
 *   authorize(actor, 'organization.update', { organizationId }) → throws 401/403 problem
 *
 * Each module declares its rules in its policy.ts with `definePolicies` and adds them to the
 * `PolicyRegistry` interface, so action names and their resource shapes are checked by the compiler.
 * A rule names the API-token scope it needs; a token without that scope is refused before the
 * rule is asked. The system actor (CLI, start-up jobs) may do everything.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PolicyRegistry {}

export interface Rule<R> {
  /** Carries the resource type for the compiler only; always undefined at run time. */
  readonly resource: R;
  /** Scope an API token must carry, e.g. "directory:write". */
  scope: string;
  /** Anonymous visitors may do it (reads of public data, sign-up). */
  anonymous?: boolean;
  allow(actor: UserActor, resource: R): boolean;
}

export type Action = keyof PolicyRegistry & string;
export type ResourceOf<A extends Action> = PolicyRegistry[A] extends { resource: infer R } ? R : never;

const rules = new Map<string, Rule<unknown>>();

export function rule<R = void>(scope: string, allow: (actor: UserActor, resource: R) => boolean, opts: { anonymous?: boolean } = {}): Rule<R> {
  return { scope, allow, resource: undefined as R, ...opts };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function definePolicies<T extends Record<string, Rule<any>>>(defs: T): T {
  for (const [action, r] of Object.entries(defs)) {
    if (rules.has(action) && rules.get(action) !== r) throw new Error(`policy ${action} is defined twice`);
    rules.set(action, r as Rule<unknown>);
  }
  return defs;
}

/** Every scope some rule asks for; API tokens may only be given these. */
export function knownScopes(): string[] {
  return [...new Set([...rules.values()].map((r) => r.scope))].sort();
}

type Verdict = 'allow' | 'unauthenticated' | 'insufficient-scope' | 'forbidden';

function judge(actor: Actor, action: string, resource: unknown): Verdict {
  const r = rules.get(action);
  if (!r) throw new Error(`no policy is defined for action ${action}`);
  if (actor.kind === 'system') return 'allow';
  if (actor.kind === 'anonymous') return r.anonymous ? 'allow' : 'unauthenticated';
  if (actor.via === 'token' && !actor.scopes?.includes(r.scope)) return 'insufficient-scope';
  return r.allow(actor, resource) ? 'allow' : 'forbidden';
}

export function can<A extends Action>(actor: Actor, action: A, resource: ResourceOf<A>): boolean {
  return judge(actor, action, resource) === 'allow';
}

export function authorize<A extends Action>(actor: Actor, action: A, resource: ResourceOf<A>): void {
  const verdict = judge(actor, action, resource);
  if (verdict === 'allow') return;
  if (verdict === 'insufficient-scope') {
    const scope = rules.get(action)!.scope;
    throw new Problem('insufficient-scope', {
      ko: `이 작업에는 '${scope}' 범위가 필요합니다`,
      en: `This action needs the '${scope}' scope`,
    });
  }
  throw new Problem(verdict);
}

// Helpers the modules' rules are written with.
export const isStaff = (a: UserActor): boolean => a.role === 'staff' || a.role === 'admin';
export const isAdmin = (a: UserActor): boolean => a.role === 'admin';
export const isMemberOf = (a: UserActor, organizationId: string, roles: readonly string[] = ['owner', 'editor']): boolean =>
  a.memberships.some((m) => m.organizationId === organizationId && roles.includes(m.role));

export type { SystemActor };
