import { useId, useRef, useState, type ChangeEvent } from 'react';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { TextInput } from './index.tsx';

export interface Photo {
  url: string;
  alt: string;
}

/** Photos as a form sends them: each description without the blanks around it. */
export const photosBody = (photos: readonly Photo[]): Photo[] => photos.map((p) => ({ url: p.url, alt: p.alt.trim() }));

const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif';
const MAX_PHOTOS = 10;

/**
 * Photos of an offering, a bundle or a shared resource: each shown with its description (alternative text, required),
 * removable; a file chosen is uploaded at once to sehub (POST /api/v1/procurement/photos) for the
 * organisation the thing belongs to, and added. Errors of the upload and of the saved form appear
 * under the control they concern.
 */
export function PhotoField({
  organizationId,
  value,
  onChange,
  errorsOf,
}: {
  /** Whose photo it is: the organisation's id, null for the centre's own (staff), undefined while none is chosen. */
  organizationId: string | null | undefined;
  value: Photo[];
  onChange: (photos: Photo[]) => void;
  errorsOf: (path: string) => string[];
}) {
  const { t, l } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[]>([]);
  const ready = organizationId !== undefined && organizationId !== '';

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file || !ready) return;
    setBusy(true);
    setError([]);
    try {
      const up = await api<{ url: string }>(`/api/v1/procurement/photos${organizationId ? `?organizationId=${organizationId}` : ''}`, {
        method: 'POST',
        raw: { data: file, contentType: file.type || 'application/octet-stream' },
      });
      onChange([...value, { url: up.url, alt: '' }]);
    } catch (err) {
      setError(err instanceof ApiError ? (err.errors.length ? err.errors.map((x) => l(x.messages)) : [l(err.messages)]) : [t('photos.failed')]);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <fieldset className="photo-field">
      <legend>{t('photos.legend')}</legend>
      {value.length ? (
        <ul className="photo-list">
          {value.map((p, i) => (
            <li key={p.url} className="photo-item">
              <img src={p.url} alt="" className="photo-thumb" />
              <div>
                <TextInput
                  label={t('photos.alt', { n: i + 1 })}
                  hint={t('photos.altHint')}
                  value={p.alt}
                  required
                  maxLength={300}
                  onChange={(e) => onChange(value.map((x, k) => (k === i ? { ...x, alt: e.target.value } : x)))}
                  errors={[...errorsOf(`photos.${i}.alt`), ...errorsOf(`photos.${i}.url`)]}
                />
                <button type="button" className="btn secondary small" onClick={() => onChange(value.filter((_, k) => k !== i))}>
                  {t('photos.remove', { n: i + 1 })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('photos.none')}</p>
      )}
      {value.length < MAX_PHOTOS ? (
        <div className={`field${error.length ? ' has-error' : ''}`}>
          <label htmlFor={id}>{t('photos.add')}</label>
          <p className="hint" id={`${id}-hint`}>
            {ready ? t('photos.hint') : t('photos.chooseOrganization')}
          </p>
          <input
            ref={input}
            id={id}
            type="file"
            accept={ACCEPT}
            className="input"
            disabled={!ready || busy}
            aria-describedby={[`${id}-hint`, error.length ? `${id}-error` : ''].filter(Boolean).join(' ')}
            aria-invalid={error.length ? true : undefined}
            onChange={(e) => void upload(e)}
          />
          {busy ? (
            <p className="hint" role="status">
              {t('photos.uploading')}
            </p>
          ) : null}
          {error.length ? (
            <p className="field-error" id={`${id}-error`} role="alert">
              {error.join(' ')}
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
