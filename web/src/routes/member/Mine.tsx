import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import type { Session } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { ErrorState, Loading, PageHeader } from '../../ui/index.tsx';
import { ChangesTable } from './ChangesTable.tsx';
import { type MembershipRequest, type Proposal } from '../../api.ts';
import { PROPOSALS_SHOWN, useClaims, useProposals } from './data.ts';
import { useOrganization, useTaxonomy } from '../../queries.ts';
import { fieldLabel, orderFields } from './profile.ts';
import { SignInPrompt, StatusBadge } from './parts.tsx';
import { MyPrograms } from '../programs/MyPrograms.tsx';
import { MyBookings } from '../spaces/MyBookings.tsx';
import { MyProcurement } from '../procurement/MyProcurement.tsx';
import './member.css';

/** /me: links to my sharing requests and notifications, the organisations I manage, the edits I proposed and where they stand, my requests to manage one. */
export default function Mine() {
  const { t } = useI18n();
  const session = useSession();
  const qc = useQueryClient();
  // Memberships change when staff confirm a request: ask again whenever the page opens.
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: ['session'] });
  }, [qc]);

  if (session.isLoading) {
    return (
      <div className="member-page">
        <PageHeader title={t('member.mineTitle')} />
        <Loading />
      </div>
    );
  }
  if (session.error) {
    return (
      <div className="member-page">
        <PageHeader title={t('member.mineTitle')} />
        <ErrorState error={session.error} retry={() => void session.refetch()} />
      </div>
    );
  }
  const s = session.data;
  if (!s) {
    return (
      <div className="member-page">
        <PageHeader title={t('member.mineTitle')} />
        <SignInPrompt next="/me" message={t('member.signInToSee')} />
      </div>
    );
  }
  return <MinePage session={s} />;
}

