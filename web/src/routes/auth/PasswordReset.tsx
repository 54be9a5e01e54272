import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { PageHeader, TextInput } from '../../ui/index.tsx';
import { AuthCard, FormAlert, onlyFieldErrors, useErrorsOf, useFocusFirstInvalid, useFocusOnMount, type LocalErrors } from './forms.tsx';
import { PASSWORD_MIN } from './Register.tsx';

/**
 * /password-reset: asks for the e-mail address. The answer is the same whether or not the address
 * has an account (the API always says 202), so the page cannot be used to find out who is registered.
 */
export function ResetRequest() {
  const { t, l } = useI18n();
  const [email, setEmail] = useState('');
  const [local, setLocal] = useState<LocalErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const alertId = useId();
  const request = useMutation({ mutationFn: (body: { email: string }) => api<void>('/api/v1/auth/password-reset', { method: 'POST', body }) });
  const errorsOf = useErrorsOf(local, request.error);
  useFocusFirstInvalid(form, request.error ?? (Object.keys(local).length ? local : null));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (request.isPending) return;
    if (!email.trim()) {
      request.reset();
      setLocal({ email: [t('auth.emailMissing')] });
      return;
    }
    setLocal({});
    request.mutate({ email: email.trim() });
  };

  const error = request.error;
  const general = error && !onlyFieldErrors(error, ['email']) ? (error instanceof ApiError ? l(error.messages) : t('state.error')) : null;
  return (
    <AuthCard>
      <PageHeader title={t('auth.resetTitle')} lead={request.isSuccess ? undefined : t('auth.resetLead')} />
      {request.isSuccess ? (
        <ResetSent email={email.trim()} onAgain={() => request.reset()} />
      ) : (
        <form ref={form} noValidate onSubmit={submit} aria-describedby={general ? alertId : undefined} className="auth-form">
          {general ? (
            <FormAlert id={alertId}>
              <p>{general}</p>
            </FormAlert>
          ) : null}
          <TextInput
            label={t('auth.email')}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={errorsOf('email')}
          />
          <div className="actions">
            <button type="submit" className="btn primary" aria-disabled={request.isPending || undefined}>
              {request.isPending ? t('auth.sending') : t('auth.resetSubmit')}
            </button>
          </div>
        </form>
      )}
      <ul className="auth-links">
        <li>
          <Link to="/login">{t('auth.backToLogin')}</Link>
        </li>
      </ul>
    </AuthCard>
  );
}

function ResetSent({ email, onAgain }: { email: string; onAgain: () => void }) {
  const { t } = useI18n();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div className="alert success" role="status" tabIndex={-1} ref={ref}>
      <p>{t('auth.resetSent', { email })}</p>
      <p>{t('auth.resetSentHint')}</p>
      <button type="button" className="btn secondary small" onClick={onAgain}>
        {t('auth.resetAgain')}
      </button>
    </div>
  );
}

/** /reset-password?token=…: the link of the mail; sets a new password (typed twice). */
export function ResetConfirm() {
  const { t, l } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [local, setLocal] = useState<LocalErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const alertId = useId();
  const qc = useQueryClient();
  const confirm = useMutation({
    mutationFn: (body: { token: string; newPassword: string }) => api<void>('/api/v1/auth/password-reset/confirm', { method: 'POST', body }),
    // Every session of the account ends, this browser's included if it was signed in.
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['session'] }),
  });
  const errorsOf = useErrorsOf(local, confirm.error);
  useFocusFirstInvalid(form, confirm.error ?? (Object.keys(local).length ? local : null));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (confirm.isPending) return;
    const found: LocalErrors = {};
    if (password.length < PASSWORD_MIN) found.newPassword = [t('auth.passwordTooShort', { min: PASSWORD_MIN })];
    if (password !== again) found.confirmPassword = [t('auth.passwordMismatch')];
    if (Object.keys(found).length) {
      confirm.reset();
      setLocal(found);
      return;
    }
    setLocal({});
    confirm.mutate({ token, newPassword: password });
  };

  if (!token) {
    return (
      <AuthCard>
        <PageHeader title={t('auth.newPasswordTitle')} />
        <div className="alert warning">
          <p>{t('auth.tokenMissing')}</p>
        </div>
        <p>
          <Link to="/password-reset">{t('auth.askAgain')}</Link>
        </p>
      </AuthCard>
    );
  }
  if (confirm.isSuccess) {
    return (
      <AuthCard>
        <PageHeader title={t('auth.newPasswordTitle')} />
        <PasswordChanged />
      </AuthCard>
    );
  }

  const error = confirm.error;
  // The token is not a field one can fix here: its errors (invalid, expired, used) are the page's.
  const tokenBad = error instanceof ApiError && error.forField('token').length > 0;
  const general = error && !onlyFieldErrors(error, ['newPassword']) ? (error instanceof ApiError ? (tokenBad ? error.forField('token').map((e) => l(e.messages)).join(' ') : l(error.messages)) : t('state.error')) : null;
  return (
    <AuthCard>
      <PageHeader title={t('auth.newPasswordTitle')} lead={t('auth.newPasswordLead')} />
      <form ref={form} noValidate onSubmit={submit} aria-describedby={general ? alertId : undefined} className="auth-form">
        {general ? (
          <FormAlert id={alertId}>
            <p>{general}</p>
            {tokenBad ? (
              <p>
                <Link to="/password-reset">{t('auth.askAgain')}</Link>
              </p>
            ) : null}
          </FormAlert>
        ) : null}
        <TextInput
          label={t('auth.newPassword')}
          hint={t('auth.passwordRule', { min: PASSWORD_MIN })}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={errorsOf('newPassword')}
        />
        <TextInput
          label={t('auth.confirmPassword')}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          errors={errorsOf('confirmPassword')}
        />
        <div className="actions">
          <button type="submit" className="btn primary" aria-disabled={confirm.isPending || undefined}>
            {confirm.isPending ? t('auth.saving') : t('auth.newPasswordSubmit')}
          </button>
        </div>
      </form>
    </AuthCard>
  );
}

function PasswordChanged() {
  const { t } = useI18n();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div className="alert success" role="status" tabIndex={-1} ref={ref}>
      <p>{t('auth.passwordChanged')}</p>
      <p>
        <Link to="/login">{t('auth.loginWithNew')}</Link>
      </p>
    </div>
  );
}
