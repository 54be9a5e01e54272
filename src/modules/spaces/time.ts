/**
 * Seoul wall-clock time for bookings. Korea keeps +09:00 all year (no daylight saving since 1988),
 * so a date and a time of day there map to one instant by a fixed offset.
 */
const OFFSET_MS = 9 * 3_600_000;

/** The instant of `time` (HH:MM, 24:00 = the next midnight) on `date` (YYYY-MM-DD) in Seoul. */
export function seoulInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, h, min) - OFFSET_MS);
}

/** Date (YYYY-MM-DD) and time (HH:MM) of an instant in Seoul. */
export function seoulParts(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function seoulToday(now = new Date()): string {
  return seoulParts(now).date;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
