import type { Writable } from 'node:stream';
import { csvWriter, xlsxWriter } from '../../kernel/tabular.ts';
import { COLUMNS, exportRow } from './columns.ts';
import { organizationJsonLd } from './jsonld.ts';
import type { Organization } from './service.ts';

export const EXPORT_FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  geojson: { type: 'application/geo+json', ext: 'geojson' },
  jsonld: { type: 'application/ld+json', ext: 'jsonld' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** An RFC 7946 Feature: [lon, lat], null geometry where the place is unknown. */
export function organizationFeature(o: Organization) {
  return {
    type: 'Feature' as const,
    id: o.id,
    geometry: o.location ? { type: 'Point' as const, coordinates: [o.location.lon, o.location.lat] } : null,
    properties: {
      id: o.id,
      name: o.name,
      nameEn: o.nameEn,
      type: o.type?.key ?? null,
      typeLabel: o.type?.label.ko ?? null,
      subtype: o.subtype?.key ?? null,
      industry: o.industry?.key ?? null,
      industryLabel: o.industry?.label.ko ?? null,
      district: o.district?.code ?? null,
      districtName: o.district?.name.ko ?? null,
      roadAddress: o.roadAddress,
      phone: o.phone,
      website: o.website,
      status: o.status,
    },
  };
}

/** Writes organisations to `out` in the format asked, one at a time as they arrive. */
export async function writeExport(format: ExportFormat, organizations: AsyncIterable<Organization>, out: Writable, baseUrl: string): Promise<void> {
  if (format === 'csv' || format === 'xlsx') {
    const w = format === 'csv' ? csvWriter(out) : xlsxWriter(out, '사회적경제 조직');
    w.row(COLUMNS.map((c) => c.header));
    for await (const o of organizations) w.row(exportRow(o));
    await w.end();
    return;
  }
  const [open, close] = format === 'geojson' ? ['{"type":"FeatureCollection","features":[', ']}'] : ['{"@context":"https://schema.org","@graph":[', ']}'];
  out.write(open);
  let first = true;
  for await (const o of organizations) {
    let item: object;
    if (format === 'geojson') item = organizationFeature(o);
    else {
      const { '@context': _context, ...node } = organizationJsonLd(o, baseUrl);
      item = node;
    }
    out.write((first ? '' : ',') + JSON.stringify(item));
    first = false;
  }
  out.write(close);
  await new Promise<void>((resolve) => out.end(resolve));
}
