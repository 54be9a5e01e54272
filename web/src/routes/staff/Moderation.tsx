import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, qs, type MembershipRequest, type Page, type Proposal } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Alert, Empty, ErrorState, Loading, PageHeader, Pagination, Select } from '../../ui/index.tsx';
import { Decision } from './Decision.tsx';
import { FIELD_ORDER, fieldLabel, formatValue } from './fields.ts';
import { keys, PAGE_SIZE, useUser } from './data.ts';
import { invalidateOrganization, useOrganization, useTaxonomy } from '../../queries.ts';
import { keys as memberKeys } from '../member/data.ts';

/** /staff/moderation: members' edit proposals, then requests to manage an organisation. */
export function Moderation() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('staff.mod.title')} lead={t('staff.mod.lead')}>
        <nav className="staff-jump" aria-label={t('staff.mod.jump')}>
          <ul>
            <li>
              <a href="#proposals">{t('staff.mod.proposalsTitle')}</a>
            </li>
            <li>
              <a href="#claims">{t('staff.mod.claimsTitle')}</a>
            </li>
          </ul>
        </nav>
      </PageHeader>
      <ProposalQueue />
      <ClaimQueue />
    </>
  );
}

/** Runs after a decision: takes the item out of the page at once, says so, and refreshes the counts. */
function useDecided<T extends { id: string }>(queryKey: readonly unknown[], allKey: readonly unknown[]) {
  const qc = useQueryClient();
  const [message, setMessage] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  return {
    message,
    headingRef,
    done(id: string, text: string) {
      qc.setQueryData<Page<T>>(queryKey, (old) => (old ? { ...old, items: old.items.filter((x) => x.id !== id), total: old.total - 1 } : old));
      setMessage(text);
      // The item (and the button that had focus) is gone: keep keyboard users in this section.
      headingRef.current?.focus();
      void qc.invalidateQueries({ queryKey: keys.pendingCounts });
      void qc.invalidateQueries({ queryKey: allKey, refetchType: 'none' });
    },
  };
}

interface QueueProps<T extends { id: string }> {
  /** The section's id: its heading's anchor (#proposals, #claims). */
  id: string;
  title: string;
  lead: string;
  empty: string;
  listLabel(total: number): string;
  /** The query parameter holding this queue's page, so both queues page on one address. */
  pageParam: string;
  /** Where a page link lands ('#claims' for the queue further down the page). */
  pageHash: string;
  queryKey(page: number): readonly unknown[];
  allKey: readonly unknown[];
  /** The API list of pending items, for a page. */
  path(page: number): string;
  item(x: T, onDone: (text: string) => void): ReactNode;
}

/** One queue of pending items: heading with its count, confirmation of the last decision, the page of items, paging. */
function Queue<T extends { id: string }>(q: QueueProps<T>) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get(q.pageParam)) || 1);
  const queryKey = q.queryKey(page);
  const list = useQuery({ queryKey, queryFn: () => api<Page<T>>(q.path(page)) });
  const decided = useDecided<T>(queryKey, q.allKey);
  const hrefOf = (p: number) => {
    const next = new URLSearchParams(params);
    next.set(q.pageParam, String(p));
    return `?${next.toString()}${q.pageHash}`;
  };
  return (
    <section className="staff-section" aria-labelledby={q.id}>
      <h2 id={q.id} tabIndex={-1} ref={decided.headingRef}>
        {q.title}
        {list.data ? <span className="badge">{t('staff.mod.waiting', { count: list.data.total })}</span> : null}
      </h2>
      <p>{q.lead}</p>
      <div role="status" className="staff-status">
        {decided.message ? <Alert kind="success">{decided.message}</Alert> : null}
      </div>
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : !list.data?.items.length ? (
        <Empty>{q.empty}</Empty>
      ) : (
        <>
          <ul className="staff-items" aria-label={q.listLabel(list.data.total)}>
            {list.data.items.map((x) => q.item(x, (text) => decided.done(x.id, text)))}
          </ul>
          <Pagination page={page} pages={Math.ceil(list.data.total / PAGE_SIZE)} hrefOf={hrefOf} />
        </>
      )}
    </section>
  );
}

