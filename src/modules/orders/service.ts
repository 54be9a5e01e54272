import type { Db } from '../../db/engine.ts';
import { systemContext, type RequestContext } from '../../kernel/context.ts';
import type { Bilingual } from '../../kernel/i18n.ts';
import { MemoryMailer, type Mailer } from '../../kernel/mail.ts';
import { authorize, can } from '../../kernel/policy.ts';
import { conflict, fieldProblem, notFound, Problem, validationProblem, type FieldError } from '../../kernel/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { createIdentityService, DEFAULT_IDENTITY_CONFIG } from '../identity/index.ts';
import { notify } from '../notifications/index.ts';
import { institutionNames, institutionOfficers, officerInstitutionIds, photoErrors } from '../procurement/index.ts';
import './policy.ts';
import * as repo from './repository.ts';
import {
  SUB_ORDER_ACTIONS,
  SUB_ORDER_STATUSES,
  type Bundle,
  type BundleInput,
  type BundleQuery,
  type MyParts,
  type Order,
  type OrderInput,
  type OrderQuery,
  type Settlement,
  type SettlementQuery,
  type Side,
  type StepBody,
  type SubOrder,
  type SubOrderAction,
  type SubOrderStatus,
} from './schema.ts';

export interface OrdersServiceDeps {
  db: Db;
  mailer?: Mailer;
  publicUrl?: string;
}

export const STATUS_LABELS: Record<SubOrderStatus, Bilingual> = {
  received: { ko: '접수', en: 'received' },
  confirmed: { ko: '확인', en: 'confirmed' },
  delivered: { ko: '납품 완료', en: 'delivered' },
  invoiced: { ko: '청구', en: 'invoiced' },
  paid: { ko: '결제 완료', en: 'paid' },
  cancelled: { ko: '취소', en: 'cancelled' },
};

/**
 * Who takes which step of a sub-order, from which state. Staff may take any step; anything out of
 * turn is a 409 that names the current state.
 */
export const STEPS = {
  confirm: { from: ['received'], to: 'confirmed', sides: ['supplier', 'staff'], label: { ko: '확인', en: 'confirm' } },
  deliver: { from: ['confirmed'], to: 'delivered', sides: ['supplier', 'intermediary', 'staff'], label: { ko: '납품 기록', en: 'record delivery of' } },
  invoice: { from: ['delivered'], to: 'invoiced', sides: ['intermediary', 'staff'], label: { ko: '청구', en: 'invoice' } },
  pay: { from: ['invoiced'], to: 'paid', sides: ['staff'], label: { ko: '결제 기록', en: 'record payment of' } },
  cancel: { from: ['received'], to: 'cancelled', sides: ['buyer', 'staff'], label: { ko: '취소', en: 'cancel' } },
} as const satisfies Record<SubOrderAction, { from: readonly SubOrderStatus[]; to: SubOrderStatus; sides: readonly Side[]; label: Bilingual }>;

const SYSTEM = systemContext('orders');
const FLOW: SubOrderStatus[] = ['received', 'confirmed', 'delivered', 'invoiced', 'paid'];

/** Today's date in Seoul, YYYY-MM-DD. */
export function seoulToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
export const orderNumber = (year: number, seq: number) => `맺음-${year}-${String(seq).padStart(4, '0')}`;

interface Viewer {
  staff: boolean;
  userId: string | null;
  orgs: string[];
  officerOf: string[];
}

export interface SplitBundle {
  id: string;
  code: string;
  name: string;
  intermediary_org_id: string | null;
  components: Pick<repo.ComponentRow, 'position' | 'supplier_org_id' | 'name' | 'unit' | 'quantity' | 'unit_price'>[];
}

/**
 * An order's lines split into one sub-order per supplier: each component × the line's quantity at
 * the component's price. The lines' amounts and the sub-orders' amounts add up to the same won.
 */
export function splitOrder(lines: { bundle: SplitBundle; quantity: number }[]) {
  const orderLines = lines.map((l, i) => ({
    line_no: i + 1,
    bundle_id: l.bundle.id,
    bundle_code: l.bundle.code,
    bundle_name: l.bundle.name,
    quantity: l.quantity,
    unit_price: l.bundle.components.reduce((s, c) => s + c.quantity * c.unit_price, 0),
  }));
  const subs = new Map<string, { supplier: string; intermediaries: Set<string>; amount: number; items: Omit<repo.ItemRow, 'sub_order_id'>[] }>();
  lines.forEach((l, i) => {
    for (const c of l.bundle.components) {
      let s = subs.get(c.supplier_org_id);
      if (!s) subs.set(c.supplier_org_id, (s = { supplier: c.supplier_org_id, intermediaries: new Set(), amount: 0, items: [] }));
      if (l.bundle.intermediary_org_id) s.intermediaries.add(l.bundle.intermediary_org_id);
      const quantity = c.quantity * l.quantity;
      s.amount += quantity * c.unit_price;
      s.items.push({ line_no: i + 1, position: c.position, name: c.name, unit: c.unit, quantity, unit_price: c.unit_price });
    }
  });
  const intermediaries = [...new Set(lines.map((l) => l.bundle.intermediary_org_id).filter((x): x is string => x !== null))];
  return { lines: orderLines, subOrders: [...subs.values()].map((s) => ({ ...s, intermediaries: [...s.intermediaries] })), intermediaries };
}

