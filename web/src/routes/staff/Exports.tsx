import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, qs, type OrganizationPage } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { PageHeader, Select, TextInput } from '../../ui/index.tsx';
import { keys } from './data.ts';
import { useTaxonomy } from '../../queries.ts';

const FORMATS: { key: 'csv' | 'xlsx' | 'geojson' | 'jsonld'; name: MessageKey; about: MessageKey }[] = [
  { key: 'csv', name: 'staff.exports.csv', about: 'staff.exports.csvAbout' },
  { key: 'xlsx', name: 'staff.exports.xlsx', about: 'staff.exports.xlsxAbout' },
  { key: 'geojson', name: 'staff.exports.geojson', about: 'staff.exports.geojsonAbout' },
  { key: 'jsonld', name: 'staff.exports.jsonld', about: 'staff.exports.jsonldAbout' },
];

/** /staff/exports: the directory, filtered as the directory page filters it, in four formats. */
export function Exports() {
  const { t, l, n } = useI18n();
  const taxonomy = useTaxonomy();
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get('q') ?? undefined,
    type: params.get('type') ?? undefined,
    district: params.get('district') ?? undefined,
    status: params.get('status') ?? undefined,
  };
  const count = useQuery({
    queryKey: keys.count(filters),
    queryFn: () => api<OrganizationPage>(`/api/v1/organizations${qs({ ...filters, pageSize: 1 })}`),
    placeholderData: (prev) => prev,
  });
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const types = taxonomy.data?.types ?? [];
  const districts = [...(taxonomy.data?.districts ?? [])].sort((a, b) => l(a.name).localeCompare(l(b.name)));
  return (
    <>
      <PageHeader title={t('staff.exports.title')} lead={t('staff.exports.lead')} />
      <section className="staff-section" aria-labelledby="export-filters">
        <h2 id="export-filters">{t('staff.exports.filtersTitle')}</h2>
        <form
          className="staff-filters"
          onSubmit={(e) => {
            e.preventDefault();
            set('q', String(new FormData(e.currentTarget).get('q') ?? '').trim());
          }}
        >
          <Select
            label={t('staff.exports.type')}
            value={filters.type ?? ''}
            onChange={(e) => set('type', e.target.value)}
            options={[{ value: '', label: t('staff.exports.allTypes') }, ...types.map((ty) => ({ value: ty.key, label: l(ty.label) }))]}
          />
          <Select
            label={t('staff.exports.district')}
            value={filters.district ?? ''}
            onChange={(e) => set('district', e.target.value)}
            options={[{ value: '', label: t('staff.exports.allDistricts') }, ...districts.map((d) => ({ value: d.code, label: l(d.name) }))]}
          />
          <Select
            label={t('staff.exports.status')}
            value={filters.status ?? ''}
            onChange={(e) => set('status', e.target.value)}
            options={[
              { value: '', label: t('staff.exports.allStatuses') },
              { value: 'operating', label: t('staff.value.operating') },
              { value: 'closed', label: t('staff.value.closed') },
            ]}
          />
          <TextInput name="q" type="search" label={t('staff.exports.q')} hint={t('staff.exports.qHint')} defaultValue={filters.q ?? ''} onBlur={(e) => set('q', e.target.value.trim())} />
        </form>
        <p role="status" className="staff-count">
          {count.data ? t('staff.exports.matching', { count: n(count.data.total) }) : count.isLoading ? t('state.loading') : ''}
        </p>
      </section>
      <section className="staff-section" aria-labelledby="export-formats">
        <h2 id="export-formats">{t('staff.exports.formatsTitle')}</h2>
        <ul className="staff-cards">
          {FORMATS.map((f) => (
            <li key={f.key} className="card staff-card">
              <h3>{t(f.name)}</h3>
              <p>{t(f.about)}</p>
              <p>
                <a className="btn secondary small" href={`/api/v1/organizations/export${qs({ ...filters, format: f.key })}`} download>
                  {t('staff.exports.download', { format: t(f.name) })}
                </a>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
