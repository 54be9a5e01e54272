/**
 * Geometry and shapes of the map page, without Leaflet: the API's GeoJSON answers, which district a
 * point lies in (to name a cluster "마포구 일대"), where to write a district's name, and the
 * choropleth's classes.
 */
import type { Bilingual } from '../../i18n/index.tsx';

export type Position = [number, number]; // [lon, lat], as GeoJSON writes it
type Ring = Position[];
type PolygonRings = Ring[];

export interface DistrictFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: PolygonRings } | { type: 'MultiPolygon'; coordinates: PolygonRings[] };
  properties: { code: string; censusCode: string; name: Bilingual; count: number };
}
export interface DistrictCollection {
  type: 'FeatureCollection';
  features: DistrictFeature[];
}

export interface ClusterProps {
  cluster: true;
  count: number;
  clusterId: number;
  expansionZoom: number;
}
export interface PointProps {
  cluster: false;
  id: string;
  name: string;
  type: string | null;
  industry: string | null;
}
export interface MapFeature<P extends ClusterProps | PointProps = ClusterProps | PointProps> {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: Position };
  properties: P;
}
export interface MapCollection {
  type: 'FeatureCollection';
  features: MapFeature[];
}

export const isCluster = (f: MapFeature): f is MapFeature<ClusterProps> => f.properties.cluster;
export const isPoint = (f: MapFeature): f is MapFeature<PointProps> => !f.properties.cluster;

/** Seoul, west/south/east/north: the view a first visit opens on. */
export const SEOUL_BOUNDS: [number, number, number, number] = [126.764, 37.423, 127.189, 37.702];

/** Organisations a map answer stands for: every cluster's count plus every single point. */
export function countOf(features: MapFeature[]): number {
  return features.reduce((n, f) => n + (isCluster(f) ? f.properties.count : 1), 0);
}

function polygons(f: DistrictFeature): PolygonRings[] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a district's area holds the point (holes respected). */
export function districtContains(f: DistrictFeature, [x, y]: Position): boolean {
  return polygons(f).some((rings) => rings.length > 0 && inRing(rings[0]!, x, y) && !rings.slice(1).some((hole) => inRing(hole, x, y)));
}

/** The signed area and centroid of a ring (shoelace formula), in degrees: fine at a city's scale. */
function ringCentroid(ring: Ring): { area: number; at: Position } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (a === 0) return { area: 0, at: ring[0] ?? [0, 0] };
  return { area: Math.abs(a / 2), at: [cx / (3 * a), cy / (3 * a)] };
}

/** Where to write a district's name: the centroid of its largest part. */
export function labelPoint(f: DistrictFeature): Position {
  let best = { area: -1, at: [0, 0] as Position };
  for (const rings of polygons(f)) {
    const c = ringCentroid(rings[0] ?? []);
    if (c.area > best.area) best = c;
  }
  return best.at;
}

/** A district's extent: [west, south, east, north]. */
export function boundsOf(f: DistrictFeature): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const rings of polygons(f))
    for (const [x, y] of rings[0] ?? []) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  return [w, s, e, n];
}

/** The district a point lies in; a point just outside every boundary goes to the nearest label point. */
export function districtAt(districts: DistrictFeature[], p: Position): DistrictFeature | undefined {
  const hit = districts.find((d) => districtContains(d, p));
  if (hit) return hit;
  let best: DistrictFeature | undefined;
  let bestDistance = 0.03 ** 2; // about 3 km: farther than that, say nothing rather than something wrong
  for (const d of districts) {
    const [x, y] = labelPoint(d);
    const dist = (x - p[0]) ** 2 + (y - p[1]) ** 2;
    if (dist < bestDistance) {
      bestDistance = dist;
      best = d;
    }
  }
  return best;
}

/** KRDS primary blues, lightest to darkest: the choropleth's five classes. */
export const CHOROPLETH = ['#ecf2fe', '#b1cefb', '#86aff9', '#4c87f6', '#0b50d0'] as const;

/**
 * Five equal classes of a round width (1, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten) that hold the
 * largest count: [0, w), [w, 2w), … [4w, ∞).
 */
export function classWidth(max: number): number {
  const target = Math.max(1, max / CHOROPLETH.length);
  const power = 10 ** Math.floor(Math.log10(target));
  for (const m of [1, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    const w = m * power;
    if (w >= target && Number.isInteger(w)) return w;
  }
  return 10 * power;
}

export function classOf(count: number, width: number): number {
  return Math.min(CHOROPLETH.length - 1, Math.floor(count / width));
}

/** Marker colours by organisation type: each at least 3:1 against white and the palest blues. */
export const TYPE_COLOURS: Record<string, string> = {
  cooperative: '#c2410c',
  social_enterprise: '#15803d',
  village_enterprise: '#a21caf',
  self_sufficiency: '#8a5c00',
  intermediary: '#5b3fa8',
  council: '#1e2124',
};
export const UNKNOWN_TYPE_COLOUR = '#6b7280';
export const typeColour = (type: string | null) => (type && TYPE_COLOURS[type]) || UNKNOWN_TYPE_COLOUR;
