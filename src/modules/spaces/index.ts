// Public surface of the spaces module: the hub's rooms, their bookings (never two at once, held by
// the database), iCalendar feeds, usage statistics, and the 2013 demo bookings.
export { createSpacesService, type SpacesService, type SpacesPeople } from './service.ts';
export { spacesRoutes, type SpacesRouteOptions } from './routes.ts';
export type { Room, Booking, UsageReport, RoomInput } from './schema.ts';
export { seedDemoSpaces, DEMO_ROOMS, DEMO_2013 } from './demo.ts';
