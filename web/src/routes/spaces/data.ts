import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api.ts';

/** The spaces API's shapes (schemas SpaceRoom, SpaceBooking, SpaceCalendarEntry, SpaceUsage). */
export interface Room {
  id: string;
  name: string;
  nameEn: string | null;
  description: string;
  capacity: number;
  equipment: string[];
  floor: string | null;
  openingHours: Record<string, [string, string]>;
  rules: string;
  bookableBy: 'members' | 'public';
  /** Photos uploaded to sehub for the centre, each with its description. */
  photos: { url: string; alt: string }[];
  active: boolean;
  sort: number;
  isDemo: boolean;
}
/** What staff send to add or replace a room (the API's roomInput). */
export type RoomBody = Omit<Room, 'id' | 'isDemo'>;
export type BookingStatus = 'requested' | 'approved' | 'rejected' | 'cancelled' | 'completed';
export interface Booking {
  id: string;
  roomId: string;
  roomName: string;
  date: string;
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  status: BookingStatus;
  purpose: string;
  expectedAttendees: number;
  actualAttendees: number | null;
  contactName: string;
  contactEmail: string;
  organizationId: string | null;
  decisionReason: string | null;
}
export interface CalendarEntry {
  id: string;
  date: string;
  start: string;
  end: string;
  status: 'requested' | 'approved' | 'completed';
  title: string | null;
}
export interface UsageRow {
  roomId: string;
  roomName: string;
  month: number;
  bookings: number;
  attendees: number;
  bookedHours: number;
  openHours: number;
  occupancy: number | null;
}
export interface Usage {
  year: number;
  rows: UsageRow[];
  byRoom: (Omit<UsageRow, 'month'> & { roomId: string })[];
  total: Omit<UsageRow, 'month' | 'roomId' | 'roomName'>;
  definitions: { ko: string; en: string };
}
export interface BookingBody {
  date: string;
  start: string;
  end: string;
  purpose: string;
  purposePublic: boolean;
  expectedAttendees: number;
  organizationId?: string | null;
  repeatWeeklyUntil?: string | null;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
}

export const keys = {
  rooms: ['spaces', 'rooms'] as const,
  allRooms: ['spaces', 'rooms', 'all'] as const,
  room: (id: string) => ['spaces', 'room', id] as const,
  calendar: (id: string, from: string, to: string) => ['spaces', 'calendar', id, from, to] as const,
  mine: ['spaces', 'mine'] as const,
  bookings: (status: string) => ['spaces', 'bookings', status] as const,
  usage: (year: number) => ['spaces', 'usage', year] as const,
};

export const useRooms = () => useQuery({ queryKey: keys.rooms, queryFn: async () => (await api<{ items: Room[] }>('/api/v1/spaces/rooms')).items });
/** Every room, the inactive ones too (staff). */
export const useAllRooms = () => useQuery({ queryKey: keys.allRooms, queryFn: async () => (await api<{ items: Room[] }>('/api/v1/spaces/rooms?all=true')).items });
export const useRoom = (id: string) => useQuery({ queryKey: keys.room(id), queryFn: () => api<Room>(`/api/v1/spaces/rooms/${encodeURIComponent(id)}`), retry: false });
export const useCalendar = (id: string, from: string, to: string) =>
  useQuery({ queryKey: keys.calendar(id, from, to), queryFn: async () => (await api<{ items: CalendarEntry[] }>(`/api/v1/spaces/rooms/${encodeURIComponent(id)}/calendar${qs({ from, to })}`)).items });
export const useMyBookings = (enabled: boolean) =>
  useQuery({ queryKey: keys.mine, enabled, queryFn: async () => (await api<{ items: Booking[] }>('/api/v1/spaces/bookings/mine')).items });
export const useBookings = (status: BookingStatus) =>
  useQuery({ queryKey: keys.bookings(status), queryFn: async () => (await api<{ items: Booking[] }>(`/api/v1/spaces/bookings${qs({ status, limit: 200 })}`)).items });
export const useUsage = (year: number) => useQuery({ queryKey: keys.usage(year), queryFn: () => api<Usage>(`/api/v1/spaces/usage${qs({ year })}`) });

function useSpacesMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['spaces'] }) });
}
export const useRequestBooking = (roomId: string) =>
  useSpacesMutation((body: BookingBody) => api<{ items: Booking[] }>(`/api/v1/spaces/rooms/${encodeURIComponent(roomId)}/bookings`, { method: 'POST', body }));
/** Adds a room (no id) or replaces one (staff). */
export const useSaveRoom = () =>
  useSpacesMutation((v: { id?: string; body: RoomBody }) =>
    v.id ? api<Room>(`/api/v1/spaces/rooms/${encodeURIComponent(v.id)}`, { method: 'PUT', body: v.body }) : api<Room>('/api/v1/spaces/rooms', { method: 'POST', body: v.body }),
  );
export const useCancelBooking = () => useSpacesMutation((id: string) => api<Booking>(`/api/v1/spaces/bookings/${id}/cancel`, { method: 'POST', body: {} }));
export const useDecide = () =>
  useSpacesMutation((v: { id: string; approve: boolean; reason?: string }) => api<Booking>(`/api/v1/spaces/bookings/${v.id}/decision`, { method: 'POST', body: { approve: v.approve, reason: v.reason } }));
export const useAttendance = () =>
  useSpacesMutation((v: { id: string; actualAttendees: number }) => api<Booking>(`/api/v1/spaces/bookings/${v.id}/attendance`, { method: 'PUT', body: { actualAttendees: v.actualAttendees } }));

// Dates in Seoul, as the API takes them.
const OFFSET = 9 * 3_600_000;
export const seoulToday = () => new Date(Date.now() + OFFSET).toISOString().slice(0, 10);
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}
export const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));
export const TIMES = Array.from({ length: 37 }, (_, i) => {
  const minutes = 6 * 60 + i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${minutes % 60 ? '30' : '00'}`;
});
