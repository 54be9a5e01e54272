import { Link } from 'react-router';
import type { Session } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ErrorState, Loading } from '../../ui/index.tsx';
import { useCancelBooking, useMyBookings } from './data.ts';
import './spaces.css';

/** "공간 예약" on /me: my bookings and my organisations', each cancellable while it is pending or approved. */
export function MyBookings({ session }: { session: Session }) {
  const { t, d } = useI18n();
  const bookings = useMyBookings(Boolean(session));
  const cancel = useCancelBooking();
  return (
    <section aria-labelledby="my-bookings" className="spaces-mine">
      <h2 id="my-bookings">{t('spaces.mine.heading')}</h2>
      <p className="muted">{t('spaces.mine.lead')}</p>
      {bookings.isLoading ? <Loading /> : null}
      {bookings.error ? <ErrorState error={bookings.error} retry={() => void bookings.refetch()} /> : null}
      {cancel.error ? <ErrorState error={cancel.error} /> : null}
      {bookings.data && !bookings.data.length ? (
        <p>
          {t('spaces.mine.none')} <Link to="/spaces">{t('spaces.mine.toRooms')}</Link>
        </p>
      ) : null}
      {bookings.data?.length ? (
        <div className="table-wrap">
          <table>
            <caption>{t('spaces.mine.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('spaces.col.room')}</th>
                <th scope="col">{t('spaces.col.when')}</th>
                <th scope="col">{t('spaces.col.purpose')}</th>
                <th scope="col">{t('spaces.col.status')}</th>
                <th scope="col">{t('spaces.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {bookings.data.map((b) => (
                <tr key={b.id}>
                  <td>
                    <Link to={`/spaces/${b.roomId}`}>{b.roomName}</Link>
                  </td>
                  <td id={`booking-${b.id}`}>
                    {d(b.date)} {b.start}–{b.end}
                  </td>
                  <td>{b.purpose}</td>
                  <td>
                    {t(`spaces.status.${b.status}` as MessageKey)}
                    {b.decisionReason ? ` — ${b.decisionReason}` : null}
                  </td>
                  <td>
                    {(b.status === 'requested' || b.status === 'approved') && new Date(b.endsAt) > new Date() ? (
                      <button type="button" className="btn secondary small" aria-describedby={`booking-${b.id}`} disabled={cancel.isPending} onClick={() => cancel.mutate(b.id)}>
                        {cancel.isPending && cancel.variables === b.id ? t('spaces.mine.cancelling') : t('spaces.mine.cancel')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
