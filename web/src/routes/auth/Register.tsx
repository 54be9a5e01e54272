import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, setCsrfToken, type Session } from '../../api.ts';
import { useI18n, type Lang } from '../../i18n/index.tsx';
import { PageHeader, Select, TextInput } from '../../ui/index.tsx';
import { AuthCard, FormAlert, onlyFieldErrors, safeNext, useErrorsOf, useFocusFirstInvalid, type LocalErrors } from './forms.tsx';

/** The password rule of the API (identity schema: at least 10 characters). */
export const PASSWORD_MIN = 10;

const FIELDS = ['displayName', 'email', 'password', 'locale'];

/** Sign up: name, e-mail, password and language; signed in at once, then to /me. */
export function Register() {
  const { t, l, lang, setLang } = useI18n();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState<Lang>(lang);
  const [local, setLocal] = useState<LocalErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const alertId = useId();
  const register = useMutation({
    mutationFn: (body: { email: string; password: string; displayName: string; locale: Lang }) => api<Session>('/api/v1/auth/register', { method: 'POST', body }),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.setQueryData(['session'], s);
      setLang(s.user.locale);
      void navigate(next, { replace: true });
    },
  });
  const errorsOf = useErrorsOf(local, register.error);
  useFocusFirstInvalid(form, register.error ?? (Object.keys(local).length ? local : null));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (register.isPending) return;
    const found: LocalErrors = {};
    if (!displayName.trim()) found.displayName = [t('auth.displayNameMissing')];
    if (!email.trim()) found.email = [t('auth.emailMissing')];
    if (password.length < PASSWORD_MIN) found.password = [t('auth.passwordTooShort', { min: PASSWORD_MIN })];
    if (Object.keys(found).length) {
      register.reset();
      setLocal(found);
      return;
    }
    setLocal({});
    register.mutate({ displayName: displayName.trim(), email: email.trim(), password, locale });
  };

  const error = register.error;
  const general = error && !onlyFieldErrors(error, FIELDS) ? (error instanceof ApiError ? l(error.messages) : t('state.error')) : null;
  return (
    <AuthCard>
      <PageHeader title={t('auth.registerTitle')} lead={t('auth.registerLead')} />
      <form ref={form} noValidate onSubmit={submit} aria-describedby={general ? alertId : undefined} className="auth-form">
        {general ? (
          <FormAlert id={alertId}>
            <p>{general}</p>
            {error instanceof ApiError && error.status === 403 ? <p>{t('auth.signupClosedHint')}</p> : null}
          </FormAlert>
        ) : null}
        <TextInput
          label={t('auth.displayName')}
          hint={t('auth.displayNameHint')}
          name="displayName"
          autoComplete="name"
          maxLength={80}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          errors={errorsOf('displayName')}
        />
        <TextInput
          label={t('auth.email')}
          hint={t('auth.emailHint')}
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
        <TextInput
          label={t('auth.password')}
          hint={t('auth.passwordRule', { min: PASSWORD_MIN })}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={errorsOf('password')}
        />
        <Select
          label={t('auth.locale')}
          hint={t('auth.localeHint')}
          name="locale"
          value={locale}
          onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'ko')}
          errors={errorsOf('locale')}
          options={[
            { value: 'ko', label: '한국어' },
            { value: 'en', label: 'English' },
          ]}
        />
        <div className="actions">
          <button type="submit" className="btn primary" aria-disabled={register.isPending || undefined}>
            {register.isPending ? t('auth.registering') : t('auth.registerSubmit')}
          </button>
        </div>
      </form>
      <ul className="auth-links">
        <li>
          {t('auth.haveAccount')} <Link to={params.get('next') ? `/login?next=${encodeURIComponent(next)}` : '/login'}>{t('auth.loginLink')}</Link>
        </li>
      </ul>
    </AuthCard>
  );
}