function ProposalQueue() {
  const { t, n } = useI18n();
  return (
    <Queue<Proposal>
      id="proposals"
      title={t('staff.mod.proposalsTitle')}
      lead={t('staff.mod.proposalsLead')}
      empty={t('staff.mod.noProposals')}
      listLabel={(total) => t('staff.mod.proposalsList', { count: n(total) })}
      pageParam="page"
      pageHash=""
      queryKey={keys.proposals}
      allKey={keys.proposalsAll}
      path={(page) => `/api/v1/directory/proposals${qs({ status: 'pending', page, pageSize: PAGE_SIZE })}`}
      item={(p, onDone) => <ProposalItem key={p.id} proposal={p} onDone={onDone} />}
    />
  );
}

function ClaimQueue() {
  const { t, n } = useI18n();
  return (
    <Queue<MembershipRequest>
      id="claims"
      title={t('staff.mod.claimsTitle')}
      lead={t('staff.mod.claimsLead')}
      empty={t('staff.mod.noClaims')}
      listLabel={(total) => t('staff.mod.claimsList', { count: n(total) })}
      pageParam="claimsPage"
      pageHash="#claims"
      queryKey={keys.claims}
      allKey={keys.claimsAll}
      path={(page) => `/api/v1/membership-requests${qs({ status: 'pending', page, pageSize: PAGE_SIZE })}`}
      item={(r, onDone) => <ClaimItem key={r.id} request={r} onDone={onDone} />}
    />
  );
}

function Who({ userId }: { userId: string | null }) {
  const { t } = useI18n();
  const user = useUser(userId);
  if (!userId) return <>{t('staff.mod.unknownUser')}</>;
  if (user.isLoading) return <>…</>;
  if (!user.data) return <>{t('staff.mod.unknownUser')}</>;
  return (
    <>
      {user.data.displayName} (<a href={`mailto:${user.data.email}`}>{user.data.email}</a>)
    </>
  );
}

