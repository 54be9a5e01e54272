import type { FeatureCollection } from 'geojson';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { bulkSearchKeys, searchKeys } from '../../kernel/hangul.ts';
import type { TabularFormat } from '../../kernel/tabular.ts';
import { createImportPlanner, readUploaded, type ImportRow } from './importer.ts';
import type { Bilingual } from '../../kernel/i18n.ts';
import { authorize } from '../../kernel/policy.ts';
import { conflict, notFound, validationProblem, type FieldError } from '../../kernel/problem.ts';
import { entityHistory, recordAudit } from '../audit/index.ts';
import { districtBoundaries, type DistrictFeature } from './districts.ts';
import './policy.ts';
import * as repo from './repository.ts';
import type { OrganizationRow, OrganizationUpdate, Sort, StatusEventRow } from './repository.ts';
import type { OrganizationFields, OrganizationFilter, OrganizationPatch, OrganizationQuery, STATUS_EVENT_KINDS } from './schema.ts';

type StatusEventKind = (typeof STATUS_EVENT_KINDS)[number];

export interface Term {
  key: string;
  label: Bilingual;
}

export interface Taxonomy {
  types: (Term & { subtypes: Term[] })[];
  industries: Term[];
  districts: { code: string; name: Bilingual; adminOrgCode: string | null; censusCode: string | null }[];
}

interface Lookup {
  taxonomy: Taxonomy;
  type: Map<string, Term>;
  subtype: Map<string, Term>; // "type/subtype"
  industry: Map<string, Term>;
  district: Map<string, { code: string; name: Bilingual }>;
  districtByCensus: Map<string, { code: string; name: Bilingual }>;
}

async function loadLookup(db: Db): Promise<Lookup> {
  const raw = await repo.loadTaxonomy(db);
  const label = (r: { label_ko: string; label_en: string }) => ({ ko: r.label_ko, en: r.label_en });
  const taxonomy: Taxonomy = {
    types: raw.types.map((ty) => ({
      key: ty.key,
      label: label(ty),
      subtypes: raw.subtypes.filter((s) => s.type_key === ty.key).map((s) => ({ key: s.key, label: label(s) })),
    })),
    industries: raw.industries.map((i) => ({ key: i.key, label: label(i) })),
    districts: raw.districts.map((d) => ({ code: d.code, name: { ko: d.name_ko, en: d.name_en }, adminOrgCode: d.admin_org_code, censusCode: d.census_code })),
  };
  return {
    taxonomy,
    type: new Map(taxonomy.types.map((x) => [x.key, { key: x.key, label: x.label }])),
    subtype: new Map(taxonomy.types.flatMap((ty) => ty.subtypes.map((s) => [`${ty.key}/${s.key}`, s] as const))),
    industry: new Map(taxonomy.industries.map((x) => [x.key, x])),
    district: new Map(taxonomy.districts.map((d) => [d.code, { code: d.code, name: d.name }])),
    districtByCensus: new Map(taxonomy.districts.filter((d) => d.censusCode).map((d) => [d.censusCode!, { code: d.code, name: d.name }])),
  };
}

export type OrganizationSummary = ReturnType<typeof summarize>;

function summarize(o: OrganizationRow, l: Lookup) {
  return {
    id: o.id,
    name: o.name,
    nameEn: o.name_en,
    type: (o.type_key && l.type.get(o.type_key)) || null,
    subtype: (o.type_key && o.subtype_key && l.subtype.get(`${o.type_key}/${o.subtype_key}`)) || null,
    industry: (o.industry_key && l.industry.get(o.industry_key)) || null,
    district: (o.district_code && l.district.get(o.district_code)) || null,
    roadAddress: o.road_address,
    location: o.lat !== null && o.lon !== null ? { lat: o.lat, lon: o.lon } : null,
    status: o.status,
    isDemo: o.is_demo,
  };
}

export type Organization = ReturnType<typeof presentFull>;

