import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** Seoul's 25 district polygons (KOSTAT 2013, see geo/NOTICE.md), read once. */
let boundaries: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; name_eng: string }> | undefined;

export function districtBoundaries() {
  boundaries ??= JSON.parse(readFileSync(new URL('./geo/seoul-districts.geojson', import.meta.url), 'utf8'));
  return boundaries!;
}

export type DistrictFeature = Feature<Polygon | MultiPolygon, { code: string; censusCode: string; name: { ko: string; en: string }; count: number }>;
