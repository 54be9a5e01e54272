import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api.ts';
import { useI18n, useTitle } from '../i18n/index.tsx';

/** A page's heading (h1) that also sets the document title. */
export function PageHeader({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  useTitle(title);
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </header>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t('state.loading')}
    </p>
  );
}

/** An error written for people: the API's own message when it has one, and a way to try again. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t, l } = useI18n();
  const message = error instanceof ApiError ? l(error.messages) : t('state.error');
  return (
    <div className="alert danger" role="alert">
      <p>{message}</p>
      {retry ? (
        <button type="button" className="btn secondary small" onClick={retry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="state empty">{children ?? t('state.empty')}</p>;
}

export function Alert({ kind = 'info', children, live }: { kind?: 'info' | 'success' | 'danger' | 'warning'; children: ReactNode; live?: boolean }) {
  return (
    <div className={`alert ${kind}`} role={kind === 'danger' ? 'alert' : live ? 'status' : undefined}>
      {children}
    </div>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  /** Errors of this field, as the API gave them (ApiError.forField) or written here. */
  errors?: string[];
  required?: boolean;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled control with its hint and its errors tied to it (aria-describedby, aria-invalid). */
export function Field({ label, hint, errors = [], required, children }: FieldProps) {
  const { t } = useI18n();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> ({t('common.required')})</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: errors.length > 0 })}
      {errors.length ? (
        <p className="field-error" id={errorId}>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; errors?: string[] };
export function TextInput({ label, hint, errors, required, ...rest }: InputProps) {
  return (
    <Field label={label} hint={hint} errors={errors} required={required}>
      {({ id, describedBy, invalid }) => <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} {...rest} />}
    </Field>
  );
}

type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: string; errors?: string[] };
export function TextArea({ label, hint, errors, required, ...rest }: TextareaProps) {
  return (
    <Field label={label} hint={hint} errors={errors} required={required}>
      {({ id, describedBy, invalid }) => <textarea id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} {...rest} />}
    </Field>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: string; errors?: string[]; options: { value: string; label: string }[] };
export function Select({ label, hint, errors, required, options, ...rest }: SelectProps) {
  return (
    <Field label={label} hint={hint} errors={errors} required={required}>
      {({ id, describedBy, invalid }) => (
        <select id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} {...rest}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Field errors of an API error for one field, in the current language. */
export function useFieldErrors(error: unknown) {
  const { l } = useI18n();
  return (path: string) => (error instanceof ApiError ? error.forField(path).map((e) => l(e.messages)) : []);
}

/** Previous / next page links that keep the rest of the query (shareable URLs). */
export function Pagination({ page, pages, hrefOf }: { page: number; pages: number; hrefOf: (page: number) => string }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('common.page', { page, pages })}>
      {page > 1 ? (
        <Link className="btn secondary small" to={hrefOf(page - 1)} rel="prev">
          {t('common.previous')}
        </Link>
      ) : null}
      <span aria-current="page">{t('common.page', { page, pages })}</span>
      {page < pages ? (
        <Link className="btn secondary small" to={hrefOf(page + 1)} rel="next">
          {t('common.next')}
        </Link>
      ) : null}
    </nav>
  );
}