function presentFull(o: OrganizationRow, l: Lookup, events: StatusEventRow[], councils: { id: string; name: string }[]) {
  return {
    ...summarize(o, l),
    legalForm: o.legal_form,
    representative: o.representative,
    phone: o.phone,
    email: o.email,
    website: o.website,
    socialLinks: o.social_links,
    description: o.description,
    products: o.products,
    businessRegNo: o.business_reg_no,
    foundedOn: o.founded_on,
    employees: o.employees,
    members: o.members,
    statusHistory: events.map((e) => ({ kind: e.kind as StatusEventKind, on: e.occurred_on, note: e.note })),
    councils,
    createdAt: o.created_at.toISOString(),
    updatedAt: o.updated_at.toISOString(),
  };
}

/** API field names → columns. */
function toColumns(f: Partial<OrganizationFields>): OrganizationUpdate {
  const c: OrganizationUpdate = {};
  if (f.name !== undefined) c.name = f.name;
  if (f.nameEn !== undefined) c.name_en = f.nameEn;
  if (f.legalForm !== undefined) c.legal_form = f.legalForm;
  if (f.representative !== undefined) c.representative = f.representative;
  if (f.typeKey !== undefined) c.type_key = f.typeKey;
  if (f.subtypeKey !== undefined) c.subtype_key = f.subtypeKey;
  if (f.industryKey !== undefined) c.industry_key = f.industryKey;
  if (f.districtCode !== undefined) c.district_code = f.districtCode;
  if (f.roadAddress !== undefined) c.road_address = f.roadAddress;
  if (f.location !== undefined) {
    c.lat = f.location?.lat ?? null;
    c.lon = f.location?.lon ?? null;
  }
  if (f.phone !== undefined) c.phone = f.phone;
  if (f.email !== undefined) c.email = f.email;
  if (f.website !== undefined) c.website = f.website;
  if (f.socialLinks !== undefined) c.social_links = f.socialLinks;
  if (f.description !== undefined) c.description = f.description;
  if (f.products !== undefined) c.products = f.products;
  if (f.businessRegNo !== undefined) c.business_reg_no = f.businessRegNo;
  if (f.foundedOn !== undefined) c.founded_on = f.foundedOn;
  if (f.status !== undefined) c.status = f.status;
  if (f.employees !== undefined) c.employees = f.employees;
  if (f.members !== undefined) c.members = f.members;
  return c;
}

/** Social links an imported row has: none (the import has no column for them). */
const NO_LINKS: Record<string, string> = Object.freeze({});

/**
 * The rows an import inserts, column by column: every column named, so that a batch goes in one
 * statement (db/bulk.ts insertColumns), and no row object made for each of tens of thousands of rows.
 */
