import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ErrorState, Loading, Select, TextArea, TextInput } from '../../ui/index.tsx';
import { PhotoField, photosBody, type Photo } from '../../ui/PhotoField.tsx';
import { TIMES, useAllRooms, useSaveRoom, type Room, type RoomBody } from './data.ts';

const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
type Day = (typeof DAYS)[number];

/** The form's state: text as typed, one weekday row per ISO weekday. */
interface Draft {
  name: string;
  nameEn: string;
  description: string;
  capacity: string;
  equipment: string;
  floor: string;
  hours: Record<Day, { open: boolean; from: string; to: string }>;
  rules: string;
  bookableBy: 'members' | 'public';
  photos: Photo[];
  active: boolean;
  sort: string;
}

function draftOf(room: Room | null): Draft {
  const hours = {} as Draft['hours'];
  for (const d of DAYS) {
    const span = room?.openingHours[d];
    hours[d] = span ? { open: true, from: span[0], to: span[1] } : { open: !room && Number(d) <= 5, from: '09:00', to: '18:00' };
  }
  return {
    name: room?.name ?? '',
    nameEn: room?.nameEn ?? '',
    description: room?.description ?? '',
    capacity: room ? String(room.capacity) : '',
    equipment: room?.equipment.join('\n') ?? '',
    floor: room?.floor ?? '',
    hours,
    rules: room?.rules ?? '',
    bookableBy: room?.bookableBy ?? 'public',
    photos: room?.photos ?? [],
    active: room?.active ?? true,
    sort: room ? String(room.sort) : '0',
  };
}

/** Non-empty lines of the equipment box, each with its line number (1-based) for error messages. */
function equipmentLines(text: string): { item: string; line: number }[] {
  return text
    .split('\n')
    .map((item, i) => ({ item: item.trim(), line: i + 1 }))
    .filter((x) => x.item);
}

function bodyOf(d: Draft): RoomBody {
  const openingHours: RoomBody['openingHours'] = {};
  for (const day of DAYS) if (d.hours[day].open) openingHours[day] = [d.hours[day].from, d.hours[day].to];
  return {
    name: d.name.trim(),
    nameEn: d.nameEn.trim() || null,
    description: d.description.trim(),
    capacity: Number(d.capacity),
    equipment: equipmentLines(d.equipment).map((x) => x.item),
    floor: d.floor.trim() || null,
    openingHours,
    rules: d.rules.trim(),
    bookableBy: d.bookableBy,
    photos: photosBody(d.photos),
    active: d.active,
    sort: d.sort.trim() ? Number(d.sort) : 0,
  };
}

/** 공간 관리 on /staff/spaces: every room (active or not), each with its edit form, and a form to add one. */
export function RoomAdmin() {
  const { t, lang } = useI18n();
  const rooms = useAllRooms();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  const nameOf = (r: Room) => (lang === 'en' && r.nameEn ? r.nameEn : r.name);
  const focusLater = (selector: string) => requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());

  function open(id: string) {
    setMessage('');
    setEditing(id);
  }
  function close(id: string, saved?: string) {
    setEditing(null);
    if (saved) setMessage(saved);
    if (id === 'new') requestAnimationFrame(() => addButton.current?.focus());
    else focusLater(`#admin-edit-${id}`);
  }

  return (
    <section aria-labelledby="spaces-rooms-admin" className="spaces-admin">
      <h2 id="spaces-rooms-admin">{t('spaces.admin.title')}</h2>
      <p className="muted">{t('spaces.admin.lead')}</p>
      <div role="status" className="spaces-admin-status">
        {message ? <p className="alert success">{message}</p> : null}
      </div>
      {rooms.isLoading ? <Loading /> : null}
      {rooms.error ? <ErrorState error={rooms.error} retry={() => void rooms.refetch()} /> : null}
      {rooms.data && !rooms.data.length ? <p className="muted">{t('spaces.admin.empty')}</p> : null}
      <ul className="spaces-admin-rooms">
        {rooms.data?.map((r) => (
          <li key={r.id} className={`card${r.active ? '' : ' inactive'}`}>
            <div className="spaces-admin-head">
              <div>
                <h3 id={`admin-room-${r.id}`}>{nameOf(r)}</h3>
                <p>
                  <span className="badge">{r.active ? t('spaces.admin.active') : t('spaces.admin.inactive')}</span>{' '}
                  <span className="badge">{r.bookableBy === 'members' ? t('spaces.membersOnly') : t('spaces.publicRoom')}</span>{' '}
                  {r.isDemo ? <span className="badge">{t('spaces.demo')}</span> : null}
                </p>
                <p className="spaces-admin-facts">
                  {[t('spaces.capacity', { count: r.capacity }), r.floor, r.equipment.length ? `${t('spaces.equipment')}: ${r.equipment.join(', ')}` : null].filter(Boolean).join(' · ')}
                </p>
              </div>
              <button
                type="button"
                id={`admin-edit-${r.id}`}
                className="btn secondary small spaces-admin-edit"
                aria-expanded={editing === r.id}
                aria-controls={editing === r.id ? `admin-form-${r.id}` : undefined}
                onClick={() => (editing === r.id ? close(r.id) : open(r.id))}
              >
                {t('spaces.admin.edit')}
                <span className="visually-hidden"> {nameOf(r)}</span>
              </button>
            </div>
            {editing === r.id ? (
              <RoomForm key={r.id} formId={`admin-form-${r.id}`} room={r} title={t('spaces.admin.editTitle', { name: nameOf(r) })} onDone={(saved) => close(r.id, saved ? t('spaces.admin.saved', { name: saved.name }) : undefined)} />
            ) : null}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <div className="card spaces-admin-new">
          <RoomForm formId="admin-form-new" room={null} title={t('spaces.admin.addTitle')} onDone={(saved) => close('new', saved ? t('spaces.admin.added', { name: saved.name }) : undefined)} />
        </div>
      ) : (
        <p>
          <button ref={addButton} type="button" className="btn primary spaces-admin-add" onClick={() => open('new')}>
            {t('spaces.admin.add')}
          </button>
        </p>
      )}
    </section>
  );
}

