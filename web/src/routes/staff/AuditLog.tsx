import { useQuery } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, qs, type Page } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading, PageHeader, Pagination, Select, TextInput } from '../../ui/index.tsx';
import { keys, PAGE_SIZE, type AuditRecord } from './data.ts';

const FILTERS = ['action', 'entityType', 'entityId', 'actorId', 'requestId', 'from', 'to'] as const;

const ENTITY_TYPES: Record<string, MessageKey> = {
  organization: 'staff.audit.entity.organization',
  organization_proposal: 'staff.audit.entity.organization_proposal',
  organization_member: 'staff.audit.entity.organization_member',
  membership_request: 'staff.audit.entity.membership_request',
  user: 'staff.audit.entity.user',
  api_token: 'staff.audit.entity.api_token',
};

const ACTIONS: Record<string, MessageKey> = {
  'organization.create': 'staff.action.organization.create',
  'organization.update': 'staff.action.organization.update',
  'organization.status_event': 'staff.action.organization.status_event',
  'organization.proposal_approved': 'staff.action.organization.proposal_approved',
  'organization.import': 'staff.action.organization.import',
  'organization.demo_seed': 'staff.action.organization.demo_seed',
  'organization.demo_remove': 'staff.action.organization.demo_remove',
  'organization_proposal.create': 'staff.action.organization_proposal.create',
  'organization_proposal.reject': 'staff.action.organization_proposal.reject',
  'membership.create': 'staff.action.membership.create',
  'membership.update': 'staff.action.membership.update',
  'membership.delete': 'staff.action.membership.delete',
  'membership_request.create': 'staff.action.membership_request.create',
  'membership_request.approve': 'staff.action.membership_request.approve',
  'membership_request.reject': 'staff.action.membership_request.reject',
  'user.register': 'staff.action.user.register',
  'user.create': 'staff.action.user.create',
  'user.update': 'staff.action.user.update',
  'user.password_change': 'staff.action.user.password_change',
  'user.password_reset_request': 'staff.action.user.password_reset_request',
  'user.password_reset': 'staff.action.user.password_reset',
  'auth.login': 'staff.action.auth.login',
  'auth.login_failed': 'staff.action.auth.login_failed',
  'auth.logout': 'staff.action.auth.logout',
  'api_token.create': 'staff.action.api_token.create',
  'api_token.revoke': 'staff.action.api_token.revoke',
};