function importColumns(batch: ImportRow[]): repo.OrganizationColumns & { id: string[] } {
  // Arrays of the batch's length from the start: pushed, 26 of them would grow by copies.
  const column = <T>() => new Array<T>(batch.length);
  const c = {
    id: column<string>(),
    name: column<string>(),
    name_en: column<string | null>(),
    legal_form: column<string | null>(),
    representative: column<string | null>(),
    type_key: column<string | null>(),
    subtype_key: column<string | null>(),
    industry_key: column<string | null>(),
    district_code: column<string | null>(),
    road_address: column<string | null>(),
    lat: column<number | null>(),
    lon: column<number | null>(),
    phone: column<string | null>(),
    email: column<string | null>(),
    website: column<string | null>(),
    social_links: column<Record<string, string>>(),
    description: column<string | null>(),
    products: column<string | null>(),
    business_reg_no: column<string | null>(),
    founded_on: column<string | null>(),
    status: column<'operating' | 'closed'>(),
    employees: column<number | null>(),
    members: column<number | null>(),
    search_text: column<string>(),
    search_initials: column<string>(),
    search_grams: column<string>(), // array literals, as insertColumns writes an array column
  };
  for (let i = 0; i < batch.length; i++) {
    const { fields: f, searchName } = batch[i]!;
    const keys = bulkSearchKeys(f.name, searchName, f.nameEn);
    c.id[i] = randomUUID();
    c.name[i] = f.name;
    c.name_en[i] = f.nameEn ?? null;
    c.legal_form[i] = f.legalForm ?? null;
    c.representative[i] = f.representative ?? null;
    c.type_key[i] = f.typeKey ?? null;
    c.subtype_key[i] = f.subtypeKey ?? null;
    c.industry_key[i] = f.industryKey ?? null;
    c.district_code[i] = f.districtCode ?? null;
    c.road_address[i] = f.roadAddress ?? null;
    c.lat[i] = f.location?.lat ?? null;
    c.lon[i] = f.location?.lon ?? null;
    c.phone[i] = f.phone ?? null;
    c.email[i] = f.email ?? null;
    c.website[i] = f.website ?? null;
    c.social_links[i] = f.socialLinks ?? NO_LINKS;
    c.description[i] = f.description ?? null;
    c.products[i] = f.products ?? null;
    c.business_reg_no[i] = f.businessRegNo ?? null;
    c.founded_on[i] = f.foundedOn ?? null;
    c.status[i] = f.status ?? 'operating';
    c.employees[i] = f.employees ?? null;
    c.members[i] = f.members ?? null;
    c.search_text[i] = keys.text;
    c.search_initials[i] = keys.initials;
    c.search_grams[i] = keys.gramsLiteral;
  }
  return c;
}

/** Rows an import reads and writes at a time: big enough for bulk speed, small enough to overlap. */
const IMPORT_BATCH = 2000;

const missing = () => notFound('단체를 찾을 수 없습니다', 'Organisation not found');

/** A profile field as the API names it (location, councilIds included). */
function fieldOf(o: Organization, key: string): unknown {
  if (key === 'typeKey') return o.type?.key ?? null;
  if (key === 'subtypeKey') return o.subtype?.key ?? null;
  if (key === 'industryKey') return o.industry?.key ?? null;
  if (key === 'districtCode') return o.district?.code ?? null;
  if (key === 'councilIds') return o.councils.map((c) => c.id);
  return (o as unknown as Record<string, unknown>)[key] ?? null;
}

const NOT_HISTORY = new Set(['id', 'createdAt', 'updatedAt', 'proposalId', 'isDemo']);

