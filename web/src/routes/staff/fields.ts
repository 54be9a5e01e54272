import type { Taxonomy } from '../../api.ts';
import type { MessageKey, Translate } from '../../i18n/index.tsx';
import type { Bilingual } from '../../i18n/index.tsx';

/** Profile fields as the API names them, with their label in the catalogue (proposals, audit). */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'staff.field.name',
  nameEn: 'staff.field.nameEn',
  legalForm: 'staff.field.legalForm',
  representative: 'staff.field.representative',
  typeKey: 'staff.field.typeKey',
  subtypeKey: 'staff.field.subtypeKey',
  industryKey: 'staff.field.industryKey',
  districtCode: 'staff.field.districtCode',
  roadAddress: 'staff.field.roadAddress',
  location: 'staff.field.location',
  phone: 'staff.field.phone',
  email: 'staff.field.email',
  website: 'staff.field.website',
  socialLinks: 'staff.field.socialLinks',
  description: 'staff.field.description',
  products: 'staff.field.products',
  businessRegNo: 'staff.field.businessRegNo',
  foundedOn: 'staff.field.foundedOn',
  status: 'staff.field.status',
  employees: 'staff.field.employees',
  members: 'staff.field.members',
  councilIds: 'staff.field.councilIds',
  // import columns that are not profile fields of their own
  type: 'staff.field.typeKey',
  subtype: 'staff.field.subtypeKey',
  industry: 'staff.field.industryKey',
  district: 'staff.field.districtCode',
  lat: 'staff.field.lat',
  lon: 'staff.field.lon',
  certifiedOn: 'staff.field.certifiedOn',
  headers: 'staff.field.headers',
  '(file)': 'staff.field.file',
};

/** The order fields appear in on a profile, for before → after tables. */
export const FIELD_ORDER = Object.keys(FIELD_LABELS);

export function fieldLabel(t: Translate, field: string): string {
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

interface Formatting {
  t: Translate;
  l: (v: Bilingual | null | undefined) => string;
  n: (v: number) => string;
  taxonomy: Taxonomy | undefined;
}

/** A field's value written as text: labels for keys and codes, lat/lon for a place, "—" for nothing. */
export function formatValue(field: string, value: unknown, f: Formatting): string {
  const { t, l, n, taxonomy } = f;
  if (value === null || value === undefined || value === '') return t('staff.value.empty');
  switch (field) {
    case 'typeKey': {
      const term = taxonomy?.types.find((x) => x.key === value);
      return term ? l(term.label) : String(value);
    }
    case 'subtypeKey': {
      const term = taxonomy?.types.flatMap((x) => x.subtypes).find((x) => x.key === value);
      return term ? l(term.label) : String(value);
    }
    case 'industryKey': {
      const term = taxonomy?.industries.find((x) => x.key === value);
      return term ? l(term.label) : String(value);
    }
    case 'districtCode': {
      const d = taxonomy?.districts.find((x) => x.code === value);
      return d ? `${l(d.name)} (${String(value)})` : String(value);
    }
    case 'status':
      return value === 'closed' ? t('staff.value.closed') : value === 'operating' ? t('staff.value.operating') : String(value);
    case 'location': {
      const p = value as { lat?: number; lon?: number };
      if (typeof p.lat === 'number' && typeof p.lon === 'number') return t('staff.value.location', { lat: p.lat.toFixed(5), lon: p.lon.toFixed(5) });
      return JSON.stringify(value);
    }
    case 'socialLinks': {
      const entries = Object.entries(value as Record<string, string>);
      return entries.length ? entries.map(([k, v]) => `${k}: ${v}`).join('\n') : t('staff.value.empty');
    }
    case 'councilIds': {
      const ids = value as string[];
      return ids.length ? t('staff.value.councils', { count: ids.length }) : t('staff.value.empty');
    }
  }
  if (typeof value === 'number') return n(value);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
