import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import './auth.css';

/**
 * Where to go after signing in: the `next` of the address when it is a path of this site
 * ("/me", "/organizations/…"), never another site ("//evil.example", "https://…", "/\\evil").
 */
export function safeNext(next: string | null | undefined, fallback = '/me'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(next)) return fallback;
  return next;
}

/** Field errors found before asking the API (empty fields, a confirmation that does not match). */
export type LocalErrors = Record<string, string[]>;

/** The errors of one field: ours first, else the API's for that path. */
export function useErrorsOf(local: LocalErrors, error: unknown) {
  const { l } = useI18n();
  return (path: string): string[] => {
    if (local[path]?.length) return local[path];
    return error instanceof ApiError ? error.forField(path).map((e) => l(e.messages)) : [];
  };
}

/** Whether an API error is only about fields the form shows (then no general alert is needed). */
export function onlyFieldErrors(error: unknown, fields: string[]): boolean {
  return error instanceof ApiError && error.errors.length > 0 && error.errors.every((e) => fields.some((f) => e.path === f || e.path.endsWith(`.${f}`)));
}

/** Moves focus to the first field (in form order) that has an error, after the errors are shown. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, trigger: unknown) {
  useEffect(() => {
    if (!trigger) return;
    const el = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  }, [form, trigger]);
}

/** The general error of a form, announced (role=alert) and referred to by the form. */
export function FormAlert({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div className="alert danger" role="alert" id={id}>
      {children}
    </div>
  );
}

/** A short page for one form, centred on wide screens. */
export function AuthCard({ children }: { children: ReactNode }) {
  return <div className="auth-card">{children}</div>;
}

/** Focuses an element once when it appears (a confirmation replacing a form). */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