export function createOrdersService(deps: OrdersServiceDeps) {
  const { db } = deps;
  const identity = createIdentityService(db, deps.mailer ?? new MemoryMailer(), { ...DEFAULT_IDENTITY_CONFIG, publicUrl: deps.publicUrl ?? '' });

  async function viewer(ctx: RequestContext): Promise<Viewer> {
    const a = ctx.actor;
    if (a.kind === 'system') return { staff: true, userId: null, orgs: [], officerOf: [] };
    if (a.kind === 'anonymous') return { staff: false, userId: null, orgs: [], officerOf: [] };
    return {
      staff: a.role === 'staff' || a.role === 'admin',
      userId: a.userId,
      orgs: a.memberships.map((m) => m.organizationId),
      officerOf: await officerInstitutionIds(db, a.userId),
    };
  }

  // ——— people to notify ———

  async function membersOf(orgIds: readonly string[]): Promise<string[]> {
    const lists = await Promise.all([...new Set(orgIds)].map((id) => identity.listMembers(SYSTEM, id).catch(() => [])));
    return lists.flat().map((m) => m.userId);
  }
  async function staffIds(): Promise<string[]> {
    const page = await identity.listUsers(SYSTEM, { role: 'staff', page: 1, pageSize: 100 });
    return page.items.filter((u) => !u.disabled).map((u) => u.id);
  }
  async function actorNames(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((id) => identity.getUser(SYSTEM, id).then((u) => [id, u.displayName] as const, () => [id, '—'] as const)));
    return new Map(found);
  }

  // ——— bundles ———

  async function presentBundles(ctx: RequestContext, rows: repo.BundleRow[]): Promise<Bundle[]> {
    const comps = await repo.componentsOf(
      db,
      rows.map((r) => r.id),
    );
    const names = await repo.organizationNames(db, [...comps.map((c) => c.supplier_org_id), ...rows.map((r) => r.intermediary_org_id).filter((x): x is string => !!x)]);
    const name = (id: string) => names.get(id) ?? '—';
    return rows.map((b) => {
      const mine = comps.filter((c) => c.bundle_id === b.id);
      const suppliers = new Map<string, number>();
      for (const c of mine) suppliers.set(c.supplier_org_id, (suppliers.get(c.supplier_org_id) ?? 0) + c.quantity * c.unit_price);
      return {
        id: b.id,
        code: b.code,
        name: b.name,
        description: b.description,
        kind: mine.length === 1 ? 'single' : 'bundle',
        intermediary: b.intermediary_org_id ? { id: b.intermediary_org_id, name: name(b.intermediary_org_id) } : null,
        photos: b.photos,
        status: b.status,
        leadTimeDays: b.lead_time_days,
        minQuantity: b.min_quantity,
        price: mine.reduce((s, c) => s + c.quantity * c.unit_price, 0),
        components: mine.map((c) => ({
          position: c.position,
          supplier: { id: c.supplier_org_id, name: name(c.supplier_org_id) },
          offeringId: c.offering_id,
          name: c.name,
          unit: c.unit,
          quantity: c.quantity,
          unitPrice: c.unit_price,
          amount: c.quantity * c.unit_price,
        })),
        suppliers: [...suppliers].map(([id, amount]) => ({ id, name: name(id), amount })),
        canManage: can(ctx.actor, 'orders.bundle.manage', { intermediaryId: b.intermediary_org_id }),
        isDemo: b.is_demo,
      };
    });
  }

  async function checkBundleInput(input: BundleInput, existingId: string | null) {
    const errors: FieldError[] = [];
    const ids = [...input.components.map((c) => c.supplierId), ...(input.intermediaryId ? [input.intermediaryId] : [])];
    const known = await repo.organizationNames(db, ids);
    input.components.forEach((c, i) => {
      if (!known.has(c.supplierId)) errors.push({ path: `components.${i}.supplierId`, messages: { ko: '공급처 단체를 찾을 수 없습니다', en: 'No organisation has this id' } });
    });
    if (input.intermediaryId && !known.has(input.intermediaryId)) errors.push({ path: 'intermediaryId', messages: { ko: '중간관리 단체를 찾을 수 없습니다', en: 'No organisation has this id' } });
    const same = await repo.bundleByCode(db, input.code);
    if (same && same.id !== existingId) errors.push({ path: 'code', messages: { ko: '이미 쓰고 있는 상품 코드입니다', en: 'Another bundle has this code' } });
    // The intermediary's own uploads (the centre's, for a bundle the centre runs).
    errors.push(...(await photoErrors(db, input.photos, input.intermediaryId ?? null)));
    if (errors.length) throw validationProblem(errors);
  }

  const bundleColumns = (input: BundleInput) => ({
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    intermediary_org_id: input.intermediaryId ?? null,
    photos: input.photos,
    status: input.status,
    lead_time_days: input.leadTimeDays,
    min_quantity: input.minQuantity,
  });
  const componentColumns = (input: BundleInput) =>
    input.components.map((c, i) => ({
      position: i + 1,
      supplier_org_id: c.supplierId,
      offering_id: c.offeringId ?? null,
      name: c.name,
      unit: c.unit,
      quantity: c.quantity,
      unit_price: c.unitPrice,
    }));

  const missingBundle = () => notFound('상품을 찾을 수 없습니다', 'Bundle not found');
  const missingOrder = () => notFound('주문을 찾을 수 없습니다', 'Order not found');
  const missingSubOrder = () => notFound('공급처 주문을 찾을 수 없습니다', 'Sub-order not found');

  // ——— orders ———

  function readable(ctx: RequestContext, v: Viewer, o: repo.OrderRow, s: repo.SubOrderRow) {
    return can(ctx.actor, 'orders.sub-order.read', { supplierId: s.supplier_org_id, intermediaryIds: s.intermediary_org_ids, institutionId: o.institution_id, officerOf: v.officerOf });
  }

  /** The side the caller takes this step as, or undefined when none of the step's sides is theirs. */
  function sideFor(ctx: RequestContext, v: Viewer, o: repo.OrderRow, s: repo.SubOrderRow, action: SubOrderAction): Side | undefined {
    const sides = STEPS[action].sides as readonly Side[];
    const as: Record<Side, () => boolean> = {
      supplier: () => can(ctx.actor, 'orders.sub-order.act-as-supplier', { supplierId: s.supplier_org_id }),
      intermediary: () => can(ctx.actor, 'orders.sub-order.act-as-intermediary', { intermediaryIds: s.intermediary_org_ids }),
      buyer: () => can(ctx.actor, 'orders.sub-order.act-as-buyer', { institutionId: o.institution_id, officerOf: v.officerOf }),
      staff: () => can(ctx.actor, 'orders.sub-order.act-as-staff', undefined),
    };
    return sides.find((side) => as[side]());
  }

  function allowedActions(ctx: RequestContext, v: Viewer, o: repo.OrderRow, s: repo.SubOrderRow, all: repo.SubOrderRow[]): SubOrderAction[] {
    return SUB_ORDER_ACTIONS.filter((a) => {
      if (!(STEPS[a].from as readonly string[]).includes(s.status)) return false;
      const side = sideFor(ctx, v, o, s, a);
      if (!side) return false;
      // A buyer cancels only while nothing of the order has been confirmed.
      return !(a === 'cancel' && side === 'buyer' && all.some((x) => x.status !== 'received' && x.status !== 'cancelled'));
    });
  }

  async function presentOrders(ctx: RequestContext, v: Viewer, rows: repo.OrderRow[], only?: (s: repo.SubOrderRow) => boolean): Promise<Order[]> {
    const ids = rows.map((r) => r.id);
    const [lines, subs] = await Promise.all([repo.linesOf(db, ids), repo.subOrdersOf(db, ids)]);
    const byOrder = new Map(rows.map((o) => [o.id, subs.filter((s) => s.order_id === o.id)]));
    const visible = subs.filter((s) => {
      const o = rows.find((r) => r.id === s.order_id)!;
      return readable(ctx, v, o, s) && (!only || only(s));
    });
    const subIds = visible.map((s) => s.id);
    const [items, events] = await Promise.all([repo.itemsOf(db, subIds), repo.eventsOf(db, subIds)]);
    const orgs = new Map(visible.map((s) => [s.supplier_org_id, s.supplier_name]));
    const [insts, people] = await Promise.all([
      institutionNames(
        db,
        rows.map((r) => r.institution_id),
      ),
      actorNames([...events.map((e) => e.actor_id), ...rows.map((r) => r.ordered_by)].filter((x): x is string => !!x)),
    ]);
    return rows.map((o) => {
      const all = byOrder.get(o.id)!;
      const mine = visible.filter((s) => s.order_id === o.id).sort((a, b) => (orgs.get(a.supplier_org_id) ?? '').localeCompare(orgs.get(b.supplier_org_id) ?? '', 'ko'));
      const myLines = lines.filter((l) => l.order_id === o.id);
      const whole = mine.length === all.length;
      const live = mine.filter((s) => s.status !== 'cancelled');
      const status = live.length ? FLOW[Math.min(...live.map((s) => FLOW.indexOf(s.status)))]! : 'cancelled';
      const subOrders: SubOrder[] = mine.map((s) => ({
        id: s.id,
        orderId: o.id,
        orderNumber: o.number,
        supplier: { id: s.supplier_org_id, name: orgs.get(s.supplier_org_id) ?? '—' },
        status: s.status,
        statusLabel: STATUS_LABELS[s.status],
        amount: s.amount,
        version: s.version,
        deliveredOn: s.delivered_on,
        invoicedOn: s.invoiced_on,
        invoiceNo: s.invoice_no,
        paidOn: s.paid_on,
        items: items
          .filter((i) => i.sub_order_id === s.id)
          .map((i) => ({
            lineNo: i.line_no,
            bundleName: myLines.find((l) => l.line_no === i.line_no)?.bundle_name ?? '',
            name: i.name,
            unit: i.unit,
            quantity: i.quantity,
            unitPrice: i.unit_price,
            amount: i.quantity * i.unit_price,
          })),
        events: events
          .filter((e) => e.sub_order_id === s.id)
          .map((e) => ({ at: e.created_at.toISOString(), side: e.actor_side, actor: e.actor_id ? (people.get(e.actor_id) ?? null) : null, from: e.from_status, to: e.to_status, note: e.note })),
        actions: allowedActions(ctx, v, o, s, all),
      }));
      return {
        id: o.id,
        number: o.number,
        institution: { id: o.institution_id, name: insts.get(o.institution_id) ?? '—' },
        orderedBy: o.ordered_by ? (people.get(o.ordered_by) ?? null) : null,
        deliveryDate: o.delivery_date,
        deliveryPlace: o.delivery_place,
        contactName: o.contact_name,
        contactPhone: o.contact_phone,
        note: o.note,
        createdAt: o.created_at.toISOString(),
        view: whole ? 'whole' : 'part',
        lines: whole ? myLines.map((l) => ({ lineNo: l.line_no, bundleId: l.bundle_id, code: l.bundle_code, name: l.bundle_name, quantity: l.quantity, unitPrice: l.unit_price, amount: l.quantity * l.unit_price })) : null,
        total: whole ? all.reduce((sum, s) => sum + s.amount, 0) : null,
        status,
        subOrders,
        canCancel:
          all.every((s) => s.status === 'received') && (can(ctx.actor, 'orders.sub-order.act-as-staff', undefined) || can(ctx.actor, 'orders.sub-order.act-as-buyer', { institutionId: o.institution_id, officerOf: v.officerOf })),
      };
    });
  }

  /** Everyone with a part in the order, to tell them of a change (the actor excepted). */
  async function partiesOf(o: repo.OrderRow, subs: repo.SubOrderRow[]) {
    const [buyers, suppliers, intermediaries, staff] = await Promise.all([
      institutionOfficers(db, o.institution_id),
      Promise.all(subs.map(async (s) => ({ id: s.id, users: await membersOf([s.supplier_org_id]) }))),
      membersOf(o.intermediary_org_ids),
      staffIds(),
    ]);
    return { buyers, suppliers, intermediaries, staff };
  }

  async function tell(trx: Db, ctx: RequestContext, o: repo.OrderRow, parties: Awaited<ReturnType<typeof partiesOf>>, kind: string, title: Bilingual, supplierSubIds?: Set<string>) {
    const me = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const not = (ids: string[]) => ids.filter((id) => id !== me);
    const link = `/orders/view/${o.id}`;
    const supplierUsers = parties.suppliers.filter((s) => !supplierSubIds || supplierSubIds.has(s.id)).flatMap((s) => s.users);
    const everyone = new Set([...parties.buyers, ...supplierUsers, ...parties.intermediaries, ...parties.staff]);
    await notify(trx, { userIds: not([...everyone]), kind, title, link });
  }

  async function loadStep(ctx: RequestContext, id: string) {
    const s = await repo.findSubOrder(db, id);
    if (!s) throw missingSubOrder();
    const o = (await repo.findOrder(db, s.order_id))!;
    return { s, o, v: await viewer(ctx) };
  }

  return {
    statusLabels: STATUS_LABELS,

    /** The parts the caller plays in 맺음: the institutions it orders for, the organisations it manages. */
    async myParts(ctx: RequestContext): Promise<MyParts> {
      authorize(ctx.actor, 'orders.order.list', undefined);
      const v = await viewer(ctx);
      const [insts, orgs] = await Promise.all([institutionNames(db, v.officerOf), repo.organizationNames(db, v.orgs)]);
      return {
        staff: v.staff,
        officerOf: v.officerOf.map((id) => ({ id, name: insts.get(id) ?? '—' })),
        organizations: v.orgs.map((id) => ({ id, name: orgs.get(id) ?? '—' })),
      };
    },

    async searchBundles(ctx: RequestContext, q: BundleQuery) {
      authorize(ctx.actor, 'orders.bundle.read', undefined);
      if (q.status !== 'active' && ctx.actor.kind === 'anonymous') throw new Problem('unauthenticated');
      const { rows, total, counts } = await repo.searchBundles(db, q);
      return { items: await presentBundles(ctx, rows), total, page: q.page, pageSize: q.pageSize, counts };
    },

    async getBundle(ctx: RequestContext, id: string): Promise<Bundle> {
      authorize(ctx.actor, 'orders.bundle.read', undefined);
      const b = await repo.findBundle(db, id);
      if (!b) throw missingBundle();
      return (await presentBundles(ctx, [b]))[0]!;
    },

    async createBundle(ctx: RequestContext, input: BundleInput): Promise<Bundle> {
      authorize(ctx.actor, 'orders.bundle.manage', { intermediaryId: input.intermediaryId ?? null });
      await checkBundleInput(input, null);
      const row = await db.transaction().execute(async (trx) => {
        const b = await repo.insertBundle(trx, bundleColumns(input), componentColumns(input));
        await recordAudit(trx, ctx, { action: 'orders.bundle.create', entityType: 'order_bundle', entityId: b.id, before: null, after: { ...b, components: input.components } });
        return b;
      });
      return (await presentBundles(ctx, [row]))[0]!;
    },

    async updateBundle(ctx: RequestContext, id: string, input: BundleInput): Promise<Bundle> {
      const existing = await repo.findBundle(db, id);
      if (!existing) throw missingBundle();
      authorize(ctx.actor, 'orders.bundle.manage', { intermediaryId: existing.intermediary_org_id });
      authorize(ctx.actor, 'orders.bundle.manage', { intermediaryId: input.intermediaryId ?? null });
      await checkBundleInput(input, id);
      const row = await db.transaction().execute(async (trx) => {
        const before = await repo.lockBundle(trx, id);
        if (!before) throw missingBundle();
        const beforeComponents = await repo.componentsOf(trx, [id]);
        const after = await repo.updateBundle(trx, id, bundleColumns(input), componentColumns(input));
        await recordAudit(trx, ctx, {
          action: 'orders.bundle.update',
          entityType: 'order_bundle',
          entityId: id,
          before: { ...before, components: beforeComponents },
          after: { ...after, components: input.components },
        });
        return after;
      });
      return (await presentBundles(ctx, [row]))[0]!;
    },

    async deleteBundle(ctx: RequestContext, id: string): Promise<void> {
      const existing = await repo.findBundle(db, id);
      if (!existing) throw missingBundle();
      authorize(ctx.actor, 'orders.bundle.manage', { intermediaryId: existing.intermediary_org_id });
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockBundle(trx, id);
        if (!before) throw missingBundle();
        if (await repo.bundleOrdered(trx, id)) {
          throw conflict('주문된 적이 있는 상품은 지울 수 없습니다. 판매 종료로 바꿔 주세요', 'A bundle that has been ordered cannot be deleted; retire it instead');
        }
        await repo.deleteBundle(trx, id);
        await recordAudit(trx, ctx, { action: 'orders.bundle.delete', entityType: 'order_bundle', entityId: id, before, after: null });
      });
    },

    async placeOrder(ctx: RequestContext, input: OrderInput): Promise<Order> {
      const v = await viewer(ctx);
      authorize(ctx.actor, 'orders.order.place', { institutionId: input.institutionId, officerOf: v.officerOf });
      const bundles = await repo.findBundles(
        db,
        input.lines.map((l) => l.bundleId),
      );
      const comps = await repo.componentsOf(
        db,
        bundles.map((b) => b.id),
      );
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      let lead = 0;
      input.lines.forEach((l, i) => {
        const b = bundles.find((x) => x.id === l.bundleId);
        if (!b) errors.push({ path: `lines.${i}.bundleId`, messages: { ko: '상품을 찾을 수 없습니다', en: 'No bundle has this id' } });
        else if (b.status !== 'active') errors.push({ path: `lines.${i}.bundleId`, messages: { ko: `'${b.name}'은(는) 판매가 끝난 상품입니다`, en: `“${b.name}” is no longer sold` } });
        else if (seen.has(b.id)) errors.push({ path: `lines.${i}.bundleId`, messages: { ko: '같은 상품이 두 줄에 있습니다. 수량을 합쳐 주세요', en: 'The same bundle is on two lines; add up the quantity instead' } });
        else if (l.quantity < b.min_quantity) {
          errors.push({ path: `lines.${i}.quantity`, messages: { ko: `'${b.name}'은(는) ${b.min_quantity}개 이상 주문해 주세요`, en: `Order at least ${b.min_quantity} of “${b.name}”` } });
        }
        if (b) {
          seen.add(b.id);
          lead = Math.max(lead, b.lead_time_days);
        }
      });
      const earliest = addDays(seoulToday(), lead);
      if (input.deliveryDate < earliest) {
        errors.push({ path: 'deliveryDate', messages: { ko: `배송일은 ${earliest} 이후로 정해 주세요 (준비 기간 ${lead}일)`, en: `Choose a delivery date on or after ${earliest} (${lead} days’ lead time)` } });
      }
      if (errors.length) throw validationProblem(errors);

      const supplierNames = await repo.organizationNames(
        db,
        comps.map((c) => c.supplier_org_id),
      );
      const split = splitOrder(input.lines.map((l) => ({ bundle: { ...bundles.find((b) => b.id === l.bundleId)!, components: comps.filter((c) => c.bundle_id === l.bundleId) }, quantity: l.quantity })));
      const year = Number(seoulToday().slice(0, 4));
      const draft = { institution_id: input.institutionId, intermediary_org_ids: split.intermediaries } as repo.OrderRow;
      const parties = await partiesOf(draft, []);
      const supplierUsers = await Promise.all(split.subOrders.map(async (s) => membersOf([s.supplier])));
      const id = await db.transaction().execute(async (trx) => {
        const seq = await repo.nextOrderSeq(trx, year);
        const o = await repo.insertOrder(trx, {
          number: orderNumber(year, seq),
          year,
          institution_id: input.institutionId,
          ordered_by: v.userId,
          delivery_date: input.deliveryDate,
          delivery_place: input.deliveryPlace,
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          note: input.note ?? null,
          intermediary_org_ids: split.intermediaries,
        });
        await repo.insertLines(
          trx,
          split.lines.map((l) => ({ ...l, order_id: o.id })),
        );
        const created: repo.SubOrderRow[] = [];
        for (const s of split.subOrders) {
          const sub = await repo.insertSubOrder(trx, { order_id: o.id, supplier_org_id: s.supplier, supplier_name: supplierNames.get(s.supplier) ?? '—', intermediary_org_ids: s.intermediaries, amount: s.amount });
          await repo.insertItems(
            trx,
            s.items.map((i) => ({ ...i, sub_order_id: sub.id })),
          );
          created.push(sub);
        }
        await repo.insertEvents(
          trx,
          created.map((s) => ({ sub_order_id: s.id, actor_id: v.userId, actor_side: 'buyer' as const, from_status: null, to_status: 'received' as const, note: input.note ?? null })),
        );
        await recordAudit(trx, ctx, {
          action: 'orders.order.place',
          entityType: 'order',
          entityId: o.id,
          before: null,
          after: { ...o, lines: split.lines, subOrders: created.map((s) => ({ id: s.id, supplier: s.supplier_org_id, amount: s.amount })) },
        });
        const title = { ko: `새 맺음 주문 ${o.number}이 들어왔습니다 (배송 ${o.delivery_date})`, en: `New 맺음 order ${o.number} (delivery ${o.delivery_date})` };
        await tell(trx, ctx, o, { ...parties, suppliers: created.map((s, i) => ({ id: s.id, users: supplierUsers[i]! })) }, 'orders.order.placed', title);
        return o.id;
      });
      return this.getOrder(ctx, id);
    },

    async listOrders(ctx: RequestContext, q: OrderQuery) {
      authorize(ctx.actor, 'orders.order.list', undefined);
      const v = await viewer(ctx);
      const as: Side = q.as ?? (v.staff ? 'staff' : v.officerOf.length ? 'buyer' : 'supplier');
      if (as === 'staff') authorize(ctx.actor, 'orders.order.list-all', undefined);
      const scope: repo.OrderScope =
        as === 'staff' ? { all: true } : as === 'buyer' ? { institutionIds: v.officerOf } : as === 'supplier' ? { supplierIds: v.orgs } : { intermediaryIds: v.orgs };
      const { rows, total } = await repo.listOrders(db, scope, q);
      // As a supplier, only one's own parts, even where one could see more.
      const only = as === 'supplier' ? (s: repo.SubOrderRow) => v.orgs.includes(s.supplier_org_id) : undefined;
      return { items: await presentOrders(ctx, v, rows, only), total, page: q.page, pageSize: q.pageSize, as };
    },

    async getOrder(ctx: RequestContext, id: string): Promise<Order> {
      authorize(ctx.actor, 'orders.order.list', undefined);
      const o = await repo.findOrder(db, id);
      if (!o) throw missingOrder();
      const v = await viewer(ctx);
      const [presented] = await presentOrders(ctx, v, [o]);
      if (!presented!.subOrders.length) throw new Problem('forbidden');
      return presented!;
    },

    async getSubOrder(ctx: RequestContext, id: string): Promise<SubOrder> {
      const { s, o, v } = await loadStep(ctx, id);
      authorize(ctx.actor, 'orders.sub-order.read', { supplierId: s.supplier_org_id, intermediaryIds: s.intermediary_org_ids, institutionId: o.institution_id, officerOf: v.officerOf });
      const [presented] = await presentOrders(ctx, v, [o], (x) => x.id === id);
      return presented!.subOrders[0]!;
    },

    /** One step of a sub-order (see STEPS), under its optimistic version. */
    async step(ctx: RequestContext, id: string, action: SubOrderAction, body: StepBody): Promise<SubOrder> {
      const { s, o, v } = await loadStep(ctx, id);
      const tr = STEPS[action];
      // Who may act is settled before the state: an outsider learns nothing about it.
      const side = sideFor(ctx, v, o, s, action);
      if (!side) {
        authorize(ctx.actor, 'orders.sub-order.act-as-staff', undefined);
        throw new Problem('forbidden');
      }
      if (action === 'invoice' && !body.invoiceNo) throw fieldProblem('invoiceNo', '청구서 번호를 적어 주세요', 'Give the invoice number');
      const on = body.on ?? seoulToday();
      if (body.on && (action === 'deliver' || action === 'pay') && body.on > seoulToday()) {
        throw fieldProblem('on', '앞으로 올 날짜는 적을 수 없습니다', 'The date cannot be in the future');
      }
      const subs = await repo.subOrdersOf(db, [o.id]);
      const parties = await partiesOf(o, subs);
      const supplierName = s.supplier_name;
      await db.transaction().execute(async (trx) => {
        const all = action === 'cancel' && side === 'buyer' ? await repo.lockSubOrdersOfOrder(trx, o.id) : [];
        const before = action === 'cancel' && side === 'buyer' ? all.find((x) => x.id === id) : await repo.lockSubOrder(trx, id);
        if (!before) throw missingSubOrder();
        const now = STATUS_LABELS[before.status];
        if (!(tr.from as readonly string[]).includes(before.status)) {
          throw conflict(`'${now.ko}' 상태의 공급처 주문은 ${tr.label.ko}할 수 없습니다 (현재 상태: ${now.ko})`, `You cannot ${tr.label.en} a sub-order that is ${now.en} (current state: ${now.en})`);
        }
        if (before.version !== body.version) {
          throw conflict(
            `다른 사람이 먼저 이 공급처 주문을 바꾸었습니다 (현재 상태: ${now.ko}). 새로 고친 뒤 다시 해 주세요`,
            `Someone changed this sub-order first (current state: ${now.en}); reload and try again`,
          );
        }
        if (action === 'cancel' && side === 'buyer' && all.some((x) => x.status !== 'received' && x.status !== 'cancelled')) {
          throw conflict('공급처가 이미 확인한 주문은 구매 기관이 취소할 수 없습니다. 센터에 문의해 주세요', 'Part of this order has already been confirmed; ask the centre to cancel it');
        }
        if ((action === 'pay' && before.delivered_on && on < before.delivered_on) || (action === 'deliver' && on < seoulToday(o.created_at) && !o.is_demo)) {
          throw fieldProblem('on', '날짜가 앞 단계보다 이릅니다', 'The date comes before the previous step');
        }
        const patch: repo.SubOrderUpdate = { status: tr.to };
        if (action === 'confirm') patch.confirmed_at = new Date();
        if (action === 'deliver') patch.delivered_on = on;
        if (action === 'invoice') Object.assign(patch, { invoice_no: body.invoiceNo!, invoiced_on: seoulToday() });
        if (action === 'pay') patch.paid_on = on;
        if (action === 'cancel') patch.cancelled_at = new Date();
        const after = await repo.updateSubOrder(trx, id, patch);
        await repo.insertEvents(trx, [{ sub_order_id: id, actor_id: v.userId, actor_side: side, from_status: before.status, to_status: tr.to, note: body.note ?? null }]);
        await recordAudit(trx, ctx, { action: `orders.sub-order.${action}`, entityType: 'order_sub_order', entityId: id, before, after: { ...after, note: body.note ?? null } });
        const to = STATUS_LABELS[tr.to];
        const title = {
          ko: `맺음 주문 ${o.number}: ${supplierName} 부분이 '${to.ko}' 상태가 되었습니다`,
          en: `맺음 order ${o.number}: ${supplierName}’s part is now ${to.en}`,
        };
        await tell(trx, ctx, o, parties, `orders.sub-order.${action}`, title, new Set([id]));
      });
      return this.getSubOrder(ctx, id);
    },

    /** The buyer (or staff) cancels the whole order while every part is still received. */
    async cancelOrder(ctx: RequestContext, id: string, note: string | null | undefined): Promise<Order> {
      const o = await repo.findOrder(db, id);
      if (!o) throw missingOrder();
      const v = await viewer(ctx);
      const asBuyer = can(ctx.actor, 'orders.sub-order.act-as-buyer', { institutionId: o.institution_id, officerOf: v.officerOf });
      if (!asBuyer) authorize(ctx.actor, 'orders.sub-order.act-as-staff', undefined);
      const side: Side = asBuyer ? 'buyer' : 'staff';
      const parties = await partiesOf(o, await repo.subOrdersOf(db, [id]));
      await db.transaction().execute(async (trx) => {
        const all = await repo.lockSubOrdersOfOrder(trx, id);
        const moved = all.find((s) => s.status !== 'received' && s.status !== 'cancelled');
        if (moved) {
          const now = STATUS_LABELS[moved.status];
          throw conflict(`공급처 주문 하나가 이미 '${now.ko}' 상태라 주문 전체를 취소할 수 없습니다`, `One part of the order is already ${now.en}; the order cannot be cancelled as a whole`);
        }
        const open = all.filter((s) => s.status === 'received');
        if (!open.length) throw conflict('이미 취소된 주문입니다', 'The order is already cancelled');
        for (const s of open) await repo.updateSubOrder(trx, s.id, { status: 'cancelled', cancelled_at: new Date() });
        await repo.insertEvents(
          trx,
          open.map((s) => ({ sub_order_id: s.id, actor_id: v.userId, actor_side: side, from_status: 'received' as const, to_status: 'cancelled' as const, note: note ?? null })),
        );
        await recordAudit(trx, ctx, { action: 'orders.order.cancel', entityType: 'order', entityId: id, before: { subOrders: open.map((s) => ({ id: s.id, status: s.status })) }, after: { status: 'cancelled', note: note ?? null } });
        await tell(trx, ctx, o, parties, 'orders.order.cancel', { ko: `맺음 주문 ${o.number}이 취소되었습니다`, en: `맺음 order ${o.number} was cancelled` });
      });
      return this.getOrder(ctx, id);
    },

    async settlement(ctx: RequestContext, q: SettlementQuery): Promise<Settlement> {
      authorize(ctx.actor, 'orders.settlement.read', undefined);
      const v = await viewer(ctx);
      if (q.supplierId && !v.staff && !v.orgs.includes(q.supplierId)) {
        // An intermediary may ask for a supplier of its bundles; the scope below keeps it to them.
        const mine = await repo.settlement(db, { supplierIds: [q.supplierId], scope: { all: false, supplierIds: [], intermediaryIds: v.orgs } });
        if (!mine.length) throw new Problem('forbidden');
      }
      let from: string | undefined;
      let to: string | undefined;
      if (q.month) {
        const [y, m] = q.month.split('-').map(Number) as [number, number];
        from = `${q.month}-01`;
        to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      } else if (q.year) {
        from = `${q.year}-01-01`;
        to = `${q.year + 1}-01-01`;
      }
      const raw = await repo.settlement(db, { from, to, supplierIds: q.supplierId ? [q.supplierId] : undefined, scope: { all: v.staff, supplierIds: v.orgs, intermediaryIds: v.orgs } });
      const rows = raw
        .map((r) => ({
          month: r.month,
          supplier: { id: r.supplier_org_id, name: r.supplier_name },
          subOrders: r.sub_orders,
          amount: r.amount,
          invoiced: r.invoiced,
          paid: r.paid,
          outstanding: r.amount - r.paid,
        }))
        .sort((a, b) => a.month.localeCompare(b.month) || a.supplier.name.localeCompare(b.supplier.name, 'ko'));
      const total = rows.reduce(
        (t, r) => ({ subOrders: t.subOrders + r.subOrders, amount: t.amount + r.amount, invoiced: t.invoiced + r.invoiced, paid: t.paid + r.paid, outstanding: t.outstanding + r.outstanding }),
        { subOrders: 0, amount: 0, invoiced: 0, paid: 0, outstanding: 0 },
      );
      return { month: q.month ?? null, year: q.month ? null : (q.year ?? null), rows, total };
    },

    // ——— demo ———

    /**
     * Writes demo bundles and historical orders (system only), with their events, in one transaction
     * with one audit row. Orders come whole: their sub-orders' states and dates are given.
     */
    async seedDemo(
      ctx: RequestContext,
      data: {
        bundles: { row: repo.BundleInsert & { id: string }; components: Omit<repo.ComponentInsert, 'bundle_id'>[] }[];
        orders: {
          createdAt: Date;
          institutionId: string;
          orderedBy: string | null;
          deliveryDate: string;
          deliveryPlace: string;
          contactName: string;
          contactPhone: string;
          lines: { bundleId: string; quantity: number }[];
          /** Per supplier: how far its part went, with the dates. */
          progress: (supplierId: string) => { status: SubOrderStatus; deliveredOn?: string; invoicedOn?: string; invoiceNo?: string; paidOn?: string };
        }[];
      },
    ): Promise<{ bundles: number; orders: number }> {
      if (ctx.actor.kind !== 'system') throw new Problem('forbidden');
      const supplierNames = await repo.organizationNames(
        db,
        data.bundles.flatMap((b) => b.components.map((c) => c.supplier_org_id)),
      );
      return db.transaction().execute(async (trx) => {
        for (const b of data.bundles) await repo.insertBundle(trx, { ...b.row, is_demo: true }, b.components);
        const byId = new Map(data.bundles.map((b) => [b.row.id, { id: b.row.id, code: b.row.code, name: b.row.name, intermediary_org_id: b.row.intermediary_org_id ?? null, components: b.components.map((c) => ({ ...c, bundle_id: b.row.id })) }]));
        const sorted = [...data.orders].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        for (const d of sorted) {
          const split = splitOrder(d.lines.map((l) => ({ bundle: byId.get(l.bundleId)!, quantity: l.quantity })));
          const year = Number(seoulToday(d.createdAt).slice(0, 4));
          const seq = await repo.nextOrderSeq(trx, year);
          const o = await repo.insertOrder(trx, {
            number: orderNumber(year, seq),
            year,
            institution_id: d.institutionId,
            ordered_by: d.orderedBy,
            delivery_date: d.deliveryDate,
            delivery_place: d.deliveryPlace,
            contact_name: d.contactName,
            contact_phone: d.contactPhone,
            note: null,
            intermediary_org_ids: split.intermediaries,
            is_demo: true,
            created_at: d.createdAt,
          });
          await repo.insertLines(
            trx,
            split.lines.map((l) => ({ ...l, order_id: o.id })),
          );
          for (const s of split.subOrders) {
            const p = d.progress(s.supplier);
            const reached = p.status === 'cancelled' ? 0 : FLOW.indexOf(p.status);
            const sub = await repo.insertSubOrder(trx, {
              order_id: o.id,
              supplier_org_id: s.supplier,
              supplier_name: supplierNames.get(s.supplier) ?? '—',
              intermediary_org_ids: s.intermediaries,
              amount: s.amount,
              status: p.status,
              version: 1 + (p.status === 'cancelled' ? 1 : reached),
              confirmed_at: reached >= 1 ? d.createdAt : null,
              delivered_on: reached >= 2 ? p.deliveredOn! : null,
              invoiced_on: reached >= 3 ? p.invoicedOn! : null,
              invoice_no: reached >= 3 ? p.invoiceNo! : null,
              paid_on: reached >= 4 ? p.paidOn! : null,
              cancelled_at: p.status === 'cancelled' ? d.createdAt : null,
            });
            await repo.insertItems(
              trx,
              s.items.map((i) => ({ ...i, sub_order_id: sub.id })),
            );
            const steps: repo.EventRow['to_status'][] = p.status === 'cancelled' ? ['received', 'cancelled'] : FLOW.slice(0, reached + 1);
            const at = (st: SubOrderStatus) =>
              new Date(
                st === 'delivered' ? `${p.deliveredOn}T15:00:00+09:00` : st === 'invoiced' ? `${p.invoicedOn}T10:00:00+09:00` : st === 'paid' ? `${p.paidOn}T11:00:00+09:00` : d.createdAt.toISOString(),
              );
            await repo.insertEvents(
              trx,
              steps.map((st, i) => ({
                sub_order_id: sub.id,
                actor_id: null,
                actor_side: 'system' as const,
                from_status: i === 0 ? null : steps[i - 1]!,
                to_status: st,
                note: null,
                created_at: at(st),
              })),
            );
          }
        }
        await recordAudit(trx, ctx, { action: 'orders.demo.seed', entityType: 'order', entityId: null, before: null, after: { bundles: data.bundles.length, orders: data.orders.length } });
        return { bundles: data.bundles.length, orders: data.orders.length };
      });
    },

    async removeDemo(ctx: RequestContext): Promise<{ orders: number; bundles: number }> {
      if (ctx.actor.kind !== 'system') throw new Problem('forbidden');
      return db.transaction().execute(async (trx) => {
        const n = await repo.removeDemo(trx);
        if (n.orders || n.bundles) await recordAudit(trx, ctx, { action: 'orders.demo.remove', entityType: 'order', entityId: null, before: n, after: null });
        return n;
      });
    },
  };
}
export type OrdersService = ReturnType<typeof createOrdersService>;
export { SUB_ORDER_STATUSES };
