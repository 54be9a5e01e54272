import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { isStaff, useSession } from '../../session.ts';
import { Alert, Empty, ErrorState, Loading, PageHeader, Pagination, Select, TextArea, TextInput, useFieldErrors } from '../../ui/index.tsx';
import './orders.css';
import {
  settlementPath,
  useBundle,
  useBundles,
  useCancelOrder,
  useMyParts,
  useOrder,
  useOrderableBundles,
  useOrders,
  usePlaceOrder,
  useSettlement,
  useStep,
  type Bundle,
  type Order,
  type Side,
  type SubOrder,
  type SubOrderAction,
} from './data.ts';

const FLOW = ['received', 'confirmed', 'delivered', 'invoiced', 'paid'] as const;

function seoulToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function Won({ amount }: { amount: number }) {
  const { t, n } = useI18n();
  return <>{t('orders.won', { amount: n(amount) })}</>;
}

/** Links between the 맺음 pages, as far as the caller has a part. */
function OrdersNav() {
  const { t } = useI18n();
  const session = useSession();
  const parts = useMyParts(!!session.data);
  const p = parts.data;
  return (
    <nav className="ord-nav" aria-label={t('orders.nav.label')}>
      <ul>
        <li>
          <Link to="/orders">{t('orders.nav.shop')}</Link>
        </li>
        {p?.officerOf.length ? (
          <li>
            <Link to="/orders/mine">{t('orders.nav.mine')}</Link>
          </li>
        ) : null}
        {p?.organizations.length ? (
          <>
            <li>
              <Link to="/orders/supply">{t('orders.nav.supply')}</Link>
            </li>
            <li>
              <Link to="/orders/intermediary">{t('orders.nav.intermediary')}</Link>
            </li>
          </>
        ) : null}
        {isStaff(session.data) ? (
          <li>
            <Link to="/staff/orders">{t('orders.nav.staff')}</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

// ——— /orders: the shop ———

function BundleCard({ b }: { b: Bundle }) {
  const { t } = useI18n();
  return (
    <li className="card ord-card">
      {b.photos[0] ? <img src={b.photos[0].url} alt={b.photos[0].alt} className="ord-card-photo" loading="lazy" width={480} height={320} /> : null}
      <h3 className="ord-card-name">
        <Link to={`/orders/bundles/${b.id}`} lang="ko">
          {b.name}
        </Link>
      </h3>
      <p className="ord-price">
        <Won amount={b.price} /> <span className="ord-per">{t('orders.perBundle')}</span>
      </p>
      <p className="ord-badges">
        <span className="badge primary">{t(b.kind === 'single' ? 'orders.kind.single' : 'orders.kind.bundle')}</span>
        <span className="badge">{t('orders.minQuantity', { n: b.minQuantity })}</span>
        <span className="badge">{t('orders.leadTime', { n: b.leadTimeDays })}</span>
        {b.status === 'retired' ? <span className="badge">{t('orders.retired')}</span> : null}
      </p>
      <SupplierGroups b={b} />
    </li>
  );
}

/** A bundle's components grouped by supplier, with each supplier's share of the price. */
function SupplierGroups({ b }: { b: Bundle }) {
  const { t } = useI18n();
  return (
    <dl className="ord-groups">
      {b.suppliers.map((s) => (
        <div key={s.id}>
          <dt lang="ko">{s.name}</dt>
          <dd>
            <span lang="ko">
              {b.components
                .filter((c) => c.supplier.id === s.id)
                .map((c) => `${c.name} ${c.quantity}${c.unit}`)
                .join(', ')}
            </span>{' '}
            <span className="ord-share">
              ({t('orders.share')} <Won amount={s.amount} />)
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function Shop() {
  const { t, n } = useI18n();
  const [params] = useSearchParams();
  const kind = params.get('kind') === 'single' ? 'single' : 'bundle';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const bundles = useBundles(kind, '', page);
  const headingId = useId();
  const data = bundles.data;
  return (
    <>
      <PageHeader title={t('orders.shop.title')} lead={t('orders.shop.lead')} />
      <OrdersNav />
      <NewBundleLink />
      <nav className="ord-tabs" aria-label={t('orders.shop.kinds')}>
        <Link to="/orders" aria-current={kind === 'bundle' ? 'page' : undefined}>
          {t('orders.kind.bundles')}
          {data ? ` (${n(data.counts.bundle)})` : ''}
        </Link>
        <Link to="/orders?kind=single" aria-current={kind === 'single' ? 'page' : undefined}>
          {t('orders.kind.singles')}
          {data ? ` (${n(data.counts.single)})` : ''}
        </Link>
      </nav>
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>{t(kind === 'single' ? 'orders.kind.singles' : 'orders.kind.bundles')}</h2>
        {bundles.isPending ? (
          <Loading />
        ) : bundles.isError ? (
          <ErrorState error={bundles.error} retry={() => void bundles.refetch()} />
        ) : data && data.items.length === 0 ? (
          <Empty>{t('orders.shop.empty')}</Empty>
        ) : data ? (
          <>
            <ul className="ord-cards">
              {data.items.map((b) => (
                <BundleCard key={b.id} b={b} />
              ))}
            </ul>
            <Pagination page={page} pages={Math.max(1, Math.ceil(data.total / data.pageSize))} hrefOf={(p) => `/orders?${kind === 'single' ? 'kind=single&' : ''}page=${p}`} />
          </>
        ) : null}
      </section>
    </>
  );
}

/** Staff and managers of an organisation (which may run bundles as an intermediary) may add one. */
function NewBundleLink() {
  const { t } = useI18n();
  const session = useSession();
  const parts = useMyParts(!!session.data);
  if (!parts.data || (!parts.data.staff && !parts.data.organizations.length)) return null;
  return (
    <p>
      <Link className="btn secondary small" to="/orders/bundles/new">
        {t('orders.edit.newTitle')}
      </Link>
    </p>
  );
}

// ——— /orders/bundles/:id ———

export function BundlePage() {
  const { id } = useParams();
  const { t } = useI18n();
  const bundle = useBundle(id);
  if (bundle.isPending) return <Loading />;
  if (bundle.isError) return <ErrorState error={bundle.error} retry={() => void bundle.refetch()} />;
  const b = bundle.data;
  return (
    <>
      <PageHeader title={b.name} lead={b.description ?? undefined}>
        <p className="ord-price ord-price-big">
          <Won amount={b.price} /> <span className="ord-per">{t('orders.perBundle')}</span>
        </p>
        {b.canManage ? (
          <p>
            <Link className="btn secondary small" to={`/orders/bundles/${b.id}/edit`}>
              {t('orders.edit.edit')}
            </Link>
          </p>
        ) : null}
      </PageHeader>
      <OrdersNav />
      {b.photos.length ? (
        <div className="ord-photos">
          {b.photos.map((p) => (
            <img key={p.url} src={p.url} alt={p.alt} className="ord-photo" width={480} height={320} />
          ))}
        </div>
      ) : null}
      <div className="ord-bundle">
        <section aria-labelledby="ord-components">
          <h2 id="ord-components">{t('orders.components')}</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('orders.components.caption', { name: b.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('orders.supplier')}</th>
                  <th scope="col">{t('orders.item')}</th>
                  <th scope="col" className="num">
                    {t('orders.quantity')}
                  </th>
                  <th scope="col" className="num">
                    {t('orders.unitPrice')}
                  </th>
                  <th scope="col" className="num">
                    {t('orders.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {b.components.map((c) => (
                  <tr key={c.position}>
                    <td lang="ko">{c.supplier.name}</td>
                    <td lang="ko">{c.name}</td>
                    <td className="num">
                      {c.quantity}
                      {c.unit}
                    </td>
                    <td className="num">
                      <Won amount={c.unitPrice} />
                    </td>
                    <td className="num">
                      <Won amount={c.amount} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={4}>
                    {t('orders.bundlePrice')}
                  </th>
                  <td className="num">
                    <Won amount={b.price} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <dl className="ord-facts">
            <div>
              <dt>{t('orders.intermediary')}</dt>
              <dd lang="ko">{b.intermediary?.name ?? t('orders.none')}</dd>
            </div>
            <div>
              <dt>{t('orders.minQuantity.label')}</dt>
              <dd>{t('orders.minQuantity', { n: b.minQuantity })}</dd>
            </div>
            <div>
              <dt>{t('orders.leadTime.label')}</dt>
              <dd>{t('orders.leadTime', { n: b.leadTimeDays })}</dd>
            </div>
          </dl>
        </section>
        <OrderForm b={b} />
      </div>
    </>
  );
}

function OrderForm({ b }: { b: Bundle }) {
  const { t, l, n } = useI18n();
  const session = useSession();
  const parts = useMyParts(!!session.data);
  const place = usePlaceOrder();
  const navigate = useNavigate();
  const errorsOf = useFieldErrors(place.error);
  const [quantity, setQuantity] = useState(String(b.minQuantity));
  // Other bundles or single items ordered with this one, for the same day and place.
  const [more, setMore] = useState<{ key: number; bundleId: string; quantity: string }[]>([]);
  const [nextKey, setNextKey] = useState(1);
  // Added lines left without a product when the form was sent: told so under the line, nothing sent.
  const [unchosen, setUnchosen] = useState<number[]>([]);
  const headingId = useId();
  const moreId = useId();
  const officerOf = parts.data?.officerOf ?? [];
  const orderable = useOrderableBundles(officerOf.length > 0 && b.status === 'active');
  const others = (orderable.data?.items ?? []).filter((o) => o.id !== b.id);
  const byId = new Map(others.map((o) => [o.id, o]));
  const chosen = more.map((m) => byId.get(m.bundleId)).filter((o): o is Bundle => !!o);
  const earliest = addDays(seoulToday(), Math.max(b.leadTimeDays, ...chosen.map((o) => o.leadTimeDays)));

  let body;
  if (b.status !== 'active') body = <Alert>{t('orders.form.retired')}</Alert>;
  else if (session.isPending || (session.data && parts.isPending)) body = <Loading />;
  else if (!session.data)
    body = (
      <Alert>
        {t('orders.form.signIn')} <Link to="/login">{t('orders.form.signInLink')}</Link>
      </Alert>
    );
  else if (!officerOf.length) body = <Alert>{t('orders.form.notOfficer')}</Alert>;
  else {
    const submit = (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const missing = more.filter((m) => !m.bundleId).map((m) => m.key);
      setUnchosen(missing);
      if (missing.length) return;
      const f = new FormData(e.currentTarget);
      const text = (k: string) => String(f.get(k) ?? '');
      place.mutate(
        {
          institutionId: text('institutionId'),
          deliveryDate: text('deliveryDate'),
          deliveryPlace: text('deliveryPlace'),
          contactName: text('contactName'),
          contactPhone: text('contactPhone'),
          note: text('note'),
          lines: [{ bundleId: b.id, quantity: Number(quantity) }, ...more.map((m) => ({ bundleId: m.bundleId, quantity: Number(m.quantity) }))],
        },
        { onSuccess: (o) => void navigate(`/orders/view/${o.id}?placed=1`) },
      );
    };
    const lineAmount = (q: string, price: number) => (Number(q) > 0 ? Number(q) * price : 0);
    const total = lineAmount(quantity, b.price) + more.reduce((sum, m) => sum + lineAmount(m.quantity, byId.get(m.bundleId)?.price ?? 0), 0);
    const update = (key: number, patch: Partial<{ bundleId: string; quantity: string }>) => setMore((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    body = (
      <form onSubmit={submit} noValidate>
        {place.error && !(place.error instanceof ApiError && place.error.errors.length) ? <ErrorState error={place.error} /> : null}
        {place.error instanceof ApiError && place.error.errors.length ? <Alert kind="danger">{l(place.error.messages)}</Alert> : null}
        <Select label={t('orders.form.institution')} name="institutionId" required options={officerOf.map((i) => ({ value: i.id, label: i.name }))} errors={errorsOf('institutionId')} />
        <TextInput
          label={t('orders.form.quantity')}
          hint={t('orders.form.quantityHint', { n: b.minQuantity })}
          name="quantity"
          type="number"
          inputMode="numeric"
          min={b.minQuantity}
          required
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          errors={[...errorsOf('lines.0.bundleId'), ...errorsOf('lines.0.quantity')]}
        />
        <fieldset className="ord-more" aria-describedby={moreId}>
          <legend>{t('orders.form.more')}</legend>
          <p id={moreId} className="hint">
            {t('orders.form.moreLead')}
          </p>
          {more.map((m, i) => {
            const line = i + 1;
            const o = byId.get(m.bundleId);
            return (
              <div className="ord-more-line" key={m.key}>
                <Select
                  label={t('orders.form.product', { n: line + 1 })}
                  value={m.bundleId}
                  onChange={(e) => update(m.key, { bundleId: e.target.value, quantity: String(byId.get(e.target.value)?.minQuantity ?? 1) })}
                  options={[{ value: '', label: t('orders.form.choose') }, ...others.map((x) => ({ value: x.id, label: `${x.code} ${x.name} · ${n(x.price)}원` }))]}
                  errors={[...(unchosen.includes(m.key) && !m.bundleId ? [t('orders.form.chooseFirst')] : []), ...errorsOf(`lines.${line}.bundleId`)]}
                />
                <TextInput
                  label={t('orders.form.productQuantity', { n: line + 1 })}
                  hint={o ? t('orders.form.quantityHint', { n: o.minQuantity }) : undefined}
                  type="number"
                  inputMode="numeric"
                  min={o?.minQuantity ?? 1}
                  value={m.quantity}
                  onChange={(e) => update(m.key, { quantity: e.target.value })}
                  errors={errorsOf(`lines.${line}.quantity`)}
                />
                <button type="button" className="btn secondary small" onClick={() => setMore((rows) => rows.filter((r) => r.key !== m.key))}>
                  {t('orders.form.remove', { n: line + 1 })}
                </button>
              </div>
            );
          })}
          {orderable.isError ? <ErrorState error={orderable.error} retry={() => void orderable.refetch()} /> : null}
          <button
            type="button"
            className="btn secondary small"
            disabled={!others.length || more.length >= 49}
            onClick={() => {
              setMore((rows) => [...rows, { key: nextKey, bundleId: '', quantity: '1' }]);
              setNextKey((k) => k + 1);
            }}
          >
            {t('orders.form.add')}
          </button>
        </fieldset>
        <p className="ord-sum" aria-live="polite">
          {t('orders.form.total')}{' '}
          <strong>
            <Won amount={total} />
          </strong>
        </p>
        <TextInput label={t('orders.form.deliveryDate')} hint={t('orders.form.deliveryHint', { date: earliest })} name="deliveryDate" type="date" min={earliest} defaultValue={earliest} required errors={errorsOf('deliveryDate')} />
        <TextInput label={t('orders.form.place')} name="deliveryPlace" required autoComplete="off" errors={errorsOf('deliveryPlace')} />
        <TextInput label={t('orders.form.contactName')} name="contactName" required autoComplete="name" errors={errorsOf('contactName')} />
        <TextInput label={t('orders.form.contactPhone')} hint={t('orders.form.phoneHint')} name="contactPhone" type="tel" required autoComplete="tel" errors={errorsOf('contactPhone')} />
        <TextArea label={t('orders.form.note')} name="note" rows={3} errors={errorsOf('note')} />
        <button type="submit" className="btn primary" disabled={place.isPending}>
          {t('orders.form.submit')}
        </button>
      </form>
    );
  }
  return (
    <section className="card ord-form" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('orders.form.title')}</h2>
      {body}
    </section>
  );
}

// ——— one sub-order: stepper and actions ———

function Stepper({ s }: { s: SubOrder }) {
  const { t } = useI18n();
  if (s.status === 'cancelled') {
    return (
      <p className="ord-cancelled">
        <span className="badge">{t('orders.status.cancelled')}</span>
      </p>
    );
  }
  const at = FLOW.indexOf(s.status as (typeof FLOW)[number]);
  return (
    <ol className="ord-stepper" aria-label={t('orders.progressOf', { supplier: s.supplier.name })}>
      {FLOW.map((st, i) => {
        const state = i < at || s.status === 'paid' ? 'done' : i === at ? 'current' : 'todo';
        return (
          <li key={st} className={state} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="ord-step-mark" aria-hidden="true">
              {state === 'done' ? '✓' : i + 1}
            </span>
            <span>{t(`orders.status.${st}` as MessageKey)}</span>
            <span className="visually-hidden"> ({t(`orders.stepState.${state}` as MessageKey)})</span>
          </li>
        );
      })}
    </ol>
  );
}

const ACTION_KEYS: Record<SubOrderAction, MessageKey> = {
  confirm: 'orders.action.confirm',
  deliver: 'orders.action.deliver',
  invoice: 'orders.action.invoice',
  pay: 'orders.action.pay',
  cancel: 'orders.action.cancel',
};

function Actions({ s }: { s: SubOrder }) {
  const { t } = useI18n();
  const step = useStep();
  const id = useId();
  const [note, setNote] = useState('');
  const [invoiceNo, setInvoiceNo] = useState('');
  const errorsOf = useFieldErrors(step.error);
  if (!s.actions.length) return null;
  return (
    <div className="ord-actions" role="group" aria-label={t('orders.actionsFor', { supplier: s.supplier.name })}>
      {step.error ? <ErrorState error={step.error} /> : null}
      {s.actions.includes('invoice') ? (
        <TextInput label={t('orders.invoiceNo')} name={`${id}-inv`} value={invoiceNo} onChange={(e) => setInvoiceNo(e.target.value)} required errors={errorsOf('invoiceNo')} />
      ) : null}
      <TextInput label={t('orders.note')} value={note} onChange={(e) => setNote(e.target.value)} errors={errorsOf('note')} />
      <div className="ord-buttons">
        {s.actions.map((a) => (
          <button
            key={a}
            type="button"
            className={`btn small ${a === 'cancel' ? 'danger' : 'primary'}`}
            disabled={step.isPending}
            onClick={() => step.mutate({ id: s.id, action: a, version: s.version, note, invoiceNo }, { onSuccess: () => setNote('') })}
          >
            {t(ACTION_KEYS[a], { supplier: s.supplier.name })}
          </button>
        ))}
      </div>
    </div>
  );
}

function SubOrderCard({ s, withItems }: { s: SubOrder; withItems?: boolean }) {
  const { t, d } = useI18n();
  const headingId = useId();
  return (
    <section className="ord-sub" aria-labelledby={headingId} data-supplier={s.supplier.name}>
      <h4 id={headingId}>
        <span lang="ko">{s.supplier.name}</span> · <Won amount={s.amount} />
      </h4>
      <p className="ord-status">
        {t('orders.status')}: <strong>{t(`orders.status.${s.status}` as MessageKey)}</strong>
        {s.deliveredOn ? ` · ${t('orders.deliveredOn', { date: d(s.deliveredOn) })}` : ''}
        {s.invoiceNo ? ` · ${t('orders.invoicedAs', { no: s.invoiceNo })}` : ''}
        {s.paidOn ? ` · ${t('orders.paidOn', { date: d(s.paidOn) })}` : ''}
      </p>
      <Stepper s={s} />
      {withItems ? (
        <>
          <ul className="ord-items">
            {s.items.map((i) => (
              <li key={`${i.lineNo}-${i.name}`} lang="ko">
                {i.name} {i.quantity}
                {i.unit} × <Won amount={i.unitPrice} /> = <Won amount={i.amount} /> <span className="ord-share">({i.bundleName})</span>
              </li>
            ))}
          </ul>
          {s.events.length ? (
            <details className="ord-events">
              <summary>{t('orders.history', { n: s.events.length })}</summary>
              <ol>
                {s.events.map((e, i) => (
                  <li key={i}>
                    {d(e.at, true)} · {t(`orders.side.${e.side}` as MessageKey)}
                    {e.actor ? ` (${e.actor})` : ''}: {e.from ? `${t(`orders.status.${e.from}` as MessageKey)} → ` : ''}
                    {t(`orders.status.${e.to}` as MessageKey)}
                    {e.note ? ` — ${e.note}` : ''}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </>
      ) : null}
      <Actions s={s} />
    </section>
  );
}

function OrderSummary({ o, withItems }: { o: Order; withItems?: boolean }) {
  const { t, d } = useI18n();
  return (
    <>
      <dl className="ord-facts">
        <div>
          <dt>{t('orders.institution')}</dt>
          <dd lang="ko">{o.institution.name}</dd>
        </div>
        <div>
          <dt>{t('orders.delivery')}</dt>
          <dd>
            {d(o.deliveryDate)} · <span lang="ko">{o.deliveryPlace}</span>
          </dd>
        </div>
        <div>
          <dt>{t('orders.contact')}</dt>
          <dd lang="ko">
            {o.contactName} {o.contactPhone}
          </dd>
        </div>
        <div>
          <dt>{t('orders.status')}</dt>
          <dd>{t(`orders.status.${o.status}` as MessageKey)}</dd>
        </div>
        {o.total !== null ? (
          <div>
            <dt>{t('orders.total')}</dt>
            <dd>
              <strong>
                <Won amount={o.total} />
              </strong>
            </dd>
          </div>
        ) : (
          <div>
            <dt>{t('orders.view')}</dt>
            <dd>{t('orders.partView')}</dd>
          </div>
        )}
      </dl>
      <div className="ord-subs">
        {o.subOrders.map((s) => (
          <SubOrderCard key={s.id} s={s} withItems={withItems} />
        ))}
      </div>
    </>
  );
}

// ——— /orders/view/:id ———

export function OrderPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t, d } = useI18n();
  const order = useOrder(id);
  const cancel = useCancelOrder();
  if (order.isPending) return <Loading />;
  if (order.isError) return <ErrorState error={order.error} retry={() => void order.refetch()} />;
  const o = order.data;
  return (
    <>
      <PageHeader title={t('orders.order.title', { number: o.number })} lead={t('orders.order.lead', { date: d(o.createdAt) })} />
      <OrdersNav />
      {params.get('placed') ? (
        <Alert kind="success" live>
          {t('orders.placed', { number: o.number, n: o.subOrders.length })}
        </Alert>
      ) : null}
      {o.lines ? (
        <section aria-labelledby="ord-lines">
          <h2 id="ord-lines">{t('orders.lines')}</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('orders.lines')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('orders.bundle')}</th>
                  <th scope="col" className="num">
                    {t('orders.quantity')}
                  </th>
                  <th scope="col" className="num">
                    {t('orders.unitPrice')}
                  </th>
                  <th scope="col" className="num">
                    {t('orders.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.lines.map((line) => (
                  <tr key={line.lineNo}>
                    <td lang="ko">{line.name}</td>
                    <td className="num">{line.quantity}</td>
                    <td className="num">
                      <Won amount={line.unitPrice} />
                    </td>
                    <td className="num">
                      <Won amount={line.amount} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('orders.total')}
                  </th>
                  <td className="num">
                    <Won amount={o.total ?? 0} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="ord-parts">
        <h2 id="ord-parts">{t('orders.parts')}</h2>
        <OrderSummary o={o} withItems />
      </section>
      {o.canCancel ? (
        <section className="ord-cancel">
          {cancel.error ? <ErrorState error={cancel.error} /> : null}
          <button type="button" className="btn danger" disabled={cancel.isPending} onClick={() => cancel.mutate({ id: o.id })}>
            {t('orders.cancelOrder')}
          </button>
        </section>
      ) : null}
    </>
  );
}

// ——— lists per role ———

function OrderList({ as, title, lead, empty }: { as: Side; title: MessageKey; lead: MessageKey; empty: MessageKey }) {
  const { t, d } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const orders = useOrders(as, status || undefined, page);
  const data = orders.data;
  return (
    <>
      <PageHeader title={t(title)} lead={t(lead)} />
      <OrdersNav />
      <OrderListBody as={as} />
      <div className="ord-filter">
        <Select
          label={t('orders.filter.status')}
          value={status}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}
          options={[{ value: '', label: t('orders.filter.all') }, ...[...FLOW, 'cancelled' as const].map((s) => ({ value: s, label: t(`orders.status.${s}` as MessageKey) }))]}
        />
      </div>
      <p role="status" className="ord-found">
        {data ? t('orders.found', { count: data.total }) : ''}
      </p>
      {orders.isPending ? (
        <Loading />
      ) : orders.isError ? (
        <ErrorState error={orders.error} retry={() => void orders.refetch()} />
      ) : data && data.items.length === 0 ? (
        <Empty>{t(empty)}</Empty>
      ) : data ? (
        <>
          <ul className="ord-orders">
            {data.items.map((o) => (
              <li key={o.id} className="card ord-order">
                <h3>
                  <Link to={`/orders/view/${o.id}`}>{o.number}</Link> <span className="ord-share">{d(o.createdAt)}</span>
                </h3>
                <OrderSummary o={o} />
              </li>
            ))}
          </ul>
          <Pagination page={page} pages={Math.max(1, Math.ceil(data.total / data.pageSize))} hrefOf={(p) => `?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) }).toString()}`} />
        </>
      ) : null}
    </>
  );
}

/** Explains an empty role: why the page shows nothing for this caller. */
function OrderListBody({ as }: { as: Side }) {
  const { t } = useI18n();
  const session = useSession();
  const parts = useMyParts(!!session.data);
  if (session.isPending) return null;
  if (!session.data)
    return (
      <Alert>
        {t('orders.signInToSee')} <Link to="/login">{t('orders.form.signInLink')}</Link>
      </Alert>
    );
  if (as === 'buyer' && parts.data && !parts.data.officerOf.length) return <Alert>{t('orders.form.notOfficer')}</Alert>;
  if ((as === 'supplier' || as === 'intermediary') && parts.data && !parts.data.organizations.length) return <Alert>{t('orders.noOrganization')}</Alert>;
  return null;
}

export function MyOrders() {
  return <OrderList as="buyer" title="orders.mine.title" lead="orders.mine.lead" empty="orders.mine.empty" />;
}
export function Supply() {
  return <OrderList as="supplier" title="orders.supply.title" lead="orders.supply.lead" empty="orders.supply.empty" />;
}
export function Intermediary() {
  return <OrderList as="intermediary" title="orders.intermediary.title" lead="orders.intermediary.lead" empty="orders.intermediary.empty" />;
}

// ——— /staff/orders ———

export function StaffOrders() {
  const { t } = useI18n();
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (!isStaff(session.data)) return <Alert kind="warning">{t('orders.staffOnly')}</Alert>;
  return (
    <>
      <OrderList as="staff" title="orders.staff.title" lead="orders.staff.lead" empty="orders.staff.empty" />
      <SettlementSection />
    </>
  );
}

export function SettlementSection() {
  const { t, n } = useI18n();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? seoulToday().slice(0, 7);
  const s = useSettlement(month);
  const headingId = useId();
  const data = s.data;
  return (
    <section aria-labelledby={headingId} className="ord-settlement">
      <h2 id={headingId}>{t('orders.settlement.title')}</h2>
      <p>{t('orders.settlement.lead')}</p>
      <div className="ord-filter">
        <TextInput
          label={t('orders.settlement.month')}
          type="month"
          value={month}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            next.set('month', e.target.value);
            setParams(next);
          }}
        />
        <p className="ord-downloads">
          <a className="btn secondary small" href={settlementPath(month, 'csv')} download>
            {t('orders.settlement.csv')}
          </a>{' '}
          <a className="btn secondary small" href={settlementPath(month, 'xlsx')} download>
            {t('orders.settlement.xlsx')}
          </a>
        </p>
      </div>
      {s.isPending ? (
        <Loading />
      ) : s.isError ? (
        <ErrorState error={s.error} retry={() => void s.refetch()} />
      ) : data && data.rows.length === 0 ? (
        <Empty>{t('orders.settlement.empty')}</Empty>
      ) : data ? (
        <div className="table-wrap">
          <table className="ord-settlement-table">
            <caption>{t('orders.settlement.caption', { month })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('orders.supplier')}</th>
                <th scope="col" className="num">
                  {t('orders.settlement.subOrders')}
                </th>
                <th scope="col" className="num">
                  {t('orders.amount')}
                </th>
                <th scope="col" className="num">
                  {t('orders.settlement.invoiced')}
                </th>
                <th scope="col" className="num">
                  {t('orders.settlement.paid')}
                </th>
                <th scope="col" className="num">
                  {t('orders.settlement.outstanding')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={`${r.month}-${r.supplier.id}`}>
                  <th scope="row" lang="ko">
                    {r.supplier.name}
                  </th>
                  <td className="num">{n(r.subOrders)}</td>
                  <td className="num">
                    <Won amount={r.amount} />
                  </td>
                  <td className="num">
                    <Won amount={r.invoiced} />
                  </td>
                  <td className="num">
                    <Won amount={r.paid} />
                  </td>
                  <td className="num">
                    <Won amount={r.outstanding} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('orders.settlement.total')}</th>
                <td className="num">{n(data.total.subOrders)}</td>
                <td className="num">
                  <Won amount={data.total.amount} />
                </td>
                <td className="num">
                  <Won amount={data.total.invoiced} />
                </td>
                <td className="num">
                  <Won amount={data.total.paid} />
                </td>
                <td className="num">
                  <Won amount={data.total.outstanding} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** A supplier's and an intermediary's pages: their sub-orders, then their own settlement (the server scopes it). */
export function SupplyPage() {
  return (
    <>
      <Supply />
      <SettlementSection />
    </>
  );
}
export function IntermediaryPage() {
  return (
    <>
      <Intermediary />
      <SettlementSection />
    </>
  );
}
