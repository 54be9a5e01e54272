import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError, type Organization } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { ErrorState, Loading, PageHeader, TextArea, useFieldErrors } from '../../ui/index.tsx';
import { useOrganization } from '../../queries.ts';
import { type HistoryEntry, type HistoryPage } from './data.ts';
import { DistrictPin } from './DistrictPin.tsx';
import './public.css';

const HISTORY_PAGE = 10;

/** One organisation's public profile: what it is, where, its dated status changes, how its profile changed, and how to manage it. */
export function OrganizationPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const org = useOrganization(id);
  if (org.isPending) return <Loading />;
  if (org.isError) {
    if (org.error instanceof ApiError && (org.error.status === 404 || org.error.status === 400)) return <OrganizationNotFound />;
    return (
      <>
        <PageHeader title={t('public.org.errorTitle')} />
        <ErrorState error={org.error} retry={() => void org.refetch()} />
      </>
    );
  }
  // Keyed by organisation: moving to another one (a council link) starts its claim form afresh.
  return <Profile key={org.data.id} o={org.data} />;
}

function OrganizationNotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('public.org.notFound')} lead={t('public.org.notFoundHint')} />
      <ul className="pub-links">
        <li>
          <Link to="/organizations">{t('public.org.toDirectory')}</Link>
        </li>
        <li>
          <Link to="/map">{t('public.org.toMap')}</Link>
        </li>
      </ul>
    </>
  );
}

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const formatRegNo = (v: string) => (/^\d{10}$/.test(v) ? `${v.slice(0, 3)}-${v.slice(3, 5)}-${v.slice(5)}` : v);
const SOCIAL: Record<string, string> = { instagram: 'Instagram', facebook: 'Facebook', blog: 'Blog', youtube: 'YouTube', twitter: 'X (Twitter)', x: 'X', kakao: 'KakaoTalk', band: 'BAND' };
const socialName = (k: string) => SOCIAL[k.toLowerCase()] ?? k;
const hostOf = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