function ProposalItem({ proposal: p, onDone }: { proposal: Proposal; onDone(text: string): void }) {
  const { t, l, n, d } = useI18n();
  const qc = useQueryClient();
  const taxonomy = useTaxonomy();
  const headingId = useId();
  const name = p.organizationName ?? t('staff.mod.unnamed');
  const fields = Object.keys(p.changes).sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b));
  const fmt = { t, l, n, taxonomy: taxonomy.data };
  return (
    <li className="card staff-item">
      <h3 id={headingId}>
        <Link to={`/organizations/${p.organizationId}`}>{name}</Link>
      </h3>
      <dl className="staff-meta">
        <div>
          <dt>{t('staff.mod.proposedBy')}</dt>
          <dd>
            <Who userId={p.proposedBy} />
          </dd>
        </div>
        <div>
          <dt>{t('staff.mod.proposedAt')}</dt>
          <dd>
            <time dateTime={p.createdAt}>{d(p.createdAt, true)}</time>
          </dd>
        </div>
        {p.note ? (
          <div>
            <dt>{t('staff.mod.note')}</dt>
            <dd className="staff-text">{p.note}</dd>
          </div>
        ) : null}
      </dl>
      <div className="table-wrap">
        <table className="staff-changes">
          <caption>{t('staff.mod.changesCaption', { name, count: fields.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.mod.colField')}</th>
              <th scope="col">{t('staff.mod.colBefore')}</th>
              <th scope="col">
                <span aria-hidden="true">→ </span>
                {t('staff.mod.colAfter')}
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f}>
                <th scope="row">{fieldLabel(t, f)}</th>
                <td className="staff-text staff-before">{formatValue(f, p.before[f], fmt)}</td>
                <td className="staff-text staff-after">{formatValue(f, p.changes[f], fmt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Decision
        headingId={headingId}
        approveLabel={t('staff.mod.approve')}
        rejectLabel={t('staff.mod.reject')}
        confirmRejectLabel={t('staff.mod.confirmReject')}
        reasonLabel={t('staff.mod.reason')}
        reasonHint={t('staff.mod.reasonHint')}
        reasonMissing={t('staff.mod.reasonMissing')}
        onApprove={async () => {
          await api(`/api/v1/directory/proposals/${p.id}/approve`, { method: 'POST' });
          // The profile changed: every page that shows it (and its proposals' status) is fetched anew.
          void invalidateOrganization(qc, p.organizationId);
          void qc.invalidateQueries({ queryKey: memberKeys.proposals(p.organizationId) });
          onDone(t('staff.mod.approved', { name }));
        }}
        onReject={async (reason) => {
          await api(`/api/v1/directory/proposals/${p.id}/reject`, { method: 'POST', body: { reason } });
          void qc.invalidateQueries({ queryKey: memberKeys.proposals(p.organizationId) });
          onDone(t('staff.mod.rejected', { name }));
        }}
      />
    </li>
  );
}

function ClaimItem({ request: r, onDone }: { request: MembershipRequest; onDone(text: string): void }) {
  const { t, d } = useI18n();
  const qc = useQueryClient();
  const headingId = useId();
  const [role, setRole] = useState<'' | 'owner' | 'editor'>('');
  const org = useOrganization(r.organizationId, { staleTime: 60_000 });
  const name = org.data?.name ?? t('staff.mod.unnamed');
  const person = r.user?.displayName ?? t('staff.mod.unknownUser');
  return (
    <li className="card staff-item">
      <h3 id={headingId}>
        <Link to={`/organizations/${r.organizationId}`}>{org.isLoading ? '…' : name}</Link>
      </h3>
      <dl className="staff-meta">
        <div>
          <dt>{t('staff.mod.claimant')}</dt>
          <dd>
            {r.user ? (
              <>
                {r.user.displayName} (<a href={`mailto:${r.user.email}`}>{r.user.email}</a>)
              </>
            ) : (
              <Who userId={r.userId} />
            )}
          </dd>
        </div>
        <div>
          <dt>{t('staff.mod.askedAt')}</dt>
          <dd>
            <time dateTime={r.createdAt}>{d(r.createdAt, true)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('staff.mod.message')}</dt>
          <dd className="staff-text">{r.message || t('staff.mod.noMessage')}</dd>
        </div>
      </dl>
      <Decision
        headingId={headingId}
        approveLabel={t('staff.mod.confirmClaim')}
        rejectLabel={t('staff.mod.refuse')}
        confirmRejectLabel={t('staff.mod.confirmRefuse')}
        reasonLabel={t('staff.mod.refuseReason')}
        reasonHint={t('staff.mod.refuseReasonHint')}
        reasonMissing={t('staff.mod.refuseReasonMissing')}
        approveExtra={
          <div className="staff-inline-field">
            <Select
              label={t('staff.mod.grantRole')}
              value={role}
              onChange={(e) => setRole(e.target.value as typeof role)}
              options={[
                { value: '', label: t('staff.mod.roleAuto') },
                { value: 'owner', label: t('staff.role.owner') },
                { value: 'editor', label: t('staff.role.editor') },
              ]}
            />
          </div>
        }
        onApprove={async () => {
          const done = await api<MembershipRequest>(`/api/v1/membership-requests/${r.id}/approve`, { method: 'POST', body: role ? { role } : {} });
          void qc.invalidateQueries({ queryKey: keys.members(r.organizationId) });
          onDone(t('staff.mod.claimConfirmed', { person, name, role: t(done.grantedRole === 'owner' ? 'staff.role.owner' : 'staff.role.editor') }));
        }}
        onReject={async (reason) => {
          await api(`/api/v1/membership-requests/${r.id}/reject`, { method: 'POST', body: { reason } });
          onDone(t('staff.mod.claimRefused', { person, name }));
        }}
      />
    </li>
  );
}