/** Adds a room (room null) or replaces one: every field of the API's roomInput, errors under their fields. */
function RoomForm({ formId, room, title, onDone }: { formId: string; room: Room | null; title: string; onDone: (saved: Room | null) => void }) {
  const { t, l } = useI18n();
  const save = useSaveRoom();
  const [draft, setDraft] = useState(() => draftOf(room));
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = `${formId}-title`;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setDay = (day: Day, patch: Partial<Draft['hours'][Day]>) => setDraft((d) => ({ ...d, hours: { ...d.hours, [day]: { ...d.hours[day], ...patch } } }));

  const apiErrors = save.error instanceof ApiError ? save.error.errors : [];
  /** Errors of a field and of its parts (e.g. "openingHours.3", "equipment.2"). */
  const under = (path: string) => apiErrors.filter((e) => e.path === path || e.path.startsWith(`${path}.`));
  const errorsOf = (path: string) => [...(localErrors[path] ?? []), ...under(path).map((e) => l(e.messages))];
  const lines = equipmentLines(draft.equipment);
  const equipmentErrors = under('equipment').map((e) => {
    const index = Number(e.path.split('.')[1]);
    const line = lines[index]?.line;
    return line ? t('spaces.admin.equipmentLine', { line: String(line), message: l(e.messages) }) : l(e.messages);
  });
  const invalid = Object.keys(localErrors).length > 0 || (save.error instanceof ApiError && save.error.status === 400);
  const otherError = save.error && !(save.error instanceof ApiError && save.error.status === 400) ? save.error : null;

  function focusFirstError() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .alert')?.focus());
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string[]> = {};
    if (!draft.name.trim()) missing.name = [t('spaces.form.required')];
    if (!draft.capacity.trim()) missing.capacity = [t('spaces.form.required')];
    setLocalErrors(missing);
    if (Object.keys(missing).length) {
      save.reset();
      focusFirstError();
      return;
    }
    save.mutate({ id: room?.id, body: bodyOf(draft) }, { onSuccess: (saved) => onDone(saved), onError: focusFirstError });
  }

  const timeOptions = (current: string) => (TIMES.includes(current) ? TIMES : [...TIMES, current].sort()).map((x) => ({ value: x, label: x }));
  return (
    <form id={formId} ref={formRef} className="spaces-room-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h4 id={headingId}>{title}</h4>
      <TextInput label={t('spaces.admin.name')} name="name" required maxLength={100} value={draft.name} onChange={(e) => set('name', e.target.value)} errors={errorsOf('name')} />
      <TextInput label={t('spaces.admin.nameEn')} hint={t('spaces.admin.nameEnHint')} name="nameEn" lang="en" maxLength={100} value={draft.nameEn} onChange={(e) => set('nameEn', e.target.value)} errors={errorsOf('nameEn')} />
      <TextArea label={t('spaces.admin.description')} name="description" rows={3} maxLength={4000} value={draft.description} onChange={(e) => set('description', e.target.value)} errors={errorsOf('description')} />
      <div className="spaces-admin-row">
        <TextInput
          label={t('spaces.admin.capacity')}
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          required
          value={draft.capacity}
          onChange={(e) => set('capacity', e.target.value)}
          errors={errorsOf('capacity')}
        />
        <TextInput label={t('spaces.admin.floor')} hint={t('spaces.admin.floorHint')} name="floor" maxLength={40} value={draft.floor} onChange={(e) => set('floor', e.target.value)} errors={errorsOf('floor')} />
      </div>
      <TextArea
        label={t('spaces.admin.equipment')}
        hint={t('spaces.admin.equipmentHint')}
        name="equipment"
        rows={4}
        value={draft.equipment}
        onChange={(e) => set('equipment', e.target.value)}
        errors={[...(localErrors.equipment ?? []), ...equipmentErrors]}
      />
      <fieldset className="spaces-admin-hours">
        <legend>{t('spaces.admin.hours')}</legend>
        <p className="hint">{t('spaces.admin.hoursHint')}</p>
        {apiErrors
          .filter((e) => e.path === 'openingHours')
          .map((e) => (
            <p key={e.messages.en} className="field-error">
              {l(e.messages)}
            </p>
          ))}
        {DAYS.map((day) => {
          const dayName = t(`spaces.weekday.${day}` as MessageKey);
          const h = draft.hours[day];
          return (
            <div key={day} className="spaces-admin-day">
              <div className="field">
                <label className="checkbox">
                  <input type="checkbox" name={`open-${day}`} checked={h.open} onChange={(e) => setDay(day, { open: e.target.checked })} /> {t('spaces.admin.dayOpen', { day: dayName })}
                </label>
              </div>
              {h.open ? (
                <>
                  <Select label={t('spaces.admin.opens', { day: dayName })} name={`from-${day}`} value={h.from} options={timeOptions(h.from)} onChange={(e) => setDay(day, { from: e.target.value })} />
                  <Select
                    label={t('spaces.admin.closes', { day: dayName })}
                    name={`to-${day}`}
                    value={h.to}
                    options={timeOptions(h.to)}
                    onChange={(e) => setDay(day, { to: e.target.value })}
                    errors={errorsOf(`openingHours.${day}`)}
                  />
                </>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <TextArea label={t('spaces.admin.rules')} name="rules" rows={3} maxLength={4000} value={draft.rules} onChange={(e) => set('rules', e.target.value)} errors={errorsOf('rules')} />
      <Select
        label={t('spaces.admin.bookableBy')}
        name="bookableBy"
        value={draft.bookableBy}
        onChange={(e) => set('bookableBy', e.target.value === 'members' ? 'members' : 'public')}
        options={[
          { value: 'public', label: t('spaces.admin.bookable.public') },
          { value: 'members', label: t('spaces.admin.bookable.members') },
        ]}
        errors={errorsOf('bookableBy')}
      />
      {/* Rooms are the centre's: their photos are the centre's own uploads. */}
      <PhotoField organizationId={null} value={draft.photos} onChange={(photos) => set('photos', photos)} errorsOf={errorsOf} />
      <TextInput
        label={t('spaces.admin.sort')}
        hint={t('spaces.admin.sortHint')}
        name="sort"
        type="number"
        inputMode="numeric"
        min={0}
        max={10000}
        value={draft.sort}
        onChange={(e) => set('sort', e.target.value)}
        errors={errorsOf('sort')}
      />
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="active" checked={draft.active} onChange={(e) => set('active', e.target.checked)} /> {t('spaces.admin.activeLabel')}
        </label>
      </div>
      {invalid ? (
        <div className="alert danger" role="alert" tabIndex={-1}>
          <p>{t('spaces.form.fix')}</p>
        </div>
      ) : null}
      {otherError ? (
        <div className="alert danger" role="alert" tabIndex={-1}>
          <p>{otherError instanceof ApiError ? l(otherError.messages) : String(otherError)}</p>
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="btn primary" disabled={save.isPending}>
          {save.isPending ? t('spaces.admin.saving') : t('spaces.admin.save')}
        </button>
        <button type="button" className="btn secondary" onClick={() => onDone(null)}>
          {t('spaces.admin.cancel')}
        </button>
      </div>
    </form>
  );
}
