import type { Db } from '../../db/engine.ts';
import { systemContext, type RequestContext } from '../../kernel/context.ts';
import type { Bilingual } from '../../kernel/i18n.ts';
import type { Mailer } from '../../kernel/mail.ts';
import { authorize, can } from '../../kernel/policy.ts';
import { conflict, fieldProblem, notFound, Problem, validationProblem, type FieldError } from '../../kernel/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { createDirectoryService } from '../directory/index.ts';
import { notify } from '../notifications/index.ts';
import { photoErrors } from '../procurement/index.ts';
import './policy.ts';
import * as repo from './repository.ts';
import type {
  Category,
  CreateRequestInput,
  CreateResourceInput,
  LinkageTable,
  RequestQuery,
  RequestStatus,
  Resource,
  ResourceFieldsInput,
  ResourceQuery,
  SharingRequest,
} from './schema.ts';

export interface OrganizationMember {
  userId: string;
  email: string;
}

export interface SharingDeps {
  db: Db;
  /** E-mail to the other side's members on each transition; none when absent. */
  mailer?: Mailer;
  /** Base of links in e-mail. */
  publicUrl?: string;
  /** The members of an organisation (identity owns them). Called outside any transaction. */
  membersOf?: (organizationId: string) => Promise<OrganizationMember[]>;
}

type Side = 'owner' | 'requester';

/**
 * The request lifecycle. Each action names the side that takes it, the states it may start from and
 * the state it leads to; anything else is a 409. Hand-over completes a request whose resource does
 * not come back (goods, talent); for a space or equipment the return completes it.
 */
export const TRANSITIONS = {
  accept: { side: 'owner', from: ['requested'], label: { ko: '수락', en: 'accept' } },
  decline: { side: 'owner', from: ['requested'], label: { ko: '거절', en: 'decline' } },
  propose: { side: 'owner', from: ['requested'], label: { ko: '다른 날짜를 제안', en: 'propose other dates for' } },
  'accept-proposal': { side: 'requester', from: ['proposed'], label: { ko: '제안을 수락', en: 'accept the proposal of' } },
  'decline-proposal': { side: 'requester', from: ['proposed'], label: { ko: '제안을 거절', en: 'decline the proposal of' } },
  cancel: { side: 'either', from: ['requested', 'proposed', 'accepted'], label: { ko: '취소', en: 'cancel' } },
  handover: { side: 'owner', from: ['accepted'], label: { ko: '전달을 기록', en: 'record the hand-over of' } },
  return: { side: 'owner', from: ['handed_over'], label: { ko: '반납을 기록', en: 'record the return of' } },
  review: { side: 'either', from: ['completed'], label: { ko: '후기를 작성', en: 'review' } },
} as const satisfies Record<string, { side: Side | 'either'; from: readonly RequestStatus[]; label: Bilingual }>;
export type RequestAction = keyof typeof TRANSITIONS;

export const STATUS_LABELS: Record<RequestStatus, Bilingual> = {
  requested: { ko: '요청됨', en: 'requested' },
  proposed: { ko: '다른 날짜 제안됨', en: 'other dates proposed' },
  accepted: { ko: '수락됨', en: 'accepted' },
  declined: { ko: '거절됨', en: 'declined' },
  cancelled: { ko: '취소됨', en: 'cancelled' },
  handed_over: { ko: '전달됨', en: 'handed over' },
  completed: { ko: '완료', en: 'completed' },
};

/** What each action tells the other side. */
const ANNOUNCE: Record<Exclude<RequestAction, 'review'> | 'create', (title: string) => Bilingual> = {
  create: (t) => ({ ko: `'${t}' 자원에 새 요청이 왔습니다`, en: `New request for “${t}”` }),
  accept: (t) => ({ ko: `'${t}' 요청이 수락되었습니다`, en: `Your request for “${t}” was accepted` }),
  decline: (t) => ({ ko: `'${t}' 요청이 거절되었습니다`, en: `Your request for “${t}” was declined` }),
  propose: (t) => ({ ko: `'${t}' 요청에 다른 날짜가 제안되었습니다`, en: `Other dates were proposed for “${t}”` }),
  'accept-proposal': (t) => ({ ko: `'${t}' 날짜 제안이 수락되었습니다`, en: `Your proposed dates for “${t}” were accepted` }),
  'decline-proposal': (t) => ({ ko: `'${t}' 날짜 제안이 거절되었습니다`, en: `Your proposed dates for “${t}” were declined` }),
  cancel: (t) => ({ ko: `'${t}' 요청이 취소되었습니다`, en: `The request for “${t}” was cancelled` }),
  handover: (t) => ({ ko: `'${t}' 자원이 전달되었습니다`, en: `“${t}” was handed over` }),
  return: (t) => ({ ko: `'${t}' 자원의 반납이 기록되었습니다`, en: `The return of “${t}” was recorded` }),
};

