import type { Db } from '../../../db/engine.ts';
import { systemContext, type RequestContext } from '../../../kernel/context.ts';
import { normalizeForSearch } from '../../../kernel/hangul.ts';
import type { Bilingual } from '../../../kernel/i18n.ts';
import { checkImage, PHOTO_PATH, photoIdOf } from '../../../kernel/images.ts';
import { authorize, can } from '../../../kernel/policy.ts';
import { conflict, notFound, Problem, validationProblem, type FieldError } from '../../../kernel/problem.ts';
import { recordAudit } from '../../audit/index.ts';
import { createDirectoryService } from '../../directory/index.ts';
import { recordsScope } from '../access.ts';
import './policy.ts';
import { renderCataloguePdf, type PrintedCatalogue } from './pdf.ts';
import * as repo from './repository.ts';
import {
  CERTIFICATION_LABELS,
  CERTIFICATIONS,
  type Certification,
  type CreateOfferingInput,
  type DeliveryRecord,
  type MatchingQuery,
  type MatchingResult,
  type Offering,
  type OfferingDetail,
  type OfferingFields,
  type OfferingQuery,
  type Opportunities,
  type UpdateOfferingInput,
  type UploadedPhoto,
} from './schema.ts';

const SYSTEM = systemContext('procurement-catalogue');

const presentPhoto = (p: repo.PhotoRow): UploadedPhoto => ({
  id: p.id,
  url: `${PHOTO_PATH}${p.id}`,
  organizationId: p.organization_id,
  contentType: p.content_type,
  size: p.size,
  width: p.width,
  height: p.height,
  createdAt: new Date(p.created_at).toISOString(),
});

/**
 * Field errors for photos that are not uploads of `organizationId` (null: the centre's own): an
 * offering or a bundle shows only its own organisation's photos. Paths are photos.N.url.
 */
export async function photoErrors(db: Db, photos: readonly { url: string }[], organizationId: string | null): Promise<FieldError[]> {
  const ids = photos.map((p) => photoIdOf(p.url));
  const owners = await repo.photoOwners(db, ids.filter((id): id is string => id !== null));
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    if (id === null || !owners.has(id)) {
      errors.push({ path: `photos.${i}.url`, messages: { ko: '올린 사진을 찾을 수 없습니다. 사진을 다시 올려 주세요', en: 'No uploaded photo has this url; upload the photo again' } });
    } else if (owners.get(id) !== organizationId) {
      errors.push({ path: `photos.${i}.url`, messages: { ko: '다른 조직이 올린 사진은 쓸 수 없습니다', en: 'This photo was uploaded for another organisation' } });
    }
  });
  return errors;
}
const iso = (d: Date) => d.toISOString();
const won = (n: number) => n.toLocaleString('ko-KR');

/**
 * Directory industries whose organisations could supply a category (for opportunities: organisations
 * that fit but offer nothing there yet). A judgement of ours, not the seed's.
 */
export const INDUSTRY_FIT: Record<string, string[]> = {
  furniture: ['manufacturing'],
  office_supplies: ['retail', 'manufacturing'],
  household: ['manufacturing', 'retail', 'living'],
  food: ['food_cafe'],
  printing: ['publishing_media'],
  computer_consumables: ['retail'],
  electronics: ['manufacturing', 'retail'],
  clothing: ['manufacturing'],
  agri_products: ['food_cafe', 'retail'],
  other_goods: ['manufacturing', 'retail'],
  care: ['health_welfare'],
  facility_management: ['construction_facilities'],
  advertising: ['publishing_media', 'culture_leisure'],
  education: ['education'],
  media: ['publishing_media'],
  car_care: ['living'],
  food_beverage: ['food_cafe'],
  energy: ['environment', 'construction_facilities'],
  research: ['education', 'admin_intermediary'],
  laundry: ['living'],
  logistics: ['retail', 'living'],
  staffing: ['living', 'health_welfare'],
  recycling: ['environment'],
  events: ['culture_leisure'],
  it: ['other'],
  cleaning: ['living', 'environment'],
  other_services: ['other', 'living'],
};