/** A calendar day in Seoul as the instant it starts; `to` days count whole, so the bound is the next day. */
function seoulDay(date: string, nextDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const start = new Date(`${date}T00:00:00+09:00`);
  if (Number.isNaN(start.getTime())) return undefined;
  if (nextDay) start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /staff/audit: every recorded change, filtered by the URL's query (shareable), newest first. */
export function AuditLog() {
  const { t, n } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const f = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const actorInvalid = f.actorId !== '' && !UUID.test(f.actorId);
  const query = {
    action: f.action || undefined,
    entityType: f.entityType || undefined,
    entityId: f.entityId || undefined,
    actorId: actorInvalid ? undefined : f.actorId || undefined,
    requestId: f.requestId || undefined,
    from: seoulDay(f.from),
    to: seoulDay(f.to, true),
    page: String(page),
  };
  const list = useQuery({
    queryKey: keys.audit(query),
    queryFn: () => api<Page<AuditRecord>>(`/api/v1/audit${qs({ ...query, pageSize: PAGE_SIZE })}`),
    placeholderData: (prev) => prev,
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const k of FILTERS) {
      const v = String(data.get(k) ?? '').trim();
      if (v) next.set(k, v);
    }
    setParams(next);
  }
  const hrefWith = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    return `?${next.toString()}`;
  };
  const filtered = FILTERS.some((k) => f[k]);
  return (
    <>
      <PageHeader title={t('staff.audit.title')} lead={t('staff.audit.lead')} />
      <form className="staff-filters staff-audit-filters" onSubmit={submit} key={params.toString()} aria-label={t('staff.audit.filters')}>
        <TextInput name="action" label={t('staff.audit.action')} hint={t('staff.audit.actionHint')} defaultValue={f.action} list="staff-audit-actions" />
        <datalist id="staff-audit-actions">
          {Object.keys(ACTIONS).map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <Select
          name="entityType"
          label={t('staff.audit.entityType')}
          defaultValue={f.entityType}
          options={[{ value: '', label: t('staff.audit.allEntities') }, ...Object.entries(ENTITY_TYPES).map(([value, label]) => ({ value, label: t(label) }))]}
        />
        <TextInput name="entityId" label={t('staff.audit.entityId')} defaultValue={f.entityId} />
        <TextInput
          name="actorId"
          label={t('staff.audit.actorId')}
          hint={t('staff.audit.actorIdHint')}
          defaultValue={f.actorId}
          errors={actorInvalid ? [t('staff.audit.actorIdInvalid')] : []}
        />
        <TextInput name="requestId" label={t('staff.audit.requestId')} defaultValue={f.requestId} />
        <TextInput name="from" type="date" label={t('staff.audit.from')} defaultValue={f.from} />
        <TextInput name="to" type="date" label={t('staff.audit.to')} defaultValue={f.to} />
        <div className="actions staff-filter-actions">
          <button type="submit" className="btn primary">
            {t('staff.audit.apply')}
          </button>
          {filtered ? (
            <Link className="btn secondary" to="/staff/audit">
              {t('staff.audit.clear')}
            </Link>
          ) : null}
        </div>
      </form>
      <p role="status" className="staff-count">
        {list.data ? t('staff.audit.count', { count: n(list.data.total) }) : ''}
      </p>
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : !list.data?.items.length ? (
        <Empty>{filtered ? t('staff.audit.noneFiltered') : t('staff.audit.none')}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="staff-audit">
              <caption>{t('staff.audit.caption', { page: n(page), pages: n(Math.max(1, Math.ceil(list.data.total / PAGE_SIZE))) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.audit.colAt')}</th>
                  <th scope="col">{t('staff.audit.colActor')}</th>
                  <th scope="col">{t('staff.audit.colAction')}</th>
                  <th scope="col">{t('staff.audit.colEntity')}</th>
                </tr>
              </thead>
              {list.data.items.map((r) => (
                <AuditRow key={r.id} record={r} hrefWith={hrefWith} />
              ))}
            </table>
          </div>
          <Pagination page={page} pages={Math.ceil(list.data.total / PAGE_SIZE)} hrefOf={(p) => hrefWith({ page: String(p) })} />
        </>
      )}
    </>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="staff-json">
      <p id={id}>
        <strong>{label}</strong>
      </p>
      {value === null || value === undefined ? (
        <p>{t('staff.value.empty')}</p>
      ) : (
        // Scrollable when long: focusable so that keyboard users can scroll it too.
        <pre tabIndex={0} aria-labelledby={id}>
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}

function AuditRow({ record: r, hrefWith }: { record: AuditRecord; hrefWith(changes: Record<string, string | undefined>): string }) {
  const { t, d } = useI18n();
  const actionLabel = ACTIONS[r.action];
  const entityLabel = ENTITY_TYPES[r.entityType];
  // Each entry is its own group of rows: what happened, then its before/after across the table.
  return (
    <tbody className="staff-audit-entry">
      <tr>
        <td>
          <time dateTime={r.at}>{d(r.at, true)}</time>
        </td>
        <td>
          {r.actor.label}
          {r.actor.userId ? (
            <>
              <br />
              <Link className="staff-small" to={hrefWith({ actorId: r.actor.userId })}>
                {t('staff.audit.onlyActor')}
              </Link>
            </>
          ) : null}
        </td>
        <td>
          {actionLabel ? t(actionLabel) : null}
          <br />
          <code className="staff-small staff-id">{r.action}</code>
        </td>
        <td>
          {entityLabel ? t(entityLabel) : r.entityType}
          {r.entityId ? (
            <>
              <br />
              {r.entityType === 'organization' ? (
                <>
                  <Link className="staff-small" to={`/organizations/${r.entityId}`}>
                    {t('staff.audit.openOrganization')}
                  </Link>
                  <br />
                </>
              ) : null}
              <Link className="staff-small" to={hrefWith({ entityType: r.entityType, entityId: r.entityId })}>
                {t('staff.audit.onlyEntity')}
              </Link>
            </>
          ) : null}
        </td>
      </tr>
      <tr className="staff-audit-more">
        <td colSpan={4}>
          <details className="staff-details">
            <summary>{t('staff.audit.beforeAfter')}</summary>
            <div className="staff-json-pair">
              <Json label={t('staff.audit.before')} value={r.before} />
              <Json label={t('staff.audit.after')} value={r.after} />
            </div>
            <p className="staff-small staff-id">
              {r.entityId ? (
                <>
                  {t('staff.audit.entityId')}: <code>{r.entityId}</code> ·{' '}
                </>
              ) : null}
              {t('staff.audit.requestId')}: {r.requestId ? <code>{r.requestId}</code> : t('staff.value.empty')}
              {r.ip ? (
                <>
                  {' · IP '}
                  <code>{r.ip}</code>
                </>
              ) : null}
            </p>
          </details>
        </td>
      </tr>
    </tbody>
  );
}
