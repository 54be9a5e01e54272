import { useQueries } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { organizationQuery } from '../../queries.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { Alert, Select, TextInput, useFieldErrors } from '../../ui/index.tsx';
import { addDays, seoulToday, TIMES, useRequestBooking, type Booking, type Room } from './data.ts';

/**
 * The booking request: date, times in 30-minute steps, an optional weekly repeat, purpose and
 * attendees; a member chooses the organisation, a visitor says who they are. Errors are shown under
 * their fields; a taken slot is explained above the button.
 */
export function BookingForm({ room }: { room: Room }) {
  const { t, l } = useI18n();
  const session = useSession();
  const s = session.data;
  const orgs = useQueries({
    queries: (s?.memberships ?? []).map((m) => organizationQuery(m.organizationId)),
  });
  const request = useRequestBooking(room.id);
  const [date, setDate] = useState(() => addDays(seoulToday(), 7));
  const [start, setStart] = useState('10:00');
  const [end, setEnd] = useState('12:00');
  const [repeat, setRepeat] = useState(false);
  const [until, setUntil] = useState('');
  const [purpose, setPurpose] = useState('');
  const [purposePublic, setPurposePublic] = useState(false);
  const [attendees, setAttendees] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [done, setDone] = useState<Booking[] | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const apiErrors = useFieldErrors(request.error);
  const errorsOf = (path: string) => [...(localErrors[path] ?? []), ...apiErrors(path)];
  const conflict = request.error instanceof ApiError && request.error.status === 409 ? request.error : null;
  const otherError = request.error instanceof ApiError && request.error.status !== 409 && request.error.status !== 400 ? request.error : null;
  const invalid = request.error instanceof ApiError && request.error.status === 400;

  if (room.bookableBy === 'members' && !session.isLoading && !s) {
    return (
      <section aria-labelledby="booking-form" className="spaces-form">
        <h2 id="booking-form">{t('spaces.form.title')}</h2>
        <p>{t('spaces.form.membersOnly')}</p>
        <p>
          <Link className="btn primary" to={`/login?next=${encodeURIComponent(`/spaces/${room.id}`)}`}>
            {t('spaces.form.signIn')}
          </Link>
        </p>
      </section>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const missing: Record<string, string[]> = {};
    const need = (k: string, v: string) => {
      if (!v.trim()) missing[k] = [t('spaces.form.required')];
    };
    need('purpose', purpose);
    need('expectedAttendees', attendees);
    need('date', date);
    if (repeat) need('repeatWeeklyUntil', until);
    if (!s) {
      need('contactName', name);
      need('contactEmail', email);
      need('contactPhone', phone);
    }
    setLocalErrors(missing);
    if (Object.keys(missing).length) {
      request.reset();
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    request.mutate(
      {
        date,
        start,
        end,
        purpose: purpose.trim(),
        purposePublic,
        expectedAttendees: Number(attendees),
        organizationId: organizationId || null,
        repeatWeeklyUntil: repeat ? until : null,
        ...(s ? {} : { contactName: name.trim(), contactEmail: email.trim(), contactPhone: phone.trim() }),
      },
      {
        onSuccess: (r) => {
          setDone(r.items);
          setPurpose('');
        },
        onError: () => requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .alert')?.focus()),
      },
    );
  }

  const timeOptions = TIMES.map((x) => ({ value: x, label: x }));
  return (
    <section aria-labelledby="booking-form" className="spaces-form">
      <h2 id="booking-form">{t('spaces.form.title')}</h2>
      <p className="muted">{t('spaces.form.lead')}</p>
      {done ? (
        <Alert kind="success" live>
          <p>{t('spaces.form.done', { count: done.length })}</p>
          <ul>
            {done.map((b) => (
              <li key={b.id}>
                {b.date} {b.start}–{b.end}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <form ref={formRef} onSubmit={submit} noValidate>
        <TextInput label={t('spaces.form.date')} type="date" required value={date} min={seoulToday()} onChange={(e) => setDate(e.target.value)} errors={errorsOf('date')} />
        <div className="spaces-times">
          <Select label={t('spaces.form.start')} value={start} onChange={(e) => setStart(e.target.value)} options={timeOptions} errors={errorsOf('start')} />
          <Select label={t('spaces.form.end')} value={end} onChange={(e) => setEnd(e.target.value)} options={timeOptions} errors={errorsOf('end')} />
        </div>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={repeat} onChange={(e) => setRepeat(e.target.checked)} /> {t('spaces.form.repeat')}
          </label>
        </div>
        {repeat ? (
          <TextInput
            label={t('spaces.form.repeatUntil')}
            hint={t('spaces.form.repeatHint')}
            type="date"
            required
            value={until}
            min={date}
            onChange={(e) => setUntil(e.target.value)}
            errors={errorsOf('repeatWeeklyUntil')}
          />
        ) : null}
        <TextInput label={t('spaces.form.purpose')} hint={t('spaces.form.purposeHint')} required value={purpose} maxLength={500} onChange={(e) => setPurpose(e.target.value)} errors={errorsOf('purpose')} />
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={purposePublic} onChange={(e) => setPurposePublic(e.target.checked)} /> {t('spaces.form.purposePublic')}
          </label>
        </div>
        <TextInput
          label={t('spaces.form.attendees')}
          hint={t('spaces.form.attendeesHint', { count: room.capacity })}
          type="number"
          inputMode="numeric"
          min={1}
          max={room.capacity}
          required
          value={attendees}
          onChange={(e) => setAttendees(e.target.value)}
          errors={errorsOf('expectedAttendees')}
        />
        {s && s.memberships.length ? (
          <Select
            label={t('spaces.form.organization')}
            value={organizationId}
            onChange={(e) => setOrganizationId(e.target.value)}
            errors={errorsOf('organizationId')}
            options={[{ value: '', label: t('spaces.form.personal') }, ...s.memberships.map((m, i) => ({ value: m.organizationId, label: orgs[i]?.data?.name ?? m.organizationId }))]}
          />
        ) : null}
        {!s && !session.isLoading ? (
          <fieldset className="spaces-contact">
            <legend>{t('spaces.form.anonymousLead')}</legend>
            <TextInput label={t('spaces.form.name')} required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} errors={errorsOf('contactName')} />
            <TextInput label={t('spaces.form.email')} required type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} errors={errorsOf('contactEmail')} />
            <TextInput label={t('spaces.form.phone')} required type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} errors={errorsOf('contactPhone')} />
          </fieldset>
        ) : null}
        {conflict ? (
          <div className="alert danger" role="alert" tabIndex={-1}>
            <p>{t('spaces.form.conflict', { message: l(conflict.messages) })}</p>
          </div>
        ) : null}
        {invalid || Object.keys(localErrors).length ? (
          <div className="alert danger" role="alert" tabIndex={-1}>
            <p>{t('spaces.form.fix')}</p>
          </div>
        ) : null}
        {otherError ? (
          <div className="alert danger" role="alert" tabIndex={-1}>
            <p>{l(otherError.messages)}</p>
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn primary" disabled={request.isPending}>
            {request.isPending ? t('spaces.form.sending') : t('spaces.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