/** Field-by-field differences between two profile views (the audit log's before and after). */
function diff(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !NOT_HISTORY.has(k) && JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

export type Proposal = ReturnType<typeof presentProposal>;

function presentProposal(p: repo.ProposalRow) {
  return {
    id: p.id,
    organizationId: p.organization_id,
    organizationName: p.organization_name ?? null,
    status: p.status,
    changes: p.changes,
    before: p.base,
    note: p.note,
    reason: p.reason,
    proposedBy: p.proposed_by,
    decidedBy: p.decided_by,
    decidedAt: p.decided_at ? p.decided_at.toISOString() : null,
    createdAt: p.created_at.toISOString(),
  };
}

async function openProposal(trx: Db, id: string): Promise<repo.ProposalRow> {
  const p = await repo.lockProposal(trx, id);
  if (!p) throw notFound('수정 제안을 찾을 수 없습니다', 'Proposal not found');
  if (p.status !== 'pending') throw conflict('이미 처리된 수정 제안입니다', `This proposal was already ${p.status}`);
  return p;
}

export interface DirectoryEvents {
  /** Called after any committed change to organisations (map clusters refresh on it). */
  changed(): void;
}

export function createDirectoryService(db: Db, events: DirectoryEvents = { changed: () => undefined }) {
  let lookup: Promise<Lookup> | undefined;
  // Loaded through the caller's executor: inside a transaction on PGlite's single connection, a
  // query on `db` would wait for the very transaction that waits for it.
  const taxonomy = (dbx: Db = db) =>
    (lookup ??= loadLookup(dbx).catch((e: unknown) => {
      lookup = undefined;
      throw e;
    }));

  /** Checks references against the taxonomy tables and other organisations; field errors in both languages. */
  async function checkReferences(f: Partial<OrganizationFields>, current?: OrganizationRow, selfId?: string, dbx: Db = db): Promise<void> {
    const l = await taxonomy(dbx);
    const errors: FieldError[] = [];
    const err = (path: string, ko: string, en: string) => errors.push({ path, messages: { ko, en } });
    const typeKey = f.typeKey !== undefined ? f.typeKey : (current?.type_key ?? null);
    const subtypeKey = f.subtypeKey !== undefined ? f.subtypeKey : (current?.subtype_key ?? null);
    if (f.typeKey && !l.type.has(f.typeKey)) err('typeKey', `알 수 없는 유형입니다: ${f.typeKey}`, `Unknown type: ${f.typeKey}`);
    if (subtypeKey && (f.subtypeKey !== undefined || f.typeKey !== undefined)) {
      if (!typeKey) err('subtypeKey', '세부 유형에는 유형이 필요합니다', 'A subtype needs a type');
      else if (l.type.has(typeKey) && !l.subtype.has(`${typeKey}/${subtypeKey}`)) {
        err('subtypeKey', `'${typeKey}' 유형에 없는 세부 유형입니다: ${subtypeKey}`, `Type '${typeKey}' has no subtype ${subtypeKey}`);
      }
    }
    if (f.industryKey && !l.industry.has(f.industryKey)) err('industryKey', `알 수 없는 업종입니다: ${f.industryKey}`, `Unknown industry: ${f.industryKey}`);
    if (f.districtCode && !l.district.has(f.districtCode)) err('districtCode', `알 수 없는 자치구 코드입니다: ${f.districtCode}`, `Unknown district code: ${f.districtCode}`);
    if (f.councilIds?.length) {
      const found = await repo.existingIds(dbx, f.councilIds);
      f.councilIds.forEach((id, i) => {
        if (!found.has(id)) err(`councilIds.${i}`, '없는 협의회입니다', 'No organisation has this id');
        else if (id === selfId) err(`councilIds.${i}`, '자기 자신에게 소속될 수 없습니다', 'An organisation cannot belong to itself');
      });
    }
    if (f.businessRegNo) {
      const holder = await repo.findByBusinessRegNo(dbx, f.businessRegNo);
      if (holder && holder.id !== selfId) err('businessRegNo', `이미 등록된 사업자등록번호입니다 (${holder.name})`, `This registration number is already registered (${holder.name})`);
    }
    if (errors.length) throw validationProblem(errors);
  }

  function withSearch(row: OrganizationUpdate, current?: OrganizationRow): OrganizationUpdate {
    if (row.name === undefined && row.name_en === undefined) return row;
    const keys = searchKeys(row.name ?? current?.name, row.name_en !== undefined ? row.name_en : current?.name_en);
    return { ...row, search_text: keys.text, search_initials: keys.initials, search_grams: keys.grams };
  }

  async function full(o: OrganizationRow, dbx: Db = db): Promise<Organization> {
    const l = await taxonomy(dbx);
    const [ev, councils] = await Promise.all([repo.statusEventsOf(dbx, [o.id]), repo.councilsOf(dbx, o.id)]);
    return presentFull(o, l, ev, councils);
  }

  return {
    taxonomy: async (): Promise<Taxonomy> => (await taxonomy()).taxonomy,

    /** District of a KOSTAT census code (as in the boundary file). */
    async districtByCensusCode(code: string) {
      return (await taxonomy()).districtByCensus.get(code);
    },

    async list(ctx: RequestContext, q: OrganizationQuery) {
      authorize(ctx.actor, 'organization.read', undefined);
      const sort: Sort = q.sort ?? (q.q ? 'relevance' : 'name');
      const l = await taxonomy();
      const [rows, { total, type, industry, district }] = await Promise.all([repo.searchPage(db, { ...q, sort }), repo.countsAndFacets(db, q)]);
      const counts = <V extends { label: Bilingual }>(m: Map<string, number>, terms: Map<string, V>) =>
        [...terms].filter(([k]) => m.has(k)).map(([key, v]) => ({ key, label: v.label, count: m.get(key)! }));
      return {
        items: rows.map((r) => summarize(r, l)),
        total,
        page: q.page,
        pageSize: q.pageSize,
        facets: {
          type: counts(type, l.type),
          industry: counts(industry, l.industry),
          district: counts(district, new Map([...l.district].map(([k, d]) => [k, { label: d.name }]))),
        },
      };
    },

    async get(ctx: RequestContext, id: string): Promise<Organization> {
      authorize(ctx.actor, 'organization.read', undefined);
      const o = await repo.findById(db, id);
      if (!o) throw missing();
      return full(o);
    },

    async create(ctx: RequestContext, input: Partial<OrganizationFields> & { name: string }): Promise<Organization> {
      authorize(ctx.actor, 'organization.create', undefined);
      await checkReferences(input);
      const created = await db.transaction().execute(async (trx) => {
        const cols = withSearch(toColumns(input));
        const row = await repo.insert(trx, { ...(cols as repo.OrganizationInsert), name: input.name });
        if (input.councilIds?.length) await repo.replaceCouncils(trx, row.id, input.councilIds);
        const o = await full(row, trx);
        await recordAudit(trx, ctx, { action: 'organization.create', entityType: 'organization', entityId: o.id, before: null, after: o });
        return o;
      });
      events.changed();
      return created;
    },

    /** Staff edit a profile directly; every change is audited with the profile before and after. */
    async update(ctx: RequestContext, id: string, patch: OrganizationPatch): Promise<Organization> {
      authorize(ctx.actor, 'organization.update', { organizationId: id });
      const current = await repo.findById(db, id);
      if (!current) throw missing();
      await checkReferences(patch, current, id);
      const updated = await db.transaction().execute(async (trx) => {
        const before = await repo.lockById(trx, id);
        if (!before) throw missing();
        const beforeView = await full(before, trx);
        const row = await repo.update(trx, id, withSearch(toColumns(patch), before));
        if (patch.councilIds !== undefined) await repo.replaceCouncils(trx, id, patch.councilIds);
        const after = await full(row, trx);
        await recordAudit(trx, ctx, { action: 'organization.update', entityType: 'organization', entityId: id, before: beforeView, after });
        return after;
      });
      events.changed();
      return updated;
    },

    async addStatusEvent(ctx: RequestContext, id: string, input: { kind: string; on: string; note?: string | null | undefined }): Promise<Organization> {
      authorize(ctx.actor, 'organization.update', { organizationId: id });
      const updated = await db.transaction().execute(async (trx) => {
        const before = await repo.lockById(trx, id);
        if (!before) throw missing();
        const beforeView = await full(before, trx);
        await repo.insertStatusEvent(trx, { organization_id: id, kind: input.kind, occurred_on: input.on, note: input.note ?? null });
        // Closing is a status, not only an event: the profile says it no longer operates.
        const row = input.kind === 'closed' && before.status !== 'closed' ? await repo.update(trx, id, { status: 'closed' }) : before;
        const after = await full(row, trx);
        await recordAudit(trx, ctx, { action: 'organization.status_event', entityType: 'organization', entityId: id, before: beforeView, after });
        return after;
      });
      events.changed();
      return updated;
    },

    /** The 25 district polygons with how many organisations (under the other filters) each holds. */
    async districts(ctx: RequestContext, f: OrganizationFilter): Promise<FeatureCollection> {
      authorize(ctx.actor, 'organization.read', undefined);
      const [l, counts] = await Promise.all([taxonomy(), repo.facet(db, f, 'district')]);
      const features: DistrictFeature[] = [];
      for (const feature of districtBoundaries().features) {
        const d = l.districtByCensus.get(feature.properties.code);
        if (!d) continue;
        features.push({
          type: 'Feature',
          geometry: feature.geometry,
          properties: { code: d.code, censusCode: feature.properties.code, name: d.name, count: counts.get(d.code) ?? 0 },
        });
      }
      return { type: 'FeatureCollection', features };
    },

    /**
     * The profile's change history, from the audit log: when, what kind of change, and each field's
     * value before and after. Who made the change is for staff to see in the audit log, not here.
     */
    async history(ctx: RequestContext, id: string, page: number, pageSize: number) {
      authorize(ctx.actor, 'organization.read', undefined);
      if (!(await repo.findById(db, id))) throw missing();
      const h = await entityHistory(db, 'organization', id, page, pageSize);
      return {
        ...h,
        items: h.items.map((r) => ({ at: r.at, action: r.action, changes: diff(r.before, r.after) })),
      };
    },

    // ——— edits proposed by an organisation's owners and editors ———

    async propose(ctx: RequestContext, id: string, input: { changes: OrganizationPatch; note?: string | null | undefined }) {
      authorize(ctx.actor, 'organization.propose', { organizationId: id });
      const current = await repo.findById(db, id);
      if (!current) throw missing();
      await checkReferences(input.changes, current, id);
      const now = await full(current);
      const base = Object.fromEntries(Object.keys(input.changes).map((k) => [k, fieldOf(now, k)]));
      return db.transaction().execute(async (trx) => {
        const row = await repo.insertProposal(trx, {
          organization_id: id,
          proposed_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          changes: input.changes,
          base,
          note: input.note ?? null,
        });
        const p = presentProposal({ ...row, organization_name: current.name });
        await recordAudit(trx, ctx, { action: 'organization_proposal.create', entityType: 'organization_proposal', entityId: row.id, before: null, after: p });
        return p;
      });
    },

    async proposals(ctx: RequestContext, f: { organizationId?: string; status?: 'pending' | 'approved' | 'rejected'; page: number; pageSize: number }) {
      if (f.organizationId) authorize(ctx.actor, 'organization.proposals.read', { organizationId: f.organizationId });
      else authorize(ctx.actor, 'organization.moderate', undefined);
      const { rows, total } = await repo.listProposals(db, f);
      return { items: rows.map(presentProposal), total, page: f.page, pageSize: f.pageSize };
    },

    /** Applies a proposal atomically: the profile changes and the proposal closes in one transaction, with one audit row. */
    async approve(ctx: RequestContext, proposalId: string): Promise<Organization> {
      authorize(ctx.actor, 'organization.moderate', undefined);
      const updated = await db.transaction().execute(async (trx) => {
        const p = await openProposal(trx, proposalId);
        const changes = p.changes as OrganizationPatch;
        const before = await repo.lockById(trx, p.organization_id);
        if (!before) throw missing();
        await checkReferences(changes, before, before.id, trx);
        const beforeView = await full(before, trx);
        const row = await repo.update(trx, before.id, withSearch(toColumns(changes), before));
        if (changes.councilIds !== undefined) await repo.replaceCouncils(trx, before.id, changes.councilIds);
        await repo.decideProposal(trx, proposalId, { status: 'approved', reason: null, decided_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null });
        const after = await full(row, trx);
        await recordAudit(trx, ctx, { action: 'organization.proposal_approved', entityType: 'organization', entityId: before.id, before: beforeView, after: { ...after, proposalId } });
        return after;
      });
      events.changed();
      return updated;
    },

    async reject(ctx: RequestContext, proposalId: string, reason: string) {
      authorize(ctx.actor, 'organization.moderate', undefined);
      return db.transaction().execute(async (trx) => {
        const p = await openProposal(trx, proposalId);
        const decided = await repo.decideProposal(trx, proposalId, { status: 'rejected', reason, decided_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null });
        const view = presentProposal({ ...decided, organization_name: p.organization_name ?? '' });
        await recordAudit(trx, ctx, { action: 'organization_proposal.reject', entityType: 'organization_proposal', entityId: proposalId, before: presentProposal(p), after: view });
        return view;
      });
    },

    /**
     * Loads generated demo organisations in one transaction, marked as demo so that
     * `sehub demo remove` can take them away again. One audit row records the batch.
     */
    /** Demo rows in one go, each with its dated status history when it has one (the demo directory's designations and closures). */
    async seedDemo(ctx: RequestContext, rows: (Partial<OrganizationFields> & { name: string; statusHistory?: { kind: StatusEventKind; on: string; note: string | null }[] })[]): Promise<number> {
      authorize(ctx.actor, 'organization.create', undefined);
      const n = await db.transaction().execute(async (trx) => {
        const ids = await repo.insertMany(
          trx,
          rows.map((r) => ({ ...(withSearch(toColumns(r)) as repo.OrganizationInsert), name: r.name, is_demo: true })),
        );
        const count = ids.length;
        await repo.insertStatusEvents(
          trx,
          rows.flatMap((r, i) => (r.statusHistory ?? []).map((e) => ({ organization_id: ids[i]!, kind: e.kind, occurred_on: e.on, note: e.note }))),
        );
        if (count > 1000) await repo.settleSearchIndex(trx);
        await recordAudit(trx, ctx, { action: 'organization.demo_seed', entityType: 'organization', entityId: null, before: null, after: { count } });
        return count;
      });
      events.changed();
      return n;
    },

    async removeDemo(ctx: RequestContext): Promise<number> {
      authorize(ctx.actor, 'organization.moderate', undefined);
      const n = await db.transaction().execute(async (trx) => {
        const before = await repo.countDemo(trx);
        const count = await repo.deleteDemo(trx);
        await recordAudit(trx, ctx, { action: 'organization.demo_remove', entityType: 'organization', entityId: null, before: { count: before }, after: { count: 0 } });
        return count;
      });
      events.changed();
      return n;
    },

    /**
     * Imports organisations from a CSV or XLSX file. With `dryRun` it only reports: rows, what would be
     * created, likely duplicates and every row's field errors. Otherwise the whole file goes in one
     * transaction, or nothing does: any error refuses the file. Likely duplicates are skipped, so the
     * same file imported twice adds nothing the second time.
     *
     * `onProgress(rows, total)`, when given, is called once before the first row is read (rows = 0)
     * and after each batch of IMPORT_BATCH rows, and awaited: a caller streaming progress gets a turn
     * to write it. Whatever is refused before that first call (permission, an unreadable file, a file
     * without a name column on a commit) is thrown before any progress is reported.
     */
    async importOrganizations(
      ctx: RequestContext,
      file: { data: Buffer; format: TabularFormat; mapping?: Record<string, string> | undefined; dryRun: boolean; source: string },
      onProgress?: (rows: number, total: number) => void | Promise<void>,
    ) {
      authorize(ctx.actor, 'organization.import', undefined);
      const input = { ...file, table: await readUploaded(file.data, file.format) };
      const l = await taxonomy();
      const planner = createImportPlanner(input.table.headers, l.taxonomy, input.mapping);
      const keys = planner.lookupKeys(input.table.rows);
      planner.setExisting(await repo.duplicateCandidates(db, keys.regNos, keys.names));
      const plan = planner.plan;
      const report = () => ({
        dryRun: input.dryRun,
        rows: plan.rows,
        created: plan.errors.length ? 0 : plan.toCreate,
        duplicates: plan.duplicates,
        errors: plan.errors,
      });
      const refused = () =>
        validationProblem(plan.errors, {
          ko: `${new Set(plan.errors.map((e) => e.row)).size}개 행에 오류가 있어 아무것도 가져오지 않았습니다`,
          en: `${new Set(plan.errors.map((e) => e.row)).size} rows have errors, so nothing was imported`,
        });
      const total = input.table.rows.length;
      // A file the planner cannot read at all (no name column) is refused whole before any work.
      if (!input.dryRun && plan.errors.length) throw refused();
      if (input.dryRun) {
        if (!onProgress) {
          planner.add(input.table.rows);
          return report();
        }
        await onProgress(0, total);
        for (let i = 0; i < total; i += IMPORT_BATCH) {
          planner.add(input.table.rows.slice(i, i + IMPORT_BATCH));
          await onProgress(plan.rows, total);
        }
        return report();
      }
      await onProgress?.(0, total);
      await db.transaction().execute(async (trx) => {
        // Read and write in batches, writing one while reading the next, so that validation and
        // the database work side by side. A bad row anywhere stops the writing, every row is still
        // read so that all its errors are reported, and the transaction rolls back.
        const ids: string[] = [];
        const certified: Parameters<typeof repo.insertStatusEvents>[1] = [];
        // Up to two batches wait at the database while the next is read: its pace varies (index
        // maintenance comes in bursts), and reading need not stop for each burst.
        const writing: Promise<unknown>[] = [];
        for (let i = 0; i < input.table.rows.length; i += IMPORT_BATCH) {
          const batch = planner.add(input.table.rows.slice(i, i + IMPORT_BATCH));
          await onProgress?.(plan.rows, total);
          if (plan.errors.length) continue;
          const columns = importColumns(batch);
          for (let j = 0; j < batch.length; j++) {
            ids.push(columns.id[j]!);
            const on = batch[j]!.fields.certifiedOn;
            if (on) certified.push({ organization_id: columns.id[j]!, kind: 'certified', occurred_on: on, note: null });
          }
          if (writing.length >= 2) await writing.shift();
          const w = repo.insertManyColumns(trx, columns);
          w.catch(() => undefined); // awaited below; this only keeps Node from calling it unhandled meanwhile
          writing.push(w);
        }
        await Promise.all(writing);
        if (plan.errors.length) throw refused();
        await repo.insertStatusEvents(trx, certified);
        // A big import leaves the search index's pending list long: merge it now, not at the next vacuum.
        if (ids.length > 1000) await repo.settleSearchIndex(trx);
        await recordAudit(trx, ctx, {
          action: 'organization.import',
          entityType: 'organization',
          entityId: null,
          before: null,
          after: { source: input.source, rows: plan.rows, created: ids.length, skippedDuplicates: plan.duplicates.length, ids },
        });
      });
      if (plan.toCreate) events.changed();
      return report();
    },

    /** Streams every organisation matching the filter, in batches, as full profiles. */
    async *exportOrganizations(ctx: RequestContext, f: OrganizationFilter): AsyncGenerator<Organization> {
      authorize(ctx.actor, 'organization.read', undefined);
      const l = await taxonomy();
      const batchSize = 1000;
      let after: { name: string; id: string } | undefined;
      for (;;) {
        const rows = await repo.exportBatch(db, f, after, batchSize);
        if (!rows.length) return;
        const ids = rows.map((r) => r.id);
        const [events, councils] = await Promise.all([repo.statusEventsOf(db, ids), repo.councilsOfMany(db, ids)]);
        const eventsOf = new Map<string, typeof events>();
        for (const e of events) {
          const list = eventsOf.get(e.organization_id);
          if (list) list.push(e);
          else eventsOf.set(e.organization_id, [e]);
        }
        for (const r of rows) yield presentFull(r, l, eventsOf.get(r.id) ?? [], councils.get(r.id) ?? []);
        if (rows.length < batchSize) return;
        const last = rows[rows.length - 1]!;
        after = { name: last.name, id: last.id };
      }
    },

    /** The boundary of a district by its 5-digit code, for generators. */
    async boundaryOf(code: string) {
      const l = await taxonomy();
      const census = l.taxonomy.districts.find((d) => d.code === code)?.censusCode;
      return districtBoundaries().features.find((f) => f.properties.code === census)?.geometry;
    },

    mapPoints: (f: OrganizationFilter) => repo.mapPoints(db, f),
    revision: () => repo.revision(db),
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;

