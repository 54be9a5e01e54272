import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, qs, type Organization, type OrganizationPage, type User, type Page } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { Alert, Empty, ErrorState, Loading, PageHeader, Pagination, Select, TextInput } from '../../ui/index.tsx';
import { useOrganization } from '../../queries.ts';
import { keys, PAGE_SIZE, type Member } from './data.ts';

const ROLE_LABEL: Record<User['role'], MessageKey> = { admin: 'staff.role.admin', staff: 'staff.role.staff', member: 'staff.role.member' };
const MEMBER_ROLE_LABEL: Record<Member['role'], MessageKey> = { owner: 'staff.role.owner', editor: 'staff.role.editor' };

type Notice = { kind: 'success' | 'danger'; text: string } | null;

/** /staff/users: people and their roles (admins change them), and who manages each organisation. */
export function Users() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('staff.users.title')} lead={t('staff.users.lead')}>
        <nav className="staff-jump" aria-label={t('staff.mod.jump')}>
          <ul>
            <li>
              <a href="#people">{t('staff.users.peopleTitle')}</a>
            </li>
            <li>
              <a href="#managers">{t('staff.users.managersTitle')}</a>
            </li>
          </ul>
        </nav>
      </PageHeader>
      <People />
      <Managers />
    </>
  );
}

function NoticeArea({ notice }: { notice: Notice }) {
  return (
    <>
      <div role="status" className="staff-status">
        {notice?.kind === 'success' ? <Alert kind="success">{notice.text}</Alert> : null}
      </div>
      {notice?.kind === 'danger' ? (
        <Alert kind="danger">
          <p>{notice.text}</p>
        </Alert>
      ) : null}
    </>
  );
}

function People() {
  const { t, n } = useI18n();
  const session = useSession();
  const isAdmin = session.data?.user.role === 'admin';
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const query = { q: q || undefined, role: role || undefined, page };
  const list = useQuery({
    queryKey: keys.users(query),
    queryFn: () => api<Page<User>>(`/api/v1/users${qs({ ...query, pageSize: PAGE_SIZE })}`),
    placeholderData: (prev) => prev,
  });
  const [notice, setNotice] = useState<Notice>(null);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = new URLSearchParams(params);
    for (const k of ['q', 'role']) {
      const v = String(data.get(k) ?? '').trim();
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('page');
    setParams(next);
  }
  const hrefOf = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    return `?${next.toString()}`;
  };
  return (
    <section className="staff-section" aria-labelledby="people">
      <h2 id="people">{t('staff.users.peopleTitle')}</h2>
      {!isAdmin ? <p className="staff-note">{t('staff.users.adminOnly')}</p> : null}
      <form className="staff-filters" onSubmit={submit} key={`${q}|${role}`} aria-label={t('staff.users.searchLabel')}>
        <TextInput name="q" type="search" label={t('staff.users.q')} hint={t('staff.users.qHint')} defaultValue={q} />
        <Select
          name="role"
          label={t('staff.users.role')}
          defaultValue={role}
          options={[
            { value: '', label: t('staff.users.allRoles') },
            { value: 'admin', label: t('staff.role.admin') },
            { value: 'staff', label: t('staff.role.staff') },
            { value: 'member', label: t('staff.role.member') },
          ]}
        />
        <div className="actions staff-filter-actions">
          <button type="submit" className="btn primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      <NoticeArea notice={notice} />
      <p role="status" className="staff-count">
        {list.data ? t('staff.users.count', { count: n(list.data.total) }) : ''}
      </p>
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : !list.data?.items.length ? (
        <Empty>{t('staff.users.none')}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="staff-users">
              <caption className="visually-hidden">{t('staff.users.peopleTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.users.colName')}</th>
                  <th scope="col">{t('staff.users.colRole')}</th>
                  <th scope="col">{t('staff.users.colState')}</th>
                  <th scope="col">{t('staff.users.colSince')}</th>
                  {isAdmin ? <th scope="col">{t('staff.users.colManage')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((u) => (
                  <UserRow key={u.id} user={u} isAdmin={isAdmin} self={u.id === session.data?.user.id} onNotice={setNotice} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pages={Math.ceil(list.data.total / PAGE_SIZE)} hrefOf={hrefOf} />
        </>
      )}
    </section>
  );
}

function UserRow({ user: u, isAdmin, self, onNotice }: { user: User; isAdmin: boolean; self: boolean; onNotice(n: Notice): void }) {
  const { t, l, d } = useI18n();
  const qc = useQueryClient();
  const [role, setRole] = useState<User['role']>(u.role);
  const [busy, setBusy] = useState(false);
  const locked = u.lockedUntil && new Date(u.lockedUntil) > new Date();

  async function patch(body: Partial<Pick<User, 'role' | 'disabled'>>, success: string) {
    setBusy(true);
    try {
      await api<User>(`/api/v1/users/${u.id}`, { method: 'PATCH', body });
      onNotice({ kind: 'success', text: success });
      await qc.invalidateQueries({ queryKey: keys.usersAll });
    } catch (e) {
      onNotice({ kind: 'danger', text: e instanceof ApiError ? l(e.messages) : t('state.error') });
      setRole(u.role);
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr>
      <th scope="row">
        {u.displayName}
        {self ? <span className="badge">{t('staff.users.you')}</span> : null}
        <br />
        <a className="staff-small staff-email" href={`mailto:${u.email}`}>
          {u.email}
        </a>
      </th>
      <td>{t(ROLE_LABEL[u.role])}</td>
      <td>{u.disabled ? <span className="badge">{t('staff.users.disabled')}</span> : locked ? <span className="badge">{t('staff.users.locked')}</span> : t('staff.users.active')}</td>
      <td>
        <time dateTime={u.createdAt}>{d(u.createdAt)}</time>
      </td>
      {isAdmin ? (
        <td>
          <form
            className="staff-row-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (role !== u.role) void patch({ role }, t('staff.users.roleChanged', { name: u.displayName, role: t(ROLE_LABEL[role]) }));
            }}
          >
            <select className="input" aria-label={t('staff.users.roleOf', { name: u.displayName })} value={role} onChange={(e) => setRole(e.target.value as User['role'])} disabled={busy}>
              {(['member', 'staff', 'admin'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_LABEL[r])}
                </option>
              ))}
            </select>
            <button type="submit" className="btn secondary small" disabled={busy || role === u.role}>
              {t('staff.users.changeRole')}
              <span className="visually-hidden"> ({u.displayName})</span>
            </button>
          </form>
          {self ? null : (
            <button
              type="button"
              className={`btn small ${u.disabled ? 'secondary' : 'text'}`}
              disabled={busy}
              onClick={() =>
                void patch({ disabled: !u.disabled }, t(u.disabled ? 'staff.users.enabled' : 'staff.users.disabledDone', { name: u.displayName }))
              }
            >
              {t(u.disabled ? 'staff.users.enable' : 'staff.users.disable')}
              <span className="visually-hidden"> ({u.displayName})</span>
            </button>
          )}
        </td>
      ) : null}
    </tr>
  );
}

