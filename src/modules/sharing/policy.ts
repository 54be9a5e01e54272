import { definePolicies, isMemberOf, isStaff, rule } from '../../kernel/policy.ts';

/**
 * Anyone reads available resources. The owning organisation's owners and editors manage its
 * resources and answer requests for them; staff may too (they run the network). A request is made
 * for an organisation the caller belongs to, and only its members act on the requester's side
 * (accept a proposal, cancel, review). Staff read every request.
 */
export const policies = definePolicies({
  'sharing.resource.read': rule('sharing:read', () => true, { anonymous: true }),
  /** Paused and gone resources, visible to their organisation's managers and staff. */
  'sharing.resource.read-hidden': rule<{ organizationId: string }>('sharing:read', (a, r) => isStaff(a) || isMemberOf(a, r.organizationId)),
  'sharing.resource.manage': rule<{ organizationId: string }>('sharing:write', (a, r) => isStaff(a) || isMemberOf(a, r.organizationId)),
  'sharing.request.list': rule('sharing:read', () => true),
  'sharing.request.read': rule<{ ownerOrganizationId: string; requesterOrganizationId: string }>(
    'sharing:read',
    (a, r) => isStaff(a) || isMemberOf(a, r.ownerOrganizationId) || isMemberOf(a, r.requesterOrganizationId),
  ),
  'sharing.request.create': rule<{ requesterOrganizationId: string }>('sharing:write', (a, r) => isMemberOf(a, r.requesterOrganizationId)),
  /** Accept, decline, propose dates, record hand-over and return, review as the owner. */
  'sharing.request.answer': rule<{ ownerOrganizationId: string }>('sharing:write', (a, r) => isStaff(a) || isMemberOf(a, r.ownerOrganizationId)),
  /** Accept or decline a proposal, cancel, review as the requester. */
  'sharing.request.act-as-requester': rule<{ requesterOrganizationId: string }>('sharing:write', (a, r) => isMemberOf(a, r.requesterOrganizationId)),
  'sharing.linkages.read': rule('sharing:read', () => true, { anonymous: true }),
});

type SharingPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends SharingPolicies {}
}
