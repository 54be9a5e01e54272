import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useLogin, useSession } from '../../session.ts';
import { PageHeader, TextInput } from '../../ui/index.tsx';
import { AuthCard, FormAlert, onlyFieldErrors, safeNext, useErrorsOf, useFocusFirstInvalid, type LocalErrors } from './forms.tsx';

/** Sign in with e-mail and password, then back to where the person was going (`?next=`) or to /me. */
export function Login() {
  const { t, l } = useI18n();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const login = useLogin();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<LocalErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const alertId = useId();
  const errorsOf = useErrorsOf(local, login.error);
  useFocusFirstInvalid(form, login.error ?? (Object.keys(local).length ? local : null));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (login.isPending) return;
    const found: LocalErrors = {};
    if (!email.trim()) found.email = [t('auth.emailMissing')];
    if (!password) found.password = [t('auth.passwordMissing')];
    if (Object.keys(found).length) {
      login.reset();
      setLocal(found);
      return;
    }
    setLocal({});
    login.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  const error = login.error;
  const general = error && !onlyFieldErrors(error, ['email', 'password']) ? (error instanceof ApiError ? l(error.messages) : t('state.error')) : null;
  return (
    <AuthCard>
      <PageHeader title={t('auth.loginTitle')} lead={t('auth.loginLead')} />
      {session.data && !login.isSuccess ? (
        <div className="alert">
          <p>
            {t('auth.alreadySignedIn', { name: session.data.user.displayName })} <Link to="/me">{t('auth.toMine')}</Link>
          </p>
        </div>
      ) : null}
      <form ref={form} noValidate onSubmit={submit} aria-describedby={general ? alertId : undefined} className="auth-form">
        {general ? (
          <FormAlert id={alertId}>
            <p>{general}</p>
            {error instanceof ApiError && error.status === 401 ? <p>{t('auth.loginFailedHint')}</p> : null}
          </FormAlert>
        ) : null}
        <TextInput
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={errorsOf('email')}
        />
        <TextInput
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={errorsOf('password')}
        />
        <div className="actions">
          <button type="submit" className="btn primary" aria-disabled={login.isPending || undefined}>
            {login.isPending ? t('auth.loggingIn') : t('auth.loginSubmit')}
          </button>
        </div>
      </form>
      <ul className="auth-links">
        <li>
          <Link to="/password-reset">{t('auth.forgotPassword')}</Link>
        </li>
        <li>
          {t('auth.noAccount')} <Link to={params.get('next') ? `/register?next=${encodeURIComponent(next)}` : '/register'}>{t('auth.registerLink')}</Link>
        </li>
      </ul>
    </AuthCard>
  );
}
