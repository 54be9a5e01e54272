import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Alert, Empty, ErrorState, Loading, PageHeader, TextInput, useFieldErrors } from '../../ui/index.tsx';
import { useCreateYear, useYears } from './data.ts';
import { useFormat } from './parts.tsx';

/** /staff/programs: the years with their programmes and money, and a form to open a new year. */
export function Years() {
  const { t } = useI18n();
  const f = useFormat();
  const years = useYears();
  return (
    <>
      <PageHeader title={t('programs.years.title')} lead={t('programs.years.lead')} />
      {years.isLoading ? (
        <Loading />
      ) : years.error ? (
        <ErrorState error={years.error} retry={() => void years.refetch()} />
      ) : years.data?.length ? (
        <div className="table-wrap">
          <table className="programs-years">
            <caption>{t('programs.years.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programs.years.year')}</th>
                <th scope="col">{t('programs.years.yearTitle')}</th>
                <th scope="col" className="num">
                  {t('programs.years.count')}
                </th>
                <th scope="col" className="num">
                  {t('programs.col.granted')}
                </th>
                <th scope="col" className="num">
                  {t('programs.col.spent')}
                </th>
              </tr>
            </thead>
            <tbody>
              {years.data.map((y) => (
                <tr key={y.year}>
                  <th scope="row">
                    <Link to={`/staff/programs/${y.year}`}>{t('programs.years.yearLink', { year: String(y.year) })}</Link>
                  </th>
                  <td>
                    {y.title}
                    {y.isDemo ? (
                      <>
                        {' '}
                        <span className="badge">{t('programs.years.demo')}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{f.num(y.programCount)}</td>
                  <td className="num">{f.won(y.granted)}</td>
                  <td className="num">{f.won(y.spent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty>{t('programs.years.empty')}</Empty>
      )}
      <NewYear />
    </>
  );
}

function NewYear() {
  const { t } = useI18n();
  const create = useCreateYear();
  const navigate = useNavigate();
  const errorsOf = useFieldErrors(create.error);
  const [local, setLocal] = useState<string[]>([]);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const year = Number(String(data.get('year') ?? '').trim());
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      setLocal([t('programs.years.badYear')]);
      return;
    }
    setLocal([]);
    create.mutate(
      { year, title: String(data.get('title') ?? '').trim(), organisationName: String(data.get('organisationName') ?? '').trim() },
      { onSuccess: () => void navigate(`/staff/programs/${year}`) },
    );
  }
  return (
    <section className="programs-section" aria-labelledby="new-year">
      <h2 id="new-year">{t('programs.years.newTitle')}</h2>
      <form className="form-narrow" onSubmit={submit} noValidate>
        <TextInput name="year" label={t('programs.years.year')} inputMode="numeric" required errors={[...local, ...errorsOf('year')]} />
        <TextInput name="title" label={t('programs.years.yearTitle')} hint={t('programs.years.titleHint')} required errors={errorsOf('title')} />
        <TextInput name="organisationName" label={t('programs.years.organisation')} errors={errorsOf('organisationName')} />
        {create.error && !(create.error instanceof ApiError && create.error.errors.length) ? <ErrorState error={create.error} /> : null}
        {create.error instanceof ApiError && create.error.errors.length ? (
          <Alert kind="danger">
            <p>{t('programs.form.fixErrors')}</p>
          </Alert>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn primary" disabled={create.isPending}>
            {t('programs.years.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
