import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading, PageHeader } from '../../ui/index.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { BookingForm } from './BookingForm.tsx';
import { addDays, mondayOf, seoulToday, useCalendar, useRoom, useRooms, type CalendarEntry, type Room } from './data.ts';
import './spaces.css';

/** /spaces and /spaces/:id: the rooms, each with its calendar and booking form. */
export default function SpacesRoutes() {
  return (
    <div className="spaces">
      <Routes>
        <Route index element={<RoomList />} />
        <Route path=":id" element={<RoomPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}

export function Hours({ room }: { room: Room }) {
  const { t } = useI18n();
  return (
    <dl className="spaces-hours">
      {[1, 2, 3, 4, 5, 6, 7].map((d) => {
        const span = room.openingHours[String(d)];
        return (
          <div key={d}>
            <dt>{t(`spaces.weekday.${d}` as MessageKey)}</dt>
            <dd>{span ? `${span[0]}–${span[1]}` : t('spaces.closed')}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function RoomFacts({ room }: { room: Room }) {
  const { t } = useI18n();
  return (
    <dl className="spaces-facts">
      <div>
        <dt>{t('spaces.capacityLabel')}</dt>
        <dd>{t('spaces.people', { count: room.capacity })}</dd>
      </div>
      {room.floor ? (
        <div>
          <dt>{t('spaces.floor')}</dt>
          <dd>{room.floor}</dd>
        </div>
      ) : null}
      {room.equipment.length ? (
        <div>
          <dt>{t('spaces.equipment')}</dt>
          <dd>{room.equipment.join(', ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function RoomList() {
  const { t, lang } = useI18n();
  const rooms = useRooms();
  return (
    <>
      <PageHeader title={t('spaces.list.title')} lead={t('spaces.list.lead')} />
      {rooms.isLoading ? <Loading /> : null}
      {rooms.error ? <ErrorState error={rooms.error} retry={() => void rooms.refetch()} /> : null}
      {rooms.data && !rooms.data.length ? <Empty /> : null}
      <ul className="spaces-rooms">
        {rooms.data?.map((r) => (
          <li key={r.id} className="card">
            <h2 id={`room-${r.id}`}>
              <Link to={`/spaces/${r.id}`}>{lang === 'en' && r.nameEn ? r.nameEn : r.name}</Link>
            </h2>
            <p>
              <span className="badge">{r.bookableBy === 'members' ? t('spaces.membersOnly') : t('spaces.publicRoom')}</span>{' '}
              {r.isDemo ? <span className="badge">{t('spaces.demo')}</span> : null}
            </p>
            {r.description ? <p>{r.description}</p> : null}
            <RoomFacts room={r} />
            <h3 className="spaces-subhead">{t('spaces.hours')}</h3>
            <Hours room={r} />
          </li>
        ))}
      </ul>
    </>
  );
}

function RoomPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const room = useRoom(id);
  if (room.isLoading) return <Loading />;
  if (room.error || !room.data) {
    return (
      <>
        <PageHeader title={t('spaces.notFound')} />
        <p>
          <Link to="/spaces">{t('spaces.back')}</Link>
        </p>
      </>
    );
  }
  const r = room.data;
  return (
    <>
      <p className="spaces-back">
        <Link to="/spaces">{t('spaces.back')}</Link>
      </p>
      <PageHeader title={lang === 'en' && r.nameEn ? r.nameEn : r.name} lead={r.description || undefined} />
      <div className="spaces-room">
        <section aria-labelledby="room-facts" className="spaces-about">
          <h2 id="room-facts" className="visually-hidden">
            {t('spaces.hours')}
          </h2>
          {r.photos.map((p) => (
            <img key={p.url} src={p.url} alt={p.alt} className="spaces-photo" />
          ))}
          <RoomFacts room={r} />
          <h3 className="spaces-subhead">{t('spaces.hours')}</h3>
          <Hours room={r} />
          {r.rules ? (
            <>
              <h3 className="spaces-subhead">{t('spaces.rules')}</h3>
              <p>{r.rules}</p>
            </>
          ) : null}
          <p className="muted small">
            <a href={`/api/v1/spaces/rooms/${r.id}/calendar.ics`}>{t('spaces.ics')}</a>
          </p>
        </section>
        <RoomCalendar room={r} />
        <BookingForm room={r} />
      </div>
    </>
  );
}

function RoomCalendar({ room }: { room: Room }) {
  const { t, d } = useI18n();
  const [view, setView] = useState<'week' | 'month'>('week');
  const [anchor, setAnchor] = useState(() => mondayOf(seoulToday()));
  const from = view === 'week' ? mondayOf(anchor) : `${anchor.slice(0, 7)}-01`;
  const to = view === 'week' ? addDays(from, 6) : addDays(`${addDays(`${anchor.slice(0, 7)}-01`, 32).slice(0, 7)}-01`, -1);
  const cal = useCalendar(room.id, from, to);
  const days: string[] = [];
  for (let x = from; x <= to; x = addDays(x, 1)) days.push(x);
  const byDay = new Map<string, CalendarEntry[]>();
  for (const e of cal.data ?? []) byDay.set(e.date, [...(byDay.get(e.date) ?? []), e]);
  const shown = view === 'week' ? days : days.filter((x) => byDay.has(x));
  const move = (dir: 1 | -1) =>
    setAnchor(view === 'week' ? addDays(from, 7 * dir) : dir === 1 ? addDays(to, 1) : `${addDays(from, -1).slice(0, 7)}-01`);
  return (
    <section aria-labelledby="room-calendar" className="spaces-calendar">
      <h2 id="room-calendar">{t('spaces.cal.title')}</h2>
      <div className="actions">
        <fieldset className="spaces-view">
          <legend className="visually-hidden">{t('spaces.cal.view')}</legend>
          {(['week', 'month'] as const).map((v) => (
            <button key={v} type="button" className={`btn small ${view === v ? 'primary' : 'secondary'}`} aria-pressed={view === v} onClick={() => setView(v)}>
              {t(v === 'week' ? 'spaces.cal.week' : 'spaces.cal.month')}
            </button>
          ))}
        </fieldset>
        <button type="button" className="btn secondary small" onClick={() => move(-1)}>
          {t(view === 'week' ? 'spaces.cal.prevWeek' : 'spaces.cal.prevMonth')}
        </button>
        <button type="button" className="btn secondary small" onClick={() => move(1)}>
          {t(view === 'week' ? 'spaces.cal.nextWeek' : 'spaces.cal.nextMonth')}
        </button>
      </div>
      <p aria-live="polite" className="spaces-range">
        {t('spaces.cal.range', { from: d(from), to: d(to) })}
      </p>
      {cal.isLoading ? <Loading /> : null}
      {cal.error ? <ErrorState error={cal.error} retry={() => void cal.refetch()} /> : null}
      {cal.data ? (
        shown.length ? (
          <ol className="spaces-days">
            {shown.map((day) => (
              <li key={day}>
                <h3>
                  {d(day)} ({t(`spaces.weekday.${new Date(`${day}T00:00:00Z`).getUTCDay() || 7}` as MessageKey)})
                </h3>
                {byDay.get(day)?.length ? (
                  <ul>
                    {byDay.get(day)!.map((e) => (
                      <li key={e.id} className={`spaces-entry ${e.status}`}>
                        <span className="time">
                          {e.start}–{e.end}
                        </span>{' '}
                        <span>{e.title ?? t('spaces.cal.booked')}</span> <span className="badge">{t(`spaces.status.${e.status}` as MessageKey)}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t('spaces.cal.free')}</p>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t('spaces.cal.noneInMonth')}</p>
        )
      ) : null}
    </section>
  );
}
