import type { Organization, Taxonomy } from '../../api.ts';
import type { MessageKey, useI18n } from '../../i18n/index.tsx';

/** The profile fields a member can propose changes to, in the order of the form and of the preview. */
export const FORM_FIELDS = [
  'name',
  'nameEn',
  'representative',
  'legalForm',
  'typeKey',
  'subtypeKey',
  'industryKey',
  'districtCode',
  'roadAddress',
  'phone',
  'email',
  'website',
  'description',
  'products',
  'foundedOn',
  'employees',
  'members',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;

/** Labels of every field a proposal can carry (a staff member's proposal may hold more than the form's). */
const LABELS: Record<string, MessageKey> = {
  name: 'member.field.name',
  nameEn: 'member.field.nameEn',
  representative: 'member.field.representative',
  legalForm: 'member.field.legalForm',
  typeKey: 'member.field.typeKey',
  subtypeKey: 'member.field.subtypeKey',
  industryKey: 'member.field.industryKey',
  districtCode: 'member.field.districtCode',
  roadAddress: 'member.field.roadAddress',
  location: 'member.field.location',
  phone: 'member.field.phone',
  email: 'member.field.email',
  website: 'member.field.website',
  socialLinks: 'member.field.socialLinks',
  description: 'member.field.description',
  products: 'member.field.products',
  businessRegNo: 'member.field.businessRegNo',
  foundedOn: 'member.field.foundedOn',
  status: 'member.field.status',
  employees: 'member.field.employees',
  members: 'member.field.members',
  councilIds: 'member.field.councilIds',
};

type I18n = ReturnType<typeof useI18n>;

export const fieldLabel = (t: I18n['t'], key: string): string => (LABELS[key] ? t(LABELS[key]) : key);

/** Fields in a stable order: the form's first, then any other in the order given. */
export function orderFields(keys: string[]): string[] {
  const known = FORM_FIELDS.filter((f) => keys.includes(f)) as string[];
  return [...known, ...keys.filter((k) => !known.includes(k))];
}

/** The form's values for a profile as it is now. */
export function toForm(o: Organization): FormValues {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    name: o.name,
    nameEn: s(o.nameEn),
    representative: s(o.representative),
    legalForm: s(o.legalForm),
    typeKey: o.type?.key ?? '',
    subtypeKey: o.subtype?.key ?? '',
    industryKey: o.industry?.key ?? '',
    districtCode: o.district?.code ?? '',
    roadAddress: s(o.roadAddress),
    phone: s(o.phone),
    email: s(o.email),
    website: s(o.website),
    description: s(o.description),
    products: s(o.products),
    foundedOn: s(o.foundedOn),
    employees: s(o.employees),
    members: s(o.members),
  };
}

export type ApiValues = Record<FormField, string | number | null>;

const INTEGER = /^\d+$/;

/**
 * The form's values as the API takes them: trimmed, empty as null, counts as numbers. What cannot be
 * sent at all (a count that is not a whole number, no name) comes back as `problems` (message keys).
 */
export function toApi(v: FormValues): { values: ApiValues; problems: Partial<Record<FormField, MessageKey>> } {
  const problems: Partial<Record<FormField, MessageKey>> = {};
  const values = {} as ApiValues;
  for (const f of FORM_FIELDS) {
    const raw = v[f].trim();
    if (f === 'employees' || f === 'members') {
      const digits = raw.replace(/,/g, '');
      if (digits === '') values[f] = null;
      else if (INTEGER.test(digits)) values[f] = Number(digits);
      else {
        values[f] = raw;
        problems[f] = 'member.error.wholeNumber';
      }
    } else if (f === 'name') {
      values[f] = raw;
      if (!raw) problems[f] = 'member.error.nameMissing';
    } else values[f] = raw === '' ? null : raw;
  }
  return { values, problems };
}

/** The fields whose value differs between two sets of API values. */
export function changedFields(before: ApiValues, after: ApiValues): FormField[] {
  return FORM_FIELDS.filter((f) => before[f] !== after[f]);
}

/** A proposal's value written for people: labels for taxonomy keys, local dates and numbers. */
export function formatValue(key: string, value: unknown, i18n: Pick<I18n, 't' | 'l' | 'n' | 'd'>, taxonomy: Taxonomy | undefined): string {
  const { t, l, n, d } = i18n;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('member.emptyValue');
  if (key === 'typeKey') return l(taxonomy?.types.find((x) => x.key === value)?.label) || String(value);
  if (key === 'subtypeKey') {
    for (const type of taxonomy?.types ?? []) {
      const sub = type.subtypes.find((x) => x.key === value);
      if (sub) return l(sub.label);
    }
    return String(value);
  }
  if (key === 'industryKey') return l(taxonomy?.industries.find((x) => x.key === value)?.label) || String(value);
  if (key === 'districtCode') return l(taxonomy?.districts.find((x) => x.code === value)?.name) || String(value);
  if (key === 'foundedOn' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return d(value);
  if (typeof value === 'number') return n(value);
  if (key === 'status') return value === 'closed' ? t('member.orgStatus.closed') : t('member.orgStatus.operating');
  if (key === 'councilIds' && Array.isArray(value)) return t('member.councilCount', { count: value.length });
  if (key === 'location' && typeof value === 'object') {
    const p = value as { lat?: number; lon?: number };
    return `${p.lat ?? ''}, ${p.lon ?? ''}`;
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(', ');
  }
  return String(value);
}