type ActionInput =
  | { action: 'accept' }
  | { action: 'decline'; reason: string }
  | { action: 'propose'; fromDate: string; toDate: string; note?: string | null | undefined }
  | { action: 'accept-proposal' }
  | { action: 'decline-proposal' }
  | { action: 'cancel'; reason?: string | null | undefined }
  | { action: 'handover'; on: string }
  | { action: 'return'; on: string; condition: string }
  | { action: 'review'; rating: number; body?: string | null | undefined };

const SYSTEM = systemContext('sharing');

const iso = (d: Date) => d.toISOString();

export function createSharingService(deps: SharingDeps) {
  const { db } = deps;
  const directory = createDirectoryService(db);

  let lookup: Promise<{ categories: Map<string, repo.CategoryRow>; districts: Map<string, { code: string; name: Bilingual }> }> | undefined;
  const labels = () =>
    (lookup ??= (async () => {
      const [cats, tax] = await Promise.all([repo.categories(db), directory.taxonomy()]);
      return { categories: new Map(cats.map((c) => [c.key, c])), districts: new Map(tax.districts.map((d) => [d.code, { code: d.code, name: d.name }])) };
    })().catch((e: unknown) => {
      lookup = undefined;
      throw e;
    }));

  /** Names of organisations, read through the directory (never its tables). */
  async function orgNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((id) => directory.get(SYSTEM, id).then((o) => [id, o.name] as const, () => [id, '—'] as const)));
    return new Map(found);
  }

  function categoryOf(l: Awaited<ReturnType<typeof labels>>, key: string) {
    const c = l.categories.get(key)!;
    return { key: c.key as Category, label: { ko: c.label_ko, en: c.label_en }, returns: c.returns };
  }

  async function presentResources(ctx: RequestContext, rows: repo.ResourceRow[]): Promise<Resource[]> {
    const [l, names] = await Promise.all([labels(), orgNames(rows.map((r) => r.organization_id))]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      category: categoryOf(l, r.category_key),
      district: r.district_code ? (l.districts.get(r.district_code) ?? null) : null,
      organization: { id: r.organization_id, name: names.get(r.organization_id) ?? '—' },
      photos: r.photos,
      terms: r.terms,
      feeWon: r.fee_won === null ? null : Number(r.fee_won),
      availability: r.availability,
      availableRanges: r.available_ranges,
      quantity: r.quantity,
      status: r.status,
      isDemo: r.is_demo,
      canManage: can(ctx.actor, 'sharing.resource.manage', { organizationId: r.organization_id }),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    }));
  }

  /** The side the caller acts on for this request, or undefined when they may act on neither. */
  function sideOf(ctx: RequestContext, q: repo.RequestRow, ownerOrganizationId: string, wanted: Side | 'either'): Side | undefined {
    const asRequester = can(ctx.actor, 'sharing.request.act-as-requester', { requesterOrganizationId: q.requester_organization_id });
    const asOwner = can(ctx.actor, 'sharing.request.answer', { ownerOrganizationId });
    if (wanted === 'requester') return asRequester ? 'requester' : undefined;
    if (wanted === 'owner') return asOwner ? 'owner' : undefined;
    // Either side: someone who belongs to the requesting organisation acts as the requester.
    return asRequester ? 'requester' : asOwner ? 'owner' : undefined;
  }

  function allowedActions(ctx: RequestContext, q: repo.RequestRow, ownerOrganizationId: string, reviewed: Set<Side>): RequestAction[] {
    return (Object.keys(TRANSITIONS) as RequestAction[]).filter((a) => {
      const tr = TRANSITIONS[a];
      if (!(tr.from as readonly string[]).includes(q.status)) return false;
      const side = sideOf(ctx, q, ownerOrganizationId, tr.side);
      if (!side) return false;
      return a !== 'review' || !reviewed.has(side);
    });
  }

  async function presentRequests(ctx: RequestContext, rows: repo.RequestRow[]): Promise<SharingRequest[]> {
    const resources = new Map((await repo.resourcesByIds(db, [...new Set(rows.map((r) => r.resource_id))])).map((r) => [r.id, r]));
    const [l, names, reviews] = await Promise.all([
      labels(),
      orgNames([...rows.map((r) => r.requester_organization_id), ...[...resources.values()].map((r) => r.organization_id)]),
      repo.reviewsOf(
        db,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((q) => {
      const res = resources.get(q.resource_id)!;
      const mine = reviews.filter((v) => v.request_id === q.id);
      return {
        id: q.id,
        resource: { id: res.id, title: res.title, category: categoryOf(l, res.category_key), district: res.district_code ? (l.districts.get(res.district_code) ?? null) : null },
        owner: { id: res.organization_id, name: names.get(res.organization_id) ?? '—' },
        requester: { id: q.requester_organization_id, name: names.get(q.requester_organization_id) ?? '—' },
        fromDate: q.from_date,
        toDate: q.to_date,
        quantity: q.quantity,
        message: q.message,
        status: q.status,
        proposal: q.proposed_from && q.proposed_to ? { fromDate: q.proposed_from, toDate: q.proposed_to, note: q.proposal_note } : null,
        declineReason: q.decline_reason,
        cancelReason: q.cancel_reason,
        cancelledBy: q.cancelled_by,
        handedOverOn: q.handed_over_on,
        returnedOn: q.returned_on,
        returnCondition: q.return_condition,
        completedOn: q.completed_on,
        reviews: mine.map((v) => ({ side: v.side, rating: v.rating, body: v.body, createdAt: iso(v.created_at) })),
        actions: allowedActions(ctx, q, res.organization_id, new Set(mine.map((v) => v.side))),
        createdAt: iso(q.created_at),
        updatedAt: iso(q.updated_at),
      };
    });
  }

  async function membersOf(organizationId: string): Promise<OrganizationMember[]> {
    return deps.membersOf ? deps.membersOf(organizationId) : [];
  }

  /** E-mail after the change committed; a failing mail server must not undo a recorded hand-over. */
  async function mail(to: OrganizationMember[], title: Bilingual, requestId: string): Promise<void> {
    if (!deps.mailer || !to.length) return;
    const link = `${(deps.publicUrl ?? '').replace(/\/$/, '')}/me/requests?id=${requestId}`;
    await Promise.allSettled(
      to.map((m) =>
        deps.mailer!.send({
          to: m.email,
          subject: `[sehub] ${title.ko} · ${title.en}`,
          text: `${title.ko}\n${link}\n\n${title.en}\n${link}\n`,
        }),
      ),
    );
  }

  /** The district is one of Seoul's; the photos are uploads of the resource's own organisation. */
  async function checkResourceFields(input: ResourceFieldsInput, organizationId: string) {
    const l = await labels();
    const errors: FieldError[] = [];
    if (input.districtCode && !l.districts.has(input.districtCode)) errors.push({ path: 'districtCode', messages: { ko: '알 수 없는 자치구입니다', en: 'Unknown district' } });
    errors.push(...(await photoErrors(db, input.photos, organizationId)));
    if (errors.length) throw validationProblem(errors);
  }

  function resourceColumns(input: ResourceFieldsInput) {
    return {
      title: input.title,
      description: input.description ?? null,
      category_key: input.categoryKey,
      photos: input.photos,
      terms: input.terms,
      fee_won: input.terms === 'free' ? null : (input.feeWon ?? null),
      availability: input.availability ?? null,
      available_ranges: input.availableRanges,
      quantity: input.quantity ?? null,
      status: input.status,
      ...repo.resourceSearchColumns(input.title, input.description),
    };
  }

  const missingResource = () => notFound('자원을 찾을 수 없습니다', 'Resource not found');
  const missingRequest = () => notFound('요청을 찾을 수 없습니다', 'Request not found');

  async function readableResource(ctx: RequestContext, id: string): Promise<repo.ResourceRow> {
    authorize(ctx.actor, 'sharing.resource.read', undefined);
    const r = await repo.findResource(db, id);
    if (!r) throw missingResource();
    // A paused or gone resource is its organisation's business; others see it as missing.
    if (r.status !== 'available' && !can(ctx.actor, 'sharing.resource.read-hidden', { organizationId: r.organization_id })) throw missingResource();
    return r;
  }

  return {
    async taxonomy() {
      const l = await labels();
      return {
        categories: [...l.categories.values()].map((c) => categoryOf(l, c.key)),
        districts: [...l.districts.values()],
      };
    },

    async search(ctx: RequestContext, q: ResourceQuery) {
      authorize(ctx.actor, 'sharing.resource.read', undefined);
      if (q.status !== 'available') {
        if (!q.organization) throw fieldProblem('organization', '상태로 거르려면 단체를 정해 주세요', 'Filtering by status needs an organisation');
        authorize(ctx.actor, 'sharing.resource.read-hidden', { organizationId: q.organization });
      }
      const l = await labels();
      const [{ rows, total }, cat, dist] = await Promise.all([repo.searchResources(db, q), repo.facet(db, q, 'category'), repo.facet(db, q, 'district')]);
      return {
        items: await presentResources(ctx, rows),
        total,
        page: q.page,
        pageSize: q.pageSize,
        facets: {
          category: [...l.categories.values()].filter((c) => cat.has(c.key)).map((c) => ({ key: c.key, label: { ko: c.label_ko, en: c.label_en }, count: cat.get(c.key)! })),
          district: [...l.districts.values()].filter((d) => dist.has(d.code)).map((d) => ({ key: d.code, label: d.name, count: dist.get(d.code)! })),
        },
      };
    },

    async get(ctx: RequestContext, id: string): Promise<Resource> {
      return (await presentResources(ctx, [await readableResource(ctx, id)]))[0]!;
    },

    async create(ctx: RequestContext, input: CreateResourceInput): Promise<Resource> {
      authorize(ctx.actor, 'sharing.resource.manage', { organizationId: input.organizationId });
      let org;
      try {
        org = await directory.get(SYSTEM, input.organizationId);
      } catch {
        throw fieldProblem('organizationId', '단체를 찾을 수 없습니다', 'No organisation has this id');
      }
      await checkResourceFields(input, input.organizationId);
      const row = await db.transaction().execute(async (trx) => {
        const created = await repo.insertResource(trx, {
          organization_id: input.organizationId,
          district_code: input.districtCode ?? org.district?.code ?? null,
          ...resourceColumns(input),
        });
        await recordAudit(trx, ctx, { action: 'sharing.resource.create', entityType: 'sharing_resource', entityId: created.id, before: null, after: auditable(created) });
        return created;
      });
      return (await presentResources(ctx, [row]))[0]!;
    },

    async update(ctx: RequestContext, id: string, input: ResourceFieldsInput): Promise<Resource> {
      const existing = await repo.findResource(db, id);
      if (!existing) throw missingResource();
      authorize(ctx.actor, 'sharing.resource.manage', { organizationId: existing.organization_id });
      await checkResourceFields(input, existing.organization_id);
      const row = await db.transaction().execute(async (trx) => {
        const before = await repo.lockResource(trx, id);
        if (!before) throw missingResource();
        const after = await repo.updateResource(trx, id, { ...resourceColumns(input), ...(input.districtCode !== undefined ? { district_code: input.districtCode } : {}) });
        await recordAudit(trx, ctx, { action: 'sharing.resource.update', entityType: 'sharing_resource', entityId: id, before: auditable(before), after: auditable(after) });
        return after;
      });
      return (await presentResources(ctx, [row]))[0]!;
    },

    // ——— requests ———

    async request(ctx: RequestContext, resourceId: string, input: CreateRequestInput): Promise<SharingRequest> {
      const resource = await readableResource(ctx, resourceId);
      authorize(ctx.actor, 'sharing.request.create', { requesterOrganizationId: input.requesterOrganizationId });
      if (input.requesterOrganizationId === resource.organization_id) {
        throw fieldProblem('requesterOrganizationId', '자기 단체의 자원은 요청할 수 없습니다', 'You cannot request your own organisation’s resource');
      }
      if (resource.status !== 'available') throw conflict('지금은 요청을 받지 않는 자원입니다', 'This resource is not taking requests now');
      if (input.quantity !== undefined && resource.quantity !== null && input.quantity > resource.quantity) {
        throw fieldProblem('quantity', `수량은 ${resource.quantity}개까지 요청할 수 있습니다`, `At most ${resource.quantity} can be requested`);
      }
      const owners = await membersOf(resource.organization_id);
      const title = ANNOUNCE.create(resource.title);
      const id = await db.transaction().execute(async (trx) => {
        const { id } = await repo.insertRequest(trx, {
          resource_id: resourceId,
          requester_organization_id: input.requesterOrganizationId,
          requested_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          from_date: input.fromDate ?? null,
          to_date: input.toDate ?? null,
          quantity: input.quantity ?? null,
          message: input.message ?? null,
        });
        const created = (await repo.findRequest(trx, id))!;
        await recordAudit(trx, ctx, { action: 'sharing.request.create', entityType: 'sharing_request', entityId: id, before: null, after: created });
        await notify(trx, { userIds: owners.map((m) => m.userId), kind: 'sharing.request.created', title, link: `/me/requests?id=${id}` });
        return id;
      });
      await mail(owners, title, id);
      return this.getRequest(ctx, id);
    },

    async getRequest(ctx: RequestContext, id: string): Promise<SharingRequest> {
      const q = await repo.findRequest(db, id);
      if (!q) throw missingRequest();
      const res = (await repo.findResource(db, q.resource_id))!;
      authorize(ctx.actor, 'sharing.request.read', { ownerOrganizationId: res.organization_id, requesterOrganizationId: q.requester_organization_id });
      return (await presentRequests(ctx, [q]))[0]!;
    },

    async listRequests(ctx: RequestContext, f: RequestQuery) {
      authorize(ctx.actor, 'sharing.request.list', undefined);
      const a = ctx.actor;
      const orgs = a.kind === 'user' ? a.memberships.map((m) => m.organizationId) : [];
      const everyone = f.role === 'all' && a.kind !== 'anonymous' && (a.kind === 'system' || a.role === 'staff' || a.role === 'admin');
      const { rows, total } = await repo.listRequests(db, {
        everyone,
        requesterOrgs: f.role === 'owner' ? [] : orgs,
        ownerOrgs: f.role === 'requester' ? [] : orgs,
        status: f.status,
        page: f.page,
        pageSize: f.pageSize,
      });
      return { items: await presentRequests(ctx, rows), total, page: f.page, pageSize: f.pageSize };
    },

    /** One step of the lifecycle (see TRANSITIONS). */
    async act(ctx: RequestContext, id: string, input: ActionInput): Promise<SharingRequest> {
      const tr = TRANSITIONS[input.action];
      const current = await repo.findRequest(db, id);
      if (!current) throw missingRequest();
      const resource = (await repo.findResource(db, current.resource_id))!;
      const ownerOrg = resource.organization_id;
      // Who may act is decided before the state: an outsider learns nothing about it.
      const side = sideOf(ctx, current, ownerOrg, tr.side);
      if (!side) {
        if (tr.side === 'requester') authorize(ctx.actor, 'sharing.request.act-as-requester', { requesterOrganizationId: current.requester_organization_id });
        else if (tr.side === 'owner') authorize(ctx.actor, 'sharing.request.answer', { ownerOrganizationId: ownerOrg });
        else authorize(ctx.actor, 'sharing.request.act-as-requester', { requesterOrganizationId: current.requester_organization_id });
        throw new Problem('forbidden');
      }
      const otherOrg = side === 'owner' ? current.requester_organization_id : ownerOrg;
      const recipients = input.action === 'review' ? [] : await membersOf(otherOrg);
      const category = (await labels()).categories.get(resource.category_key)!;

      const title = input.action === 'review' ? undefined : ANNOUNCE[input.action](resource.title);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRequest(trx, id);
        if (!before) throw missingRequest();
        if (!(tr.from as readonly string[]).includes(before.status)) {
          const s = STATUS_LABELS[before.status];
          throw conflict(`'${s.ko}' 상태의 요청은 ${tr.label.ko}할 수 없습니다`, `You cannot ${tr.label.en} a request that is ${s.en}`);
        }
        let patch: repo.RequestUpdate = {};
        switch (input.action) {
          case 'accept':
            patch = { status: 'accepted' };
            break;
          case 'decline':
            patch = { status: 'declined', decline_reason: input.reason };
            break;
          case 'propose':
            patch = { status: 'proposed', proposed_from: input.fromDate, proposed_to: input.toDate, proposal_note: input.note ?? null };
            break;
          case 'accept-proposal':
            patch = { status: 'accepted', from_date: before.proposed_from, to_date: before.proposed_to };
            break;
          case 'decline-proposal':
            patch = { status: 'declined', decline_reason: null };
            break;
          case 'cancel':
            patch = { status: 'cancelled', cancel_reason: input.reason ?? null, cancelled_by: side };
            break;
          case 'handover':
            // What does not come back is complete once handed over.
            patch = category.returns ? { status: 'handed_over', handed_over_on: input.on } : { status: 'completed', handed_over_on: input.on, completed_on: input.on };
            break;
          case 'return':
            if (before.handed_over_on && input.on < before.handed_over_on) {
              throw fieldProblem('on', '반납일이 전달일보다 앞섭니다', 'The return date comes before the hand-over date');
            }
            patch = { status: 'completed', returned_on: input.on, return_condition: input.condition, completed_on: input.on };
            break;
          case 'review': {
            const review = await repo.insertReview(trx, {
              request_id: id,
              side,
              rating: input.rating,
              body: input.body ?? null,
              author_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
            });
            if (!review) throw conflict('이미 후기를 남겼습니다', 'Your side has already reviewed this request');
            await recordAudit(trx, ctx, { action: 'sharing.request.review', entityType: 'sharing_request', entityId: id, before: null, after: review });
            return;
          }
        }
        await repo.updateRequest(trx, id, patch);
        const after = (await repo.lockRequest(trx, id))!;
        await recordAudit(trx, ctx, { action: `sharing.request.${input.action}`, entityType: 'sharing_request', entityId: id, before, after });
        await notify(trx, { userIds: recipients.map((m) => m.userId), kind: `sharing.request.${input.action}`, title: title!, link: `/me/requests?id=${id}` });
      });
      if (title) await mail(recipients, title, id);
      return this.getRequest(ctx, id);
    },

    // ——— linkages ———

    async linkages(ctx: RequestContext, f: { year?: number | undefined; by: 'district' | 'category' }): Promise<LinkageTable> {
      authorize(ctx.actor, 'sharing.linkages.read', undefined);
      const [l, counts] = await Promise.all([labels(), repo.linkageCounts(db, f)]);
      const label = (key: string | null): Bilingual => {
        if (key === null) return { ko: '미상', en: 'Unknown' };
        if (f.by === 'category') {
          const c = l.categories.get(key);
          return c ? { ko: c.label_ko, en: c.label_en } : { ko: key, en: key };
        }
        return l.districts.get(key)?.name ?? { ko: key, en: key };
      };
      const order = f.by === 'category' ? [...l.categories.keys()] : [...l.districts.keys()];
      const rows = counts.rows
        .map((r) => ({ key: r.key, label: label(r.key), linkages: r.linkages, ownerOrganizations: r.owners, requesterOrganizations: r.requesters }))
        .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : order.indexOf(a.key) - order.indexOf(b.key)));
      return { year: f.year ?? null, by: f.by, rows, total: counts.total };
    },

    // ——— demo ———

    /** Writes generated demo resources and requests (system only), in one transaction with one audit row. */
    async seedDemo(ctx: RequestContext, data: { resources: repo.ResourceInsert[]; requests: Parameters<typeof repo.insertRequests>[1] }): Promise<{ resources: number; requests: number }> {
      if (ctx.actor.kind !== 'system') throw new Problem('forbidden');
      return db.transaction().execute(async (trx) => {
        const resources = await repo.insertResources(trx, data.resources);
        const requests = await repo.insertRequests(trx, data.requests);
        await recordAudit(trx, ctx, { action: 'sharing.demo.seed', entityType: 'sharing_resource', entityId: null, before: null, after: { resources, requests } });
        return { resources, requests };
      });
    },

    async removeDemo(ctx: RequestContext): Promise<number> {
      if (ctx.actor.kind !== 'system') throw new Problem('forbidden');
      return db.transaction().execute(async (trx) => {
        const n = await repo.removeDemoResources(trx);
        if (n) await recordAudit(trx, ctx, { action: 'sharing.demo.remove', entityType: 'sharing_resource', entityId: null, before: { resources: n }, after: null });
        return n;
      });
    },
  };
}
export type SharingService = ReturnType<typeof createSharingService>;

/** A resource row for the audit log, without its search keys. */
function auditable(r: repo.ResourceRow) {
  const { search_text: _t, search_initials: _i, search_grams: _g, ...rest } = r;
  return rest;
}
