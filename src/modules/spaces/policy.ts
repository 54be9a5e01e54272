import { MEMBERSHIP_ROLES } from '../../kernel/context.ts';
import { definePolicies, isMemberOf, isStaff, rule } from '../../kernel/policy.ts';

/**
 * Anyone reads rooms and their public calendars. Signed-in members and (for rooms open to the
 * public) anonymous visitors ask for bookings; a member books for an organisation only if they
 * belong to it. A booking is seen and cancelled by the user who asked for it, by members of the
 * organisation it is for, and by staff. Staff decide, record attendance, manage rooms and read
 * the usage statistics.
 */
interface BookingResource {
  requesterUserId: string | null;
  organizationId: string | null;
}
const ownsBooking = (a: { userId: string; memberships: { organizationId: string; role: string }[] }, b: BookingResource) =>
  b.requesterUserId === a.userId || (b.organizationId !== null && a.memberships.some((m) => m.organizationId === b.organizationId));

export const policies = definePolicies({
  'space.room.read': rule('spaces:read', () => true, { anonymous: true }),
  'space.room.manage': rule('spaces:write', isStaff),
  'space.booking.request': rule<{ organizationId: string | null }>(
    'spaces:write',
    (a, r) => r.organizationId === null || isStaff(a) || isMemberOf(a, r.organizationId, MEMBERSHIP_ROLES),
    { anonymous: true },
  ),
  'space.booking.read': rule<BookingResource>('spaces:read', (a, b) => isStaff(a) || ownsBooking(a, b)),
  'space.booking.cancel': rule<BookingResource>('spaces:write', (a, b) => isStaff(a) || ownsBooking(a, b)),
  'space.booking.mine': rule('spaces:read', () => true),
  'space.booking.list': rule('spaces:read', isStaff),
  'space.booking.decide': rule('spaces:write', isStaff),
  'space.booking.attendance': rule('spaces:write', isStaff),
  'space.usage.read': rule('spaces:read', isStaff),
});

type SpacePolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends SpacePolicies {}
}
