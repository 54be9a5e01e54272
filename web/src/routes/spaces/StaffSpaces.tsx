import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading, PageHeader, TextInput, useFieldErrors } from '../../ui/index.tsx';
import { Decision } from '../staff/Decision.tsx';
import { RoomAdmin } from './RoomAdmin.tsx';
import { useAttendance, useBookings, useDecide, useUsage, type Booking } from './data.ts';
import './spaces.css';

/** /staff/spaces: the approval queue, attendance to record, usage by room and month, the rooms themselves (공간 관리). */
export default function StaffSpaces() {
  const { t } = useI18n();
  return (
    <div className="spaces">
      <PageHeader title={t('spaces.staff.title')} lead={t('spaces.staff.lead')} />
      <Queue />
      <Attendance />
      <UsageTable />
      <RoomAdmin />
    </div>
  );
}

function Queue() {
  const { t, d } = useI18n();
  const queue = useBookings('requested');
  const decide = useDecide();
  const items = queue.data ?? [];
  return (
    <section aria-labelledby="spaces-queue">
      <h2 id="spaces-queue">{queue.data ? t('spaces.staff.queue', { count: items.length }) : t('spaces.status.requested')}</h2>
      {queue.isLoading ? <Loading /> : null}
      {queue.error ? <ErrorState error={queue.error} retry={() => void queue.refetch()} /> : null}
      {queue.data && !items.length ? <p className="muted">{t('spaces.staff.queueEmpty')}</p> : null}
      <ul className="spaces-queue">
        {items.map((b) => (
          <li key={b.id} className="card">
            <h3 id={`req-${b.id}`}>
              {b.roomName} · {d(b.date)} {b.start}–{b.end}
            </h3>
            <p>
              {b.purpose} · {t('spaces.staff.expected', { count: b.expectedAttendees })}
            </p>
            <p className="muted">
              {b.contactName} ({b.contactEmail})
            </p>
            <Decision
              headingId={`req-${b.id}`}
              approveLabel={t('spaces.staff.approve')}
              rejectLabel={t('spaces.staff.reject')}
              confirmRejectLabel={t('spaces.staff.confirmReject')}
              reasonLabel={t('spaces.staff.reason')}
              reasonHint={t('spaces.staff.reasonHint')}
              reasonMissing={t('spaces.staff.reasonMissing')}
              onApprove={() => decide.mutateAsync({ id: b.id, approve: true })}
              onReject={(reason) => decide.mutateAsync({ id: b.id, approve: false, reason })}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Attendance() {
  const { t } = useI18n();
  const approved = useBookings('approved');
  const now = new Date();
  const begun = (approved.data ?? []).filter((b) => new Date(b.startsAt) <= now);
  return (
    <section aria-labelledby="spaces-attendance">
      <h2 id="spaces-attendance">{t('spaces.staff.attendance')}</h2>
      <p className="muted">{t('spaces.staff.attendanceLead')}</p>
      {approved.isLoading ? <Loading /> : null}
      {approved.error ? <ErrorState error={approved.error} retry={() => void approved.refetch()} /> : null}
      {approved.data && !begun.length ? <p className="muted">{t('spaces.staff.attendanceEmpty')}</p> : null}
      <ul className="spaces-attendance">
        {begun.map((b) => (
          <AttendanceRow key={b.id} booking={b} />
        ))}
      </ul>
    </section>
  );
}

function AttendanceRow({ booking: b }: { booking: Booking }) {
  const { t, d } = useI18n();
  const record = useAttendance();
  const [value, setValue] = useState(String(b.expectedAttendees));
  const errors = useFieldErrors(record.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    record.mutate({ id: b.id, actualAttendees: Number(value) });
  }
  const when = `${b.roomName} ${d(b.date)} ${b.start}–${b.end}`;
  return (
    <li className="card">
      <form onSubmit={submit} className="spaces-attendance-form" noValidate>
        <p>
          {when} · {b.purpose}
        </p>
        <TextInput label={t('spaces.staff.actual', { when })} type="number" min={0} value={value} onChange={(e) => setValue(e.target.value)} errors={errors('actualAttendees')} />
        <button type="submit" className="btn primary small" disabled={record.isPending}>
          {t('spaces.staff.save')}
        </button>
        {record.error && !errors('actualAttendees').length ? <ErrorState error={record.error} /> : null}
      </form>
    </li>
  );
}

function UsageTable() {
  const { t, n, l } = useI18n();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [draft, setDraft] = useState(String(year));
  const usage = useUsage(year);
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return (
    <section aria-labelledby="spaces-usage">
      <h2 id="spaces-usage">{t('spaces.usage.title')}</h2>
      <form
        className="spaces-usage-form"
        onSubmit={(e) => {
          e.preventDefault();
          const y = Number(draft);
          if (Number.isInteger(y) && y >= 2000 && y <= 2100) setYear(y);
        }}
      >
        <TextInput label={t('spaces.usage.year')} type="number" min={2000} max={2100} value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="btn secondary small">
          {t('spaces.usage.show')}
        </button>
        <a className="btn text small" href={`/api/v1/spaces/usage?year=${year}&format=csv`} download>
          {t('spaces.usage.csv')}
        </a>
        <a className="btn text small" href={`/api/v1/spaces/usage?year=${year}&format=xlsx`} download>
          {t('spaces.usage.xlsx')}
        </a>
      </form>
      {usage.isLoading ? <Loading /> : null}
      {usage.error ? <ErrorState error={usage.error} retry={() => void usage.refetch()} /> : null}
      {usage.data ? (
        <>
          <p className="muted small">{l(usage.data.definitions)}</p>
          <div className="table-wrap">
            <table className="spaces-usage">
              <caption>{t('spaces.usage.caption', { year: String(usage.data.year) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('spaces.col.room')}</th>
                  <th scope="col">{t('spaces.usage.month')}</th>
                  <th scope="col">{t('spaces.usage.bookings')}</th>
                  <th scope="col">{t('spaces.usage.attendees')}</th>
                  <th scope="col">{t('spaces.usage.booked')}</th>
                  <th scope="col">{t('spaces.usage.openHours')}</th>
                  <th scope="col">{t('spaces.usage.occupancy')}</th>
                </tr>
              </thead>
              {usage.data.byRoom.map((r) => (
                <tbody key={r.roomId}>
                  {months.map((m) => {
                    const row = usage.data.rows.find((x) => x.roomId === r.roomId && x.month === m)!;
                    return (
                      <tr key={m}>
                        {m === 1 ? (
                          <th scope="rowgroup" rowSpan={13}>
                            {r.roomName}
                          </th>
                        ) : null}
                        <td>{t('spaces.usage.monthValue', { month: String(m) })}</td>
                        <td className="num">{n(row.bookings)}</td>
                        <td className="num">{n(row.attendees)}</td>
                        <td className="num">{n(row.bookedHours)}</td>
                        <td className="num">{n(row.openHours)}</td>
                        <td className="num">{pct(row.occupancy)}</td>
                      </tr>
                    );
                  })}
                  <tr className="total">
                    <td>{t('spaces.usage.total')}</td>
                    <td className="num">{n(r.bookings)}</td>
                    <td className="num">{n(r.attendees)}</td>
                    <td className="num">{n(r.bookedHours)}</td>
                    <td className="num">{n(r.openHours)}</td>
                    <td className="num">{pct(r.occupancy)}</td>
                  </tr>
                </tbody>
              ))}
              <tfoot>
                <tr className="total">
                  <th scope="row" colSpan={2}>
                    {t('spaces.usage.all')}
                  </th>
                  <td className="num">{n(usage.data.total.bookings)}</td>
                  <td className="num">{n(usage.data.total.attendees)}</td>
                  <td className="num">{n(usage.data.total.bookedHours)}</td>
                  <td className="num">{n(usage.data.total.openHours)}</td>
                  <td className="num">{pct(usage.data.total.occupancy)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