function Managers() {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org') ?? '';
  const search = params.get('orgQ') ?? '';
  const results = useQuery({
    queryKey: keys.orgSearch(search),
    queryFn: () => api<OrganizationPage>(`/api/v1/organizations${qs({ q: search, pageSize: 10 })}`),
    enabled: search.length > 0,
  });
  const org = useOrganization(orgId, { retry: false });
  const hrefWith = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    return `?${next.toString()}#managers`;
  };
  return (
    <section className="staff-section" aria-labelledby="managers">
      <h2 id="managers">{t('staff.users.managersTitle')}</h2>
      <p>{t('staff.users.managersLead')}</p>
      <form
        className="staff-filters staff-org-search"
        key={search}
        aria-label={t('staff.users.orgSearchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          const v = String(new FormData(e.currentTarget).get('orgQ') ?? '').trim();
          const next = new URLSearchParams(params);
          if (v) next.set('orgQ', v);
          else next.delete('orgQ');
          setParams(next);
        }}
      >
        <TextInput name="orgQ" type="search" label={t('staff.users.orgQ')} hint={t('staff.users.orgQHint')} defaultValue={search} />
        <div className="actions staff-filter-actions">
          <button type="submit" className="btn primary">
            {t('staff.users.findOrg')}
          </button>
        </div>
      </form>
      {search ? (
        results.isLoading ? (
          <Loading />
        ) : results.error ? (
          <ErrorState error={results.error} retry={() => void results.refetch()} />
        ) : !results.data?.items.length ? (
          <Empty>{t('staff.users.noOrgs', { q: search })}</Empty>
        ) : (
          <>
            {results.data.total > results.data.items.length ? (
              <p className="staff-note">{t('staff.users.moreOrgs', { total: results.data.total, shown: results.data.items.length })}</p>
            ) : null}
            <ul className="staff-org-results" aria-label={t('staff.users.orgResults', { q: search })}>
              {results.data.items.map((o) => (
                <li key={o.id}>
                  <Link to={hrefWith({ org: o.id })} aria-current={o.id === orgId ? 'true' : undefined}>
                    {o.name}
                  </Link>{' '}
                  <span className="staff-small">
                    {[l(o.type?.label), l(o.district?.name)].filter(Boolean).join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
      {orgId ? (
        org.isLoading ? (
          <Loading />
        ) : org.error ? (
          <ErrorState error={org.error} />
        ) : org.data ? (
          <OrganizationManagers organization={org.data} />
        ) : null
      ) : null}
    </section>
  );
}

function OrganizationManagers({ organization: o }: { organization: Organization }) {
  const { t, l, d } = useI18n();
  const qc = useQueryClient();
  const members = useQuery({ queryKey: keys.members(o.id), queryFn: () => api<Member[]>(`/api/v1/organizations/${o.id}/members`) });
  const [notice, setNotice] = useState<Notice>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Member['role']>('editor');
  const [emailErrors, setEmailErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function add(e: FormEvent) {
    e.preventDefault();
    const wanted = email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(wanted)) {
      setEmailErrors([t('staff.users.emailInvalid')]);
      return;
    }
    setEmailErrors([]);
    setBusy(true);
    try {
      const found = await api<Page<User>>(`/api/v1/users${qs({ q: wanted, pageSize: 50 })}`);
      const user = found.items.find((u) => u.email.toLowerCase() === wanted);
      if (!user) {
        setEmailErrors([t('staff.users.noSuchUser')]);
        return;
      }
      await api(`/api/v1/organizations/${o.id}/members/${user.id}`, { method: 'PUT', body: { role } });
      setNotice({ kind: 'success', text: t('staff.users.memberSet', { name: user.displayName, org: o.name, role: t(MEMBER_ROLE_LABEL[role]) }) });
      setEmail('');
      await qc.invalidateQueries({ queryKey: keys.members(o.id) });
    } catch (err) {
      setNotice({ kind: 'danger', text: err instanceof ApiError ? l(err.messages) : t('state.error') });
    } finally {
      setBusy(false);
    }
  }
  async function remove(m: Member) {
    setBusy(true);
    try {
      await api(`/api/v1/organizations/${o.id}/members/${m.userId}`, { method: 'DELETE' });
      setNotice({ kind: 'success', text: t('staff.users.memberRemoved', { name: m.displayName, org: o.name }) });
      await qc.invalidateQueries({ queryKey: keys.members(o.id) });
    } catch (err) {
      setNotice({ kind: 'danger', text: err instanceof ApiError ? l(err.messages) : t('state.error') });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="card staff-managers">
      <h3>
        <Link to={`/organizations/${o.id}`}>{o.name}</Link>
      </h3>
      <NoticeArea notice={notice} />
      {members.isLoading ? (
        <Loading />
      ) : members.error ? (
        <ErrorState error={members.error} retry={() => void members.refetch()} />
      ) : !members.data?.length ? (
        <Empty>{t('staff.users.noManagers')}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t('staff.users.managersOf', { name: o.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.users.colName')}</th>
                <th scope="col">{t('staff.users.colMemberRole')}</th>
                <th scope="col">{t('staff.users.colMemberSince')}</th>
                <th scope="col">{t('staff.users.colManage')}</th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => (
                <tr key={m.userId}>
                  <th scope="row">
                    {m.displayName}
                    <br />
                    <span className="staff-small staff-email">{m.email}</span>
                  </th>
                  <td>{t(MEMBER_ROLE_LABEL[m.role])}</td>
                  <td>
                    <time dateTime={m.since}>{d(m.since)}</time>
                  </td>
                  <td>
                    <button type="button" className="btn text small" disabled={busy} onClick={() => void remove(m)}>
                      {t('staff.users.remove')}
                      <span className="visually-hidden"> ({m.displayName})</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="staff-add-manager" onSubmit={(e) => void add(e)} noValidate>
        <h4>{t('staff.users.addTitle')}</h4>
        <TextInput
          type="email"
          autoComplete="off"
          label={t('staff.users.email')}
          hint={t('staff.users.emailHint')}
          required
          value={email}
          errors={emailErrors}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Select
          label={t('staff.users.memberRole')}
          value={role}
          onChange={(e) => setRole(e.target.value as Member['role'])}
          options={[
            { value: 'editor', label: t('staff.role.editor') },
            { value: 'owner', label: t('staff.role.owner') },
          ]}
        />
        <div className="actions">
          <button type="submit" className="btn primary" disabled={busy}>
            {t('staff.users.add')}
          </button>
        </div>
      </form>
    </div>
  );
}