function Profile({ o }: { o: Organization }) {
  const { t, l, d, lang } = useI18n();
  const rows: [MessageKey, ReactNode][] = [];
  const add = (key: MessageKey, v: ReactNode) => {
    if (v !== null && v !== undefined && v !== '') rows.push([key, v]);
  };
  add('public.field.type', o.type ? l(o.type.label) : null);
  add('public.field.subtype', o.subtype && o.subtype.label.ko !== o.type?.label.ko ? l(o.subtype.label) : null);
  add('public.field.industry', o.industry ? l(o.industry.label) : null);
  add('public.field.district', o.district ? l(o.district.name) : null);
  add('public.field.address', o.roadAddress ? <span lang="ko">{o.roadAddress}</span> : null);
  add('public.field.phone', o.phone ? <a href={`tel:${o.phone.replace(/[^0-9+]/g, '')}`}>{o.phone}</a> : null);
  add('public.field.email', o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : null);
  add('public.field.website', o.website ? <a href={o.website}>{hostOf(o.website)}</a> : null);
  const social = Object.entries(o.socialLinks);
  add(
    'public.field.socialLinks',
    social.length ? (
      <ul className="pub-inline-list">
        {social.map(([k, url]) => (
          <li key={k}>
            <a href={url}>{socialName(k)}</a>
          </li>
        ))}
      </ul>
    ) : null,
  );
  add('public.field.representative', o.representative ? <span lang="ko">{o.representative}</span> : null);
  add('public.field.legalForm', o.legalForm ? <span lang="ko">{o.legalForm}</span> : null);
  add('public.field.businessRegNo', o.businessRegNo ? formatRegNo(o.businessRegNo) : null);
  add('public.field.foundedOn', o.foundedOn ? <time dateTime={o.foundedOn}>{d(o.foundedOn)}</time> : null);
  add('public.field.employees', o.employees !== null ? t('public.people', { count: o.employees }) : null);
  add('public.field.members', o.members !== null ? t('public.people', { count: o.members }) : null);
  add('public.field.status', t(`public.status.${o.status}`));
  add(
    'public.field.councils',
    o.councils.length ? (
      <ul className="pub-inline-list">
        {o.councils.map((c) => (
          <li key={c.id}>
            <Link to={`/organizations/${c.id}`} lang="ko">
              {c.name}
            </Link>
          </li>
        ))}
      </ul>
    ) : null,
  );
  const events = [...o.statusHistory].sort((a, b) => a.on.localeCompare(b.on));
  const where = [o.district ? l(o.district.name) : '', o.roadAddress ?? ''].filter(Boolean).join(' · ');

  return (
    <>
      <nav aria-label={t('public.org.breadcrumb')} className="pub-breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('nav.home')}</Link>
          </li>
          <li>
            <Link to="/organizations">{t('nav.directory')}</Link>
          </li>
        </ol>
      </nav>
      <PageHeader title={o.name} lead={lang === 'en' && o.nameEn ? o.nameEn : undefined}>
        <p className="pub-badges">
          {o.type ? <span className="badge primary">{l(o.type.label)}</span> : null}
          {o.status === 'closed' ? <span className="badge pub-closed">{t('public.status.closed')}</span> : null}
          {o.isDemo ? <span className="badge pub-demo">{t('public.demo')}</span> : null}
        </p>
        {o.isDemo ? <p className="hint">{t('public.org.demoNote')}</p> : null}
      </PageHeader>
      <div className="pub-profile">
        <div className="pub-profile-info">
          {o.description ? (
            <Section title={t('public.org.about')}>
              <p className="pub-text" lang="ko">
                {o.description}
              </p>
            </Section>
          ) : null}
          <Section title={t('public.org.details')}>
            <dl className="pub-details">
              {rows.map(([key, v]) => (
                <div key={key}>
                  <dt>{t(key)}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </Section>
        </div>
        <div className="pub-profile-side">
          <Section title={t('public.org.location')} className="card pub-place">
            {o.district ? (
              <DistrictPin
                districtCode={o.district.code}
                location={o.location}
                label={o.location ? t('public.org.mapLabel', { district: l(o.district.name), address: o.roadAddress ?? l(o.district.name) }) : t('public.org.mapLabelNoPin', { district: l(o.district.name) })}
              />
            ) : null}
            <p className="pub-place-text">{where || t('public.org.noLocation')}</p>
            {o.location ? (
              <p>
                <Link to={`/map?lat=${o.location.lat}&lon=${o.location.lon}&zoom=16&org=${o.id}`}>{t('public.org.onMap')}</Link>
              </p>
            ) : null}
          </Section>
          <Claim o={o} />
        </div>
        <div className="pub-profile-rest">
          <Section title={t('public.org.products')}>{o.products ? <p className="pub-text" lang="ko">{o.products}</p> : <p className="hint">{t('public.org.noProducts')}</p>}</Section>
          <Section title={t('public.org.statusHistory')}>
            {events.length ? (
              <ol className="pub-timeline">
                {events.map((e, i) => (
                  <li key={`${e.on}-${e.kind}-${i}`}>
                    <time dateTime={e.on}>{d(e.on)}</time> <strong>{t(`public.event.${e.kind}` as MessageKey)}</strong>
                    {e.note ? (
                      <>
                        {' '}
                        <span lang="ko">{e.note}</span>
                      </>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="hint">{t('public.org.noStatusHistory')}</p>
            )}
          </Section>
          <ChangeHistory id={o.id} />
          <p className="hint pub-updated">{t('public.org.updatedAt', { date: d(o.updatedAt) })}</p>
        </div>
      </div>
    </>
  );
}

function ChangeHistory({ id }: { id: string }) {
  const { t, d } = useI18n();
  const history = useInfiniteQuery({
    queryKey: ['organization', id, 'history'],
    queryFn: ({ pageParam }) => api<HistoryPage>(`/api/v1/organizations/${id}/history?page=${pageParam}&pageSize=${HISTORY_PAGE}`),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const entries = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section title={t('public.org.changeHistory')}>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorState error={history.error} retry={() => void history.refetch()} />
      ) : entries.length === 0 ? (
        <p className="hint">{t('public.org.noChanges')}</p>
      ) : (
        <>
          <ol className="pub-changes">
            {entries.map((e) => (
              <li key={`${e.at}-${e.action}`}>
                <p className="pub-change-head">
                  <time dateTime={e.at}>{d(e.at, true)}</time> <strong>{actionLabel(t, e.action)}</strong>
                </p>
                {e.action !== 'organization.create' && e.changes.length ? <Changes entry={e} /> : null}
              </li>
            ))}
          </ol>
          {history.hasNextPage ? (
            <button type="button" className="btn secondary small" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
              {history.isFetchingNextPage ? t('state.loading') : t('public.org.moreChanges')}
            </button>
          ) : null}
        </>
      )}
    </Section>
  );
}

function actionLabel(t: ReturnType<typeof useI18n>['t'], action: string): string {
  const known: Record<string, MessageKey> = {
    'organization.create': 'public.action.create',
    'organization.update': 'public.action.update',
    'organization.status_event': 'public.action.statusEvent',
    'organization.proposal_approved': 'public.action.proposalApproved',
  };
  const key = known[action];
  return key ? t(key) : t('public.action.other');
}

const FIELD_KEYS: Record<string, MessageKey> = {
  name: 'public.field.name',
  nameEn: 'public.field.nameEn',
  legalForm: 'public.field.legalForm',
  representative: 'public.field.representative',
  type: 'public.field.type',
  subtype: 'public.field.subtype',
  industry: 'public.field.industry',
  district: 'public.field.district',
  roadAddress: 'public.field.address',
  location: 'public.field.location',
  phone: 'public.field.phone',
  email: 'public.field.email',
  website: 'public.field.website',
  socialLinks: 'public.field.socialLinks',
  description: 'public.field.description',
  products: 'public.field.products',
  businessRegNo: 'public.field.businessRegNo',
  foundedOn: 'public.field.foundedOn',
  status: 'public.field.status',
  employees: 'public.field.employees',
  members: 'public.field.members',
  statusHistory: 'public.org.statusHistory',
  councils: 'public.field.councils',
};

function Changes({ entry }: { entry: HistoryEntry }) {
  const { t } = useI18n();
  const show = useShowValue();
  return (
    <dl className="pub-change-list">
      {entry.changes.map((c) => {
        const key = FIELD_KEYS[c.field];
        return (
          <div key={c.field}>
            <dt>{key ? t(key) : c.field}</dt>
            <dd>
              <span className="visually-hidden">{t('public.history.before')} </span>
              <span className={isEmpty(c.before) ? 'pub-before pub-none' : 'pub-before'}>{show(c.field, c.before)}</span>
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden">, {t('public.history.after')} </span>
              <span className="pub-after">{show(c.field, c.after)}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** A profile value from the audit log, written for people. */
function useShowValue() {
  const { t, l, n, d } = useI18n();
  const cut = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);
  const show = (field: string, v: unknown): string => {
    if (isEmpty(v)) return t('public.history.none');
    if (typeof v === 'number') return n(v);
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'string') {
      if (field === 'foundedOn' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return d(v);
      if (field === 'status' && (v === 'operating' || v === 'closed')) return t(`public.status.${v}`);
      if (field === 'businessRegNo') return formatRegNo(v);
      return cut(v);
    }
    if (Array.isArray(v)) {
      return v
        .map((item: unknown) => {
          const e = item as { kind?: string; on?: string; name?: string };
          if (field === 'statusHistory' && e.kind && e.on) return `${d(e.on)} ${t(`public.event.${e.kind}` as MessageKey)}`;
          if (typeof e.name === 'string') return e.name;
          return typeof item === 'string' ? item : JSON.stringify(item);
        })
        .join(', ');
    }
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.label && typeof o.label === 'object') return l(o.label as { ko: string; en: string });
      if (o.name && typeof o.name === 'object') return l(o.name as { ko: string; en: string });
      if (typeof o.lat === 'number' && typeof o.lon === 'number') return `${o.lat.toFixed(5)}, ${o.lon.toFixed(5)}`;
      const entries = Object.entries(o);
      return entries.length ? cut(entries.map(([k, x]) => `${field === 'socialLinks' ? socialName(k) : k}: ${String(x)}`).join(', ')) : t('public.history.none');
    }
    return String(v);
  };
  return show;
}

interface MyRequests {
  items: { organizationId: string; status: 'pending' | 'approved' | 'rejected'; createdAt: string }[];
}

/** "Manage this organisation": sign in, ask to manage it (once), or (for its managers) propose an edit. */
function Claim({ o }: { o: Organization }) {
  const { t, d } = useI18n();
  const session = useSession();
  const location = useLocation();
  const qc = useQueryClient();
  const doneRef = useRef<HTMLParagraphElement>(null);
  const s = session.data;
  const membership = s?.memberships.find((m) => m.organizationId === o.id);
  // A request already waiting for the centre is shown as such instead of offering the form again.
  const mine = useQuery({
    queryKey: ['public', 'my-pending-claims', s?.user.id],
    queryFn: () => api<MyRequests>('/api/v1/me/membership-requests?status=pending&pageSize=200'),
    enabled: !!s && !membership,
  });
  const claim = useMutation({
    mutationFn: (message: string) => api<unknown>(`/api/v1/organizations/${o.id}/claims`, { method: 'POST', body: { message: message || null } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['public', 'my-pending-claims'] }),
  });
  const fieldErrors = useFieldErrors(claim.error);
  useEffect(() => {
    if (claim.isSuccess) doneRef.current?.focus();
  }, [claim.isSuccess]);
  const pending = mine.data?.items.find((r) => r.organizationId === o.id && r.status === 'pending');
  const messageErrors = fieldErrors('message');
  // Errors not about the message field (e.g. a request already waiting) are shown as an alert.
  const otherError = claim.isError && messageErrors.length === 0 ? claim.error : null;

  let body: ReactNode;
  if (session.isPending || (mine.isPending && mine.fetchStatus !== 'idle')) body = <Loading />;
  else if (!s) {
    body = (
      <>
        <p>{t('public.claim.signedOut')}</p>
        <p>
          <Link className="btn secondary small" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
            {t('public.claim.signIn')}
          </Link>
        </p>
      </>
    );
  } else if (membership) {
    body = (
      <>
        <p>{t(membership.role === 'owner' ? 'public.claim.youOwn' : 'public.claim.youEdit')}</p>
        <p>
          <Link className="btn secondary small" to={`/me/organizations/${o.id}/propose`}>
            {t('public.claim.propose')}
          </Link>
        </p>
      </>
    );
  } else {
    body = (
      <>
        <div role="status">
          {claim.isSuccess ? (
            <div className="alert success">
              <p ref={doneRef} tabIndex={-1}>
                {t('public.claim.sent')}
              </p>
              <p>
                <Link to="/me">{t('public.claim.seeMine')}</Link>
              </p>
            </div>
          ) : null}
        </div>
        {claim.isSuccess ? null : pending ? (
          <>
            <p>{t('public.claim.pending', { date: d(pending.createdAt) })}</p>
            <p>
              <Link to="/me">{t('public.claim.seeMine')}</Link>
            </p>
          </>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              claim.mutate(String(new FormData(e.currentTarget).get('message') ?? '').trim());
            }}
          >
            <p>{t('public.claim.explain')}</p>
            <TextArea name="message" label={t('public.claim.message')} hint={t('public.claim.messageHint')} maxLength={1000} rows={3} errors={messageErrors} />
            {otherError ? <ErrorState error={otherError} /> : null}
            <button type="submit" className="btn primary small" disabled={claim.isPending}>
              {claim.isPending ? t('public.claim.sending') : t('public.claim.send')}
            </button>
          </form>
        )}
      </>
    );
  }
  return (
    <Section title={t('public.claim.title')} className="card pub-claim">
      {body}
    </Section>
  );
}
