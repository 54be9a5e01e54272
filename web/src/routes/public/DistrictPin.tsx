import { useI18n } from '../../i18n/index.tsx';
import { useDistrictShapes, type DistrictFeature } from './data.ts';

const WIDTH = 320;

/** Outer rings of a district's polygons, as [lon, lat] lists. */
function rings(f: DistrictFeature): number[][][] {
  return f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
}

/**
 * Where an organisation is, without a map library: its district's outline (neighbours drawn faintly
 * around it) as inline SVG with a pin. Longitude and latitude are projected linearly, longitude
 * shortened by cos(latitude) so that the shape is not stretched.
 */
export function DistrictPin({ districtCode, location, label }: { districtCode: string; location: { lat: number; lon: number } | null; label: string }) {
  const { t } = useI18n();
  const shapes = useDistrictShapes(true);
  const target = shapes.data?.features.find((f) => f.properties.code === districtCode);
  if (shapes.isPending) return <div className="pub-pin-placeholder" aria-hidden="true" />;
  if (!target) return shapes.isError ? <p className="hint">{t('public.org.mapUnavailable')}</p> : null;

  const points = rings(target).flat();
  if (location) points.push([location.lon, location.lat]);
  const lons = points.map((p) => p[0]!);
  const lats = points.map((p) => p[1]!);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const w = (maxLon - minLon) * k;
  const h = maxLat - minLat;
  const pad = Math.max(w, h) * 0.08;
  const scale = WIDTH / (w + 2 * pad);
  const height = Math.round((h + 2 * pad) * scale);
  const x = (lon: number) => ((lon - minLon) * k + pad) * scale;
  const y = (lat: number) => (maxLat - lat + pad) * scale;
  // Room above for the pin's head when the place is near the district's northern edge.
  const top = location ? Math.min(0, Math.floor(y(location.lat) - 36)) : 0;
  const path = (f: DistrictFeature) =>
    rings(f)
      .map((ring) => `M${ring.map(([lon, lat]) => `${x(lon!).toFixed(1)},${y(lat!).toFixed(1)}`).join('L')}Z`)
      .join('');

  return (
    <svg className="pub-pin" viewBox={`0 ${top} ${WIDTH} ${height - top}`} role="img" aria-label={label} focusable="false">
      {shapes.data!.features
        .filter((f) => f !== target)
        .map((f) => (
          <path key={f.properties.code} d={path(f)} className="pub-pin-other" />
        ))}
      <path d={path(target)} className="pub-pin-district" />
      {location ? (
        <g transform={`translate(${x(location.lon).toFixed(1)} ${y(location.lat).toFixed(1)})`} className="pub-pin-marker">
          <path d="M0 0C-2-7-11-11-11-20A11 11 0 1 1 11-20C11-11 2-7 0 0Z" />
          <circle cx="0" cy="-20" r="4" />
        </g>
      ) : null}
    </svg>
  );
}