function MinePage({ session }: { session: Session }) {
  const { t } = useI18n();
  const memberships = session.memberships;
  return (
    <div className="member-page">
      <PageHeader title={t('member.mineTitle')} lead={t('member.mineLead')} />
      <nav aria-label={t('member.shortcuts')} className="member-shortcuts">
        <ul>
          <li>
            <Link to="/me/requests">{t('member.toRequests')}</Link>
          </li>
          <li>
            <Link to="/me/notifications">{t('member.toNotifications')}</Link>
          </li>
          {memberships.length ? (
            <li>
              <Link to="/catalogue/mine">{t('catalogue.toMine')}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <section aria-labelledby="my-orgs">
        <h2 id="my-orgs">{t('member.orgsHeading')}</h2>
        {memberships.length ? (
          <ul className="org-list">
            {memberships.map((m) => (
              <OrganizationCard key={m.organizationId} id={m.organizationId} role={m.role} />
            ))}
          </ul>
        ) : (
          <NoOrganisations />
        )}
      </section>
      <MyPrograms session={session} />
      <MyBookings session={session} />
      <MyProcurement />
      <Claims />
    </div>
  );
}

function NoOrganisations() {
  const { t } = useI18n();
  return (
    <div className="card how-to-claim">
      <p>{t('member.noOrgs')}</p>
      <ol>
        <li>{t('member.claimStep1')}</li>
        <li>{t('member.claimStep2')}</li>
        <li>{t('member.claimStep3')}</li>
      </ol>
      <p>
        <Link className="btn primary" to="/organizations">
          {t('member.toDirectory')}
        </Link>
      </p>
    </div>
  );
}

const ROLE: Record<'owner' | 'editor', MessageKey> = { owner: 'member.role.owner', editor: 'member.role.editor' };

function OrganizationCard({ id, role }: { id: string; role: 'owner' | 'editor' }) {
  const { t, l } = useI18n();
  const org = useOrganization(id);
  const headingId = `org-${id}`;
  const o = org.data;
  return (
    <li className="card org-card">
      <div className="org-card-head">
        <div>
          <h3 id={headingId}>
            {o ? <Link to={`/organizations/${id}`}>{o.name}</Link> : org.isLoading ? t('state.loading') : t('member.unknownOrg')}
          </h3>
          {o ? (
            <p className="org-meta">
              {[l(o.type?.label), l(o.subtype?.label), l(o.district?.name)].filter(Boolean).join(' · ')}
            </p>
          ) : null}
          <p className="org-role">
            {t('member.myRole')}: <strong>{t(ROLE[role])}</strong>
          </p>
        </div>
        <Link className="btn primary small" to={`/me/organizations/${id}/propose`}>
          {t('member.proposeLink')}
          {o ? <span className="visually-hidden"> ({o.name})</span> : null}
        </Link>
      </div>
      {org.error ? <ErrorState error={org.error} retry={() => void org.refetch()} /> : null}
      <Proposals id={id} name={o?.name} />
    </li>
  );
}

function Proposals({ id, name }: { id: string; name: string | undefined }) {
  const { t } = useI18n();
  const proposals = useProposals(id);
  const headingId = `proposals-${id}`;
  return (
    <section aria-labelledby={headingId} className="proposals">
      <h4 id={headingId}>
        {t('member.proposalsHeading')}
        {name ? <span className="visually-hidden"> ({name})</span> : null}
      </h4>
      {proposals.isLoading ? (
        <Loading />
      ) : proposals.error ? (
        <ErrorState error={proposals.error} retry={() => void proposals.refetch()} />
      ) : proposals.data?.items.length ? (
        <>
          <ul className="proposal-list">
            {proposals.data.items.map((p) => (
              <ProposalItem key={p.id} p={p} />
            ))}
          </ul>
          {proposals.data.total > PROPOSALS_SHOWN ? <p className="hint">{t('member.proposalsMore', { shown: PROPOSALS_SHOWN, total: proposals.data.total })}</p> : null}
        </>
      ) : (
        <p className="muted">{t('member.noProposals')}</p>
      )}
    </section>
  );
}

const PROPOSAL_STATUS: Record<Proposal['status'], MessageKey> = {
  pending: 'member.proposal.pending',
  approved: 'member.proposal.approved',
  rejected: 'member.proposal.rejected',
};

function ProposalItem({ p }: { p: Proposal }) {
  const { t, d } = useI18n();
  const taxonomy = useTaxonomy();
  const fields = orderFields(Object.keys(p.changes));
  return (
    <li className={`proposal ${p.status}`}>
      <p className="proposal-head">
        <StatusBadge status={p.status} label={t(PROPOSAL_STATUS[p.status])} />
        <span>{t('member.proposedOn', { date: d(p.createdAt, true) })}</span>
      </p>
      <p>
        {t('member.changedFields')}: {fields.map((f) => fieldLabel(t, f)).join(', ')}
      </p>
      {p.status === 'pending' ? <p className="muted">{t('member.proposalPendingHint')}</p> : null}
      {p.status === 'approved' ? <p>{t('member.proposalApprovedOn', { date: p.decidedAt ? d(p.decidedAt, true) : '' })}</p> : null}
      {p.status === 'rejected' ? (
        <>
          <p>{t('member.proposalRejectedOn', { date: p.decidedAt ? d(p.decidedAt, true) : '' })}</p>
          <p className="reason">
            <strong>{t('member.reason')}:</strong> {p.reason || t('member.noReason')}
          </p>
        </>
      ) : null}
      {p.note ? (
        <p className="muted">
          {t('member.myNote')}: {p.note}
        </p>
      ) : null}
      <details>
        <summary>{t('member.showChanges')}</summary>
        <ChangesTable caption={t('member.changesCaption', { date: d(p.createdAt) })} fields={fields} before={p.before} after={p.changes} taxonomy={taxonomy.data} />
      </details>
    </li>
  );
}

const CLAIM_STATUS: Record<MembershipRequest['status'], MessageKey> = {
  pending: 'member.claim.pending',
  approved: 'member.claim.approved',
  rejected: 'member.claim.rejected',
};

function Claims() {
  const { t } = useI18n();
  const claims = useClaims();
  return (
    <section aria-labelledby="my-claims">
      <h2 id="my-claims">{t('member.claimsHeading')}</h2>
      {claims.isLoading ? (
        <Loading />
      ) : claims.error ? (
        <ErrorState error={claims.error} retry={() => void claims.refetch()} />
      ) : claims.data?.items.length ? (
        <ul className="claim-list">
          {claims.data.items.map((c) => (
            <ClaimItem key={c.id} c={c} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('member.noClaims')}</p>
      )}
    </section>
  );
}

function ClaimItem({ c }: { c: MembershipRequest }) {
  const { t, d } = useI18n();
  const org = useOrganization(c.organizationId);
  return (
    <li className="card claim">
      <p className="claim-name">
        {org.data ? <Link to={`/organizations/${c.organizationId}`}>{org.data.name}</Link> : org.isLoading ? t('state.loading') : t('member.unknownOrg')}
      </p>
      <p className="proposal-head">
        <StatusBadge status={c.status} label={t(CLAIM_STATUS[c.status])} />
        <span>{t('member.claimedOn', { date: d(c.createdAt, true) })}</span>
      </p>
      {c.status === 'pending' ? <p className="muted">{t('member.claimPendingHint')}</p> : null}
      {c.status === 'approved' ? (
        <p>
          {t('member.claimApprovedOn', { date: c.decidedAt ? d(c.decidedAt, true) : '' })}
          {c.grantedRole ? ` ${t('member.claimRole', { role: t(ROLE[c.grantedRole]) })}` : null}
        </p>
      ) : null}
      {c.status === 'rejected' ? (
        <>
          <p>{t('member.claimRejectedOn', { date: c.decidedAt ? d(c.decidedAt, true) : '' })}</p>
          <p className="reason">
            <strong>{t('member.reason')}:</strong> {c.reason || t('member.noReason')}
          </p>
        </>
      ) : null}
    </li>
  );
}