/** Points of each kind of fit in matching (documented in docs/api.md). */
export const MATCH_POINTS = { category: 30, item: 25, nameWord: 15, descriptionWord: 8, district: 15, allSeoul: 10, deliveryMax: 20, certification: 2, certificationMax: 6 } as const;

/** Labels of the taxonomy: categories and items (procurement), districts and organisation types (directory). */
async function loadLabels(db: Db, directory: ReturnType<typeof createDirectoryService>) {
  const [cats, its, tax] = await Promise.all([repo.categories(db), repo.items(db), directory.taxonomy()]);
  return {
    categories: new Map(cats.map((c) => [c.code, { code: c.code, kind: c.kind, label: { ko: c.label_ko, en: c.label_en } as Bilingual, sort: c.sort }])),
    items: new Map(its.map((i) => [i.code, { code: i.code, category: i.category_code, label: { ko: i.label_ko, en: i.label_en } as Bilingual }])),
    districts: new Map(tax.districts.map((d) => [d.code, { code: d.code, name: d.name }])),
    types: new Map(tax.types.map((ty) => [ty.key, { key: ty.key, label: ty.label }])),
  };
}
type Labels = Awaited<ReturnType<typeof loadLabels>>;

export function createCatalogueService(db: Db) {
  const directory = createDirectoryService(db);

  let lookup: Promise<Labels> | undefined;
  const labels = () =>
    (lookup ??= loadLabels(db, directory).catch((e: unknown) => {
      lookup = undefined;
      throw e;
    }));

  function supplierOf(l: Labels, s: repo.SupplierRow | undefined, id: string) {
    return {
      id,
      name: s?.name ?? '—',
      type: (s?.type_key && l.types.get(s.type_key)) || null,
      district: (s?.district_code && l.districts.get(s.district_code)) || null,
    };
  }

  async function present(ctx: RequestContext, rows: repo.OfferingRow[]): Promise<Offering[]> {
    const [l, sup] = await Promise.all([labels(), repo.suppliers(db, rows.map((r) => r.organization_id))]);
    const byId = new Map(sup.map((s) => [s.id, s]));
    return rows.map((r) => {
      const c = l.categories.get(r.category_code)!;
      const it = r.item_code ? l.items.get(r.item_code) : undefined;
      return {
        id: r.id,
        organization: supplierOf(l, byId.get(r.organization_id), r.organization_id),
        kind: r.kind,
        category: { code: c.code, label: c.label },
        item: it ? { code: it.code, label: it.label } : null,
        name: r.name,
        description: r.description,
        priceWon: r.price_won === null ? null : Number(r.price_won),
        priceBasis: r.price_basis,
        unit: r.unit,
        minOrder: r.min_order,
        deliveryArea: {
          allSeoul: r.delivery_districts.length === 0,
          districts: r.delivery_districts.map((d) => l.districts.get(d) ?? { code: d, name: { ko: d, en: d } }),
        },
        certifications: r.certifications.filter((k): k is Certification => k in CERTIFICATION_LABELS).map((k) => ({ key: k, label: CERTIFICATION_LABELS[k] })),
        photos: r.photos,
        status: r.status,
        leadTimeDays: r.lead_time_days,
        version: r.version,
        isDemo: r.is_demo,
        canManage: can(ctx.actor, 'procurement.catalogue.manage', { organizationId: r.organization_id }),
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
      };
    });
  }

  /** The years a delivery record covers: the last three with purchase records. */
  async function recordYears(): Promise<{ from: number; to: number } | null> {
    const latest = await repo.latestRecordYear(db);
    return latest === null ? null : { from: latest - 2, to: latest };
  }

  async function visibleInstitutions(ctx: RequestContext): Promise<string[] | 'all'> {
    const scope = await recordsScope(db, ctx.actor);
    return scope.all ? 'all' : scope.institutionIds;
  }

  /** Checks codes against the taxonomy; returns the kind to store. Field errors in both languages. */
  async function checkFields(input: OfferingFields): Promise<'product' | 'service'> {
    const l = await labels();
    const errors: FieldError[] = [];
    const err = (path: string, ko: string, en: string) => errors.push({ path, messages: { ko, en } });
    const c = l.categories.get(input.categoryCode);
    if (!c) err('categoryCode', `알 수 없는 분류입니다: ${input.categoryCode}`, `Unknown category: ${input.categoryCode}`);
    if (c && input.kind && input.kind !== c.kind) {
      err('kind', `'${c.label.ko}' 분류는 ${c.kind === 'product' ? '물품' : '용역(서비스)'}입니다`, `The category '${c.label.en}' is a ${c.kind}`);
    }
    if (input.itemCode) {
      const it = l.items.get(input.itemCode);
      if (!it) err('itemCode', `알 수 없는 품목입니다: ${input.itemCode}`, `Unknown item: ${input.itemCode}`);
      else if (c && it.category !== c.code) err('itemCode', `'${it.label.ko}' 품목은 '${c.label.ko}' 분류에 속하지 않습니다`, `The item '${it.label.en}' is not in the category '${c.label.en}'`);
    }
    input.deliveryDistricts.forEach((d, i) => {
      if (!l.districts.has(d)) err(`deliveryDistricts.${i}`, `알 수 없는 자치구입니다: ${d}`, `Unknown district: ${d}`);
    });
    if (errors.length) throw validationProblem(errors);
    return c!.kind;
  }

  /** Refuses photos the offering's organisation did not upload (checked on every save: a photo may have gone since). */
  async function checkPhotos(input: OfferingFields, organizationId: string): Promise<void> {
    const errors = await photoErrors(db, input.photos, organizationId);
    if (errors.length) throw validationProblem(errors);
  }

  function columns(input: OfferingFields, kind: 'product' | 'service') {
    return {
      kind,
      category_code: input.categoryCode,
      item_code: input.itemCode ?? null,
      name: input.name,
      description: input.description ?? null,
      price_won: input.priceWon ?? null,
      price_basis: input.priceBasis ?? null,
      unit: input.unit,
      min_order: input.minOrder,
      delivery_districts: [...new Set(input.deliveryDistricts)].sort(),
      certifications: [...new Set(input.certifications)].sort((a, b) => CERTIFICATIONS.indexOf(a) - CERTIFICATIONS.indexOf(b)),
      photos: input.photos,
      lead_time_days: input.leadTimeDays ?? null,
      ...repo.offeringSearchColumns(input.name, input.description),
    };
  }

  const missing = () => notFound('상품·서비스를 찾을 수 없습니다', 'Product or service not found');
  const stale = () =>
    conflict('그 사이 다른 사람이 이 상품·서비스를 고쳤습니다. 새로 불러온 뒤 다시 고쳐 주세요', 'Someone else changed this offering meanwhile. Reload it and make your change again');

  async function readable(ctx: RequestContext, id: string): Promise<repo.OfferingRow> {
    authorize(ctx.actor, 'procurement.catalogue.read', undefined);
    const r = await repo.findOffering(db, id);
    if (!r) throw missing();
    // A paused offering is its organisation's business; others see it as missing.
    if (r.status !== 'active' && !can(ctx.actor, 'procurement.catalogue.read-hidden', { organizationId: r.organization_id })) throw missing();
    return r;
  }

  async function setStatus(ctx: RequestContext, id: string, status: 'active' | 'paused'): Promise<Offering> {
    const existing = await repo.findOffering(db, id);
    if (!existing) throw missing();
    authorize(ctx.actor, 'procurement.catalogue.manage', { organizationId: existing.organization_id });
    const row = await db.transaction().execute(async (trx) => {
      const before = (await repo.lockOffering(trx, id))!;
      if (before.status === status) return before;
      const after = await repo.updateOffering(trx, id, { status });
      await recordAudit(trx, ctx, {
        action: status === 'paused' ? 'procurement.offering.pause' : 'procurement.offering.resume',
        entityType: 'procurement_offering',
        entityId: id,
        before: { status: before.status, version: before.version },
        after: { status: after.status, version: after.version },
      });
      return after;
    });
    return (await present(ctx, [row]))[0]!;
  }

  return {
    labels,

    async taxonomy() {
      const l = await labels();
      return {
        categories: [...l.categories.values()].map((c) => ({
          code: c.code,
          kind: c.kind,
          label: c.label,
          items: [...l.items.values()].filter((i) => i.category === c.code).map((i) => ({ code: i.code, label: i.label })),
        })),
        certifications: CERTIFICATIONS.map((k) => ({ key: k, label: CERTIFICATION_LABELS[k] })),
        // Delivery areas are Seoul's districts (code 11xxx).
        districts: [...l.districts.values()].filter((d) => d.code.startsWith('11')),
      };
    },

    async search(ctx: RequestContext, q: OfferingQuery) {
      authorize(ctx.actor, 'procurement.catalogue.read', undefined);
      if (q.status !== 'active') {
        if (!q.organizationId) throw validationProblem([{ path: 'organizationId', messages: { ko: '상태로 거르려면 조직을 정해 주세요', en: 'Filtering by status needs an organisation' } }]);
        authorize(ctx.actor, 'procurement.catalogue.read-hidden', { organizationId: q.organizationId });
      }
      const l = await labels();
      const [{ rows, total }, kinds, cats] = await Promise.all([repo.searchOfferings(db, q), repo.facet(db, q, 'kind'), repo.facet(db, q, 'category')]);
      return {
        items: await present(ctx, rows),
        total,
        page: q.page,
        pageSize: q.pageSize,
        facets: {
          kind: (['product', 'service'] as const)
            .filter((k) => kinds.has(k))
            .map((k) => ({ key: k, label: k === 'product' ? { ko: '물품', en: 'products' } : { ko: '용역(서비스)', en: 'services' }, count: kinds.get(k)! })),
          category: [...l.categories.values()].filter((c) => cats.has(c.code)).map((c) => ({ key: c.code, label: c.label, count: cats.get(c.code)! })),
        },
      };
    },

    async get(ctx: RequestContext, id: string): Promise<OfferingDetail> {
      const row = await readable(ctx, id);
      const [offering] = await present(ctx, [row]);
      const org = await directory.get(SYSTEM, row.organization_id).catch(() => null);
      const years = await recordYears();
      const record: DeliveryRecord = years
        ? { years, ...(await repo.deliveryRecordOf(db, row.organization_id, years.from, years.to, await visibleInstitutions(ctx))) }
        : { years: null, records: 0, amount: 0, institutions: 0 };
      return {
        ...offering!,
        contact: { phone: org?.phone ?? null, email: org?.email ?? null, website: org?.website ?? null, roadAddress: org?.roadAddress ?? null },
        deliveryRecord: record,
      };
    },

    async create(ctx: RequestContext, input: CreateOfferingInput): Promise<Offering> {
      authorize(ctx.actor, 'procurement.catalogue.manage', { organizationId: input.organizationId });
      if (!(await repo.suppliers(db, [input.organizationId])).length) {
        throw validationProblem([{ path: 'organizationId', messages: { ko: '조직을 찾을 수 없습니다', en: 'No organisation has this id' } }]);
      }
      const kind = await checkFields(input);
      await checkPhotos(input, input.organizationId);
      const row = await db.transaction().execute(async (trx) => {
        const created = await repo.insertOffering(trx, { organization_id: input.organizationId, ...columns(input, kind) });
        await recordAudit(trx, ctx, { action: 'procurement.offering.create', entityType: 'procurement_offering', entityId: created.id, before: null, after: auditable(created) });
        return created;
      });
      return (await present(ctx, [row]))[0]!;
    },

    async update(ctx: RequestContext, id: string, input: UpdateOfferingInput): Promise<Offering> {
      const existing = await repo.findOffering(db, id);
      if (!existing) throw missing();
      authorize(ctx.actor, 'procurement.catalogue.manage', { organizationId: existing.organization_id });
      if (existing.version !== input.version) throw stale();
      const kind = await checkFields(input);
      await checkPhotos(input, existing.organization_id);
      const row = await db.transaction().execute(async (trx) => {
        const before = await repo.lockOffering(trx, id);
        if (!before) throw missing();
        if (before.version !== input.version) throw stale();
        const after = await repo.updateOffering(trx, id, columns(input, kind));
        await recordAudit(trx, ctx, { action: 'procurement.offering.update', entityType: 'procurement_offering', entityId: id, before: auditable(before), after: auditable(after) });
        return after;
      });
      return (await present(ctx, [row]))[0]!;
    },

    /** Stores an uploaded photo for an organisation (or the centre) once its bytes are a JPEG, PNG, WebP or GIF. */
    async uploadPhoto(ctx: RequestContext, organizationId: string | undefined, bytes: Buffer): Promise<UploadedPhoto> {
      const org = organizationId ?? null;
      authorize(ctx.actor, 'procurement.photo.upload', { organizationId: org });
      if (org && !(await repo.suppliers(db, [org])).length) {
        throw validationProblem([{ path: 'organizationId', messages: { ko: '조직을 찾을 수 없습니다', en: 'No organisation has this id' } }]);
      }
      const image = checkImage(bytes);
      const row = await db.transaction().execute(async (trx) => {
        const created = await repo.insertPhoto(trx, {
          organization_id: org,
          content_type: image.contentType,
          bytes,
          size: image.size,
          width: image.width,
          height: image.height,
          sha256: image.sha256,
          created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        });
        await recordAudit(trx, ctx, { action: 'procurement.photo.upload', entityType: 'procurement_photo', entityId: created.id, before: null, after: created });
        return created;
      });
      return presentPhoto(row);
    },

    /** An uploaded photo's bytes (public: photos are shown in the public catalogue and shop). */
    async photoFile(ctx: RequestContext, id: string): Promise<{ contentType: string; bytes: Buffer; etag: string; createdAt: Date }> {
      authorize(ctx.actor, 'procurement.catalogue.read', undefined);
      const f = await repo.findPhotoFile(db, id);
      if (!f) throw notFound('사진을 찾을 수 없습니다', 'Photo not found');
      const b = f.bytes as Uint8Array;
      return { contentType: f.content_type, bytes: Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength), etag: `"${f.sha256}"`, createdAt: new Date(f.created_at) };
    },

    pause: (ctx: RequestContext, id: string) => setStatus(ctx, id, 'paused'),
    resume: (ctx: RequestContext, id: string) => setStatus(ctx, id, 'active'),

    /** The printed catalogue of one category (or all): active offerings by firm, with contacts. */
    async printModel(ctx: RequestContext, category?: string): Promise<PrintedCatalogue> {
      authorize(ctx.actor, 'procurement.catalogue.read', undefined);
      const l = await labels();
      if (category && !l.categories.has(category)) {
        throw validationProblem([{ path: 'category', messages: { ko: `알 수 없는 분류입니다: ${category}`, en: `Unknown category: ${category}` } }]);
      }
      const rows = await repo.activeOfferings(db, category);
      const orgIds = [...new Set(rows.map((r) => r.organization_id))];
      const sup = new Map((await repo.suppliers(db, orgIds)).map((s) => [s.id, s]));
      const contacts = new Map<string, { phone: string | null; email: string | null }>();
      for (const id of orgIds) {
        const o = await directory.get(SYSTEM, id).catch(() => null);
        contacts.set(id, { phone: o?.phone ?? null, email: o?.email ?? null });
      }
      const cats = [...l.categories.values()].filter((c) => !category || c.code === category);
      return {
        title: category ? `사회적경제 기업 공공구매 상품·서비스 카탈로그 — ${l.categories.get(category)!.label.ko}` : '사회적경제 기업 공공구매 상품·서비스 카탈로그',
        subtitle: category ? `Social economy products and services for public buyers — ${l.categories.get(category)!.label.en}` : 'Social economy products and services for public buyers',
        generated: new Date().toLocaleDateString('ko-KR', { timeZone: 'Asia/Seoul' }),
        categories: cats
          .map((c) => {
            const mine = rows.filter((r) => r.category_code === c.code);
            const firms = new Map<string, repo.OfferingRow[]>();
            for (const r of mine) firms.set(r.organization_id, [...(firms.get(r.organization_id) ?? []), r]);
            return {
              code: c.code,
              label: c.label,
              kind: c.kind,
              firms: [...firms]
                .map(([orgId, offs]) => {
                  const s = sup.get(orgId);
                  const type = s?.type_key ? l.types.get(s.type_key)?.label.ko : undefined;
                  const district = s?.district_code ? l.districts.get(s.district_code)?.name.ko : undefined;
                  return {
                    name: s?.name ?? '—',
                    about: [type, district].filter(Boolean).join(' · '),
                    contact: [contacts.get(orgId)?.phone, contacts.get(orgId)?.email].filter(Boolean).join(' · '),
                    offerings: offs.map((o) => ({
                      name: o.name,
                      price: o.price_won !== null ? `${won(Number(o.price_won))}원` : (o.price_basis ?? ''),
                      unit: o.unit,
                      minOrder: `${won(o.min_order)}${o.unit}`,
                      delivery: o.delivery_districts.length ? o.delivery_districts.map((d) => l.districts.get(d)?.name.ko ?? d).join(', ') : '서울 전역',
                      certifications: o.certifications.map((k) => CERTIFICATION_LABELS[k as Certification]?.ko ?? k).join(', '),
                    })),
                  };
                })
                .sort((a, b) => a.name.localeCompare(b.name, 'ko')),
            };
          })
          .filter((c) => c.firms.length > 0 || category),
      };
    },

    async printPdf(ctx: RequestContext, category?: string): Promise<Buffer> {
      return renderCataloguePdf(await this.printModel(ctx, category));
    },

    /** Catalogue entries ranked by fit to a buyer's need (see MATCH_POINTS). */
    async match(ctx: RequestContext, q: MatchingQuery): Promise<MatchingResult> {
      authorize(ctx.actor, 'procurement.catalogue.read', undefined);
      const l = await labels();
      const errors: FieldError[] = [];
      if (q.category && !l.categories.has(q.category)) errors.push({ path: 'category', messages: { ko: `알 수 없는 분류입니다: ${q.category}`, en: `Unknown category: ${q.category}` } });
      if (q.item && !l.items.has(q.item)) errors.push({ path: 'item', messages: { ko: `알 수 없는 품목입니다: ${q.item}`, en: `Unknown item: ${q.item}` } });
      if (q.district && !l.districts.has(q.district)) errors.push({ path: 'district', messages: { ko: `알 수 없는 자치구입니다: ${q.district}`, en: `Unknown district: ${q.district}` } });
      const words = [...new Set((q.q ?? '').split(/\s+/).map(normalizeForSearch).filter((w) => w.length >= 2))];
      if (!q.category && !q.item && !words.length && !errors.length) {
        errors.push({ path: 'category', messages: { ko: '분류, 품목이나 두 글자 이상의 낱말을 적어 주세요', en: 'Give a category, an item or a word of two letters or more' } });
      }
      if (errors.length) throw validationProblem(errors);
      const candidates = await repo.matchCandidates(db, { category: q.category, item: q.item, words });
      const years = await recordYears();
      const category = q.category ?? (q.item ? l.items.get(q.item)!.category : undefined);
      const record = years
        ? await repo.deliveryBySupplier(
            db,
            candidates.map((c) => c.organization_id),
            { category, from: years.from, to: years.to, institutions: await visibleInstitutions(ctx) },
          )
        : new Map<string, { records: number; amount: number }>();
      const scored = candidates.map((o) => {
        const reasons: { key: string; points: number; label: Bilingual }[] = [];
        const add = (key: string, points: number, label: Bilingual) => reasons.push({ key, points, label });
        if (q.category && o.category_code === q.category) {
          const c = l.categories.get(o.category_code)!;
          add('category', MATCH_POINTS.category, { ko: `같은 분류 (${c.label.ko})`, en: `same category (${c.label.en})` });
        }
        if (q.item && o.item_code === q.item) add('item', MATCH_POINTS.item, { ko: '같은 품목', en: 'same item' });
        const name = normalizeForSearch(o.name);
        const description = normalizeForSearch(o.description ?? '');
        for (const w of words) {
          if (name.includes(w)) add('name', MATCH_POINTS.nameWord, { ko: `이름에 '${w}'`, en: `'${w}' in the name` });
          else if (description.includes(w)) add('description', MATCH_POINTS.descriptionWord, { ko: `설명에 '${w}'`, en: `'${w}' in the description` });
        }
        if (q.district) {
          if (o.delivery_districts.includes(q.district)) add('district', MATCH_POINTS.district, { ko: '해당 자치구 배송', en: 'delivers to the district' });
          else if (!o.delivery_districts.length) add('district', MATCH_POINTS.allSeoul, { ko: '서울 전역 배송', en: 'delivers across Seoul' });
        }
        const rec = record.get(o.organization_id) ?? { records: 0, amount: 0 };
        if (rec.records > 0) {
          add('record', Math.min(MATCH_POINTS.deliveryMax, Math.round(5 * Math.log2(1 + rec.records))), {
            ko: `공공기관 납품 ${won(rec.records)}건`,
            en: `${won(rec.records)} public purchase${rec.records === 1 ? '' : 's'}`,
          });
        }
        if (o.certifications.length) {
          const labelsOf = o.certifications.map((k) => CERTIFICATION_LABELS[k as Certification]).filter(Boolean);
          add('certifications', Math.min(MATCH_POINTS.certificationMax, MATCH_POINTS.certification * o.certifications.length), {
            ko: `인증: ${labelsOf.map((x) => x.ko).join(', ')}`,
            en: `certified: ${labelsOf.map((x) => x.en).join(', ')}`,
          });
        }
        return { row: o, reasons, score: reasons.reduce((a, r) => a + r.points, 0), record: rec };
      });
      scored.sort((a, b) => b.score - a.score || b.record.amount - a.record.amount || a.row.name.localeCompare(b.row.name, 'ko') || a.row.id.localeCompare(b.row.id));
      const top = scored.slice(0, q.limit);
      const offerings = await present(ctx, top.map((s) => s.row));
      const suppliers = new Map<string, { organization: Offering['organization']; score: number; offerings: number }>();
      top.forEach((s, i) => {
        const o = offerings[i]!;
        const have = suppliers.get(o.organization.id);
        if (have) have.offerings += 1;
        else suppliers.set(o.organization.id, { organization: o.organization, score: s.score, offerings: 1 });
      });
      return {
        suggestions: top.map((s, i) => ({ score: s.score, reasons: s.reasons, offering: offerings[i]!, deliveryRecord: s.record })),
        suppliers: [...suppliers.values()],
      };
    },

    /** Categories where public spend goes least to social economy organisations, with who could supply them. */
    async opportunities(ctx: RequestContext, q: { year?: number | undefined; limit: number }): Promise<Opportunities> {
      authorize(ctx.actor, 'procurement.opportunities.read', undefined);
      const l = await labels();
      const year = q.year ?? (await repo.latestRecordYear(db));
      if (year === null) return { year: null, rows: [] };
      const spend = (await repo.spendByCategory(db, year))
        .filter((s) => s.amount > 0 && l.categories.has(s.category))
        .map((s) => ({ ...s, share: s.seoAmount / s.amount, score: s.amount - s.seoAmount }))
        .sort((a, b) => b.score - a.score || a.category.localeCompare(b.category))
        .slice(0, q.limit);
      const rows: Opportunities['rows'] = [];
      for (const s of spend) {
        const c = l.categories.get(s.category)!;
        const offerers = await repo.offerersIn(db, s.category);
        const sup = await repo.suppliers(db, [...offerers.keys()]);
        const seo = sup.filter((x) => x.type_key && (repo.SEO_TYPES as readonly string[]).includes(x.type_key));
        const rec = await repo.deliveryBySupplier(
          db,
          seo.map((x) => x.id),
          { category: s.category, from: year, to: year, institutions: 'all' },
        );
        const suppliers = seo
          .map((x) => ({ organization: supplierOf(l, x, x.id), offerings: offerers.get(x.id)!, deliveryRecord: rec.get(x.id) ?? { records: 0, amount: 0 } }))
          .sort((a, b) => b.deliveryRecord.amount - a.deliveryRecord.amount || b.offerings - a.offerings || a.organization.name.localeCompare(b.organization.name, 'ko'))
          .slice(0, 10);
        const already = await repo.anyOfferersIn(db, s.category);
        const fit = INDUSTRY_FIT[s.category] ?? [];
        const found = fit.length
          ? (await directory.list(SYSTEM, { type: [...repo.SEO_TYPES], industry: fit, status: 'operating', sort: 'name', page: 1, pageSize: 100 })).items
          : [];
        const prospects = found
          .filter((o) => !already.has(o.id))
          .slice(0, 5)
          .map((o) => ({ id: o.id, name: o.name, type: o.type ? { key: o.type.key, label: o.type.label } : null, district: o.district }));
        rows.push({
          category: { code: c.code, kind: c.kind, label: c.label },
          amount: s.amount,
          seoAmount: s.seoAmount,
          share: Math.round(s.share * 10000) / 10000,
          score: s.score,
          records: s.records,
          suppliers,
          prospects,
        });
      }
      return { year, rows };
    },

    // ——— demo ———

    /** Writes generated demo offerings (system only), in one transaction with one audit row. */
    async seedDemo(ctx: RequestContext, rows: repo.OfferingInsert[]): Promise<number> {
      if (ctx.actor.kind !== 'system') throw new Problem('forbidden');
      return db.transaction().execute(async (trx) => {
        const n = await repo.insertOfferings(trx, rows);
        await recordAudit(trx, ctx, { action: 'procurement.offering.demo-seed', entityType: 'procurement_offering', entityId: null, before: null, after: { offerings: n } });
        return n;
      });
    },

    async removeDemo(ctx: RequestContext): Promise<number> {
      if (ctx.actor.kind !== 'system') throw new Problem('forbidden');
      return db.transaction().execute(async (trx) => {
        const n = await repo.removeDemoOfferings(trx);
        if (n) await recordAudit(trx, ctx, { action: 'procurement.offering.demo-remove', entityType: 'procurement_offering', entityId: null, before: { offerings: n }, after: null });
        return n;
      });
    },
  };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;

/** An offering row for the audit log, without its search keys. */
function auditable(r: repo.OfferingRow) {
  const { search_text: _t, search_initials: _i, search_grams: _g, ...rest } = r;
  return rest;
}
