import Supercluster from 'supercluster';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { OrganizationFilter } from './schema.ts';

export interface PointSource {
  mapPoints(f: OrganizationFilter): Promise<{ id: string; name: string; type_key: string | null; industry_key: string | null; lat: number; lon: number }[]>;
  revision(): Promise<number>;
}

interface PointProps {
  id: string;
  name: string;
  type: string | null;
  industry: string | null;
}

interface Entry {
  revision: number;
  index: Promise<Supercluster<PointProps>>;
}

/**
 * Server-side clustering. An index is built once per filter combination and kept until the
 * directory's revision changes (any write to organisations bumps it, in any process), so a map
 * request costs one revision read and a cluster lookup, never a rebuild.
 */
export class MapClusters {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly source: PointSource,
    private readonly maxEntries = 64,
  ) {}

  private key(f: OrganizationFilter): string {
    const norm = (v?: string[]) => (v?.length ? [...v].sort().join(',') : '');
    return JSON.stringify([f.q ?? '', norm(f.type), norm(f.subtype), norm(f.industry), norm(f.district), f.status ?? '']);
  }

  private async index(f: OrganizationFilter): Promise<Supercluster<PointProps>> {
    const revision = await this.source.revision();
    const key = this.key(f);
    const hit = this.cache.get(key);
    if (hit && hit.revision === revision) {
      // Refresh its place in the LRU order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.index;
    }
    const index = this.build(f);
    this.cache.set(key, { revision, index });
    index.catch(() => this.cache.delete(key));
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return index;
  }

  private async build(f: OrganizationFilter): Promise<Supercluster<PointProps>> {
    const rows = await this.source.mapPoints(f);
    const features: Feature<Point, PointProps>[] = rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: { id: r.id, name: r.name, type: r.type_key, industry: r.industry_key },
    }));
    return new Supercluster<PointProps>({ radius: 60, maxZoom: 17 }).load(features);
  }

  async clusters(f: OrganizationFilter, bbox: [number, number, number, number], zoom: number): Promise<FeatureCollection> {
    const index = await this.index(f);
    const features = index.getClusters(bbox, zoom).map((feature) => {
      const p = feature.properties as PointProps & { cluster?: boolean; cluster_id?: number; point_count?: number };
      if (p.cluster) {
        return {
          type: 'Feature' as const,
          geometry: feature.geometry,
          properties: { cluster: true, count: p.point_count!, clusterId: p.cluster_id!, expansionZoom: index.getClusterExpansionZoom(p.cluster_id!) },
        };
      }
      return { type: 'Feature' as const, geometry: feature.geometry, properties: { cluster: false, id: p.id, name: p.name, type: p.type, industry: p.industry } };
    });
    return { type: 'FeatureCollection', features };
  }
}
