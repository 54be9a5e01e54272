import { useId, useMemo } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { CHOROPLETH, classOf, classWidth, labelPoint, type DistrictFeature, type Position } from '../map/geo.ts';

const WIDTH = 640;

interface Props {
  districts: DistrictFeature[];
  /** district code → count */
  values: Map<string, number>;
  /** what the counts count, for the caption and each district's name ("전체", "협동조합") */
  what: string;
  formatCount: (n: number) => string;
}

/** The districts' outlines projected onto a WIDTH-wide box (equirectangular, longitude scaled by cos(latitude)). */
function project(districts: DistrictFeature[]) {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const polygons = (f: DistrictFeature) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates);
  for (const f of districts)
    for (const rings of polygons(f))
      for (const [x, y] of rings[0] ?? []) {
        w = Math.min(w, x);
        e = Math.max(e, x);
        s = Math.min(s, y);
        n = Math.max(n, y);
      }
  const kx = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const scale = WIDTH / ((e - w) * kx || 1);
  const height = Math.ceil((n - s) * scale);
  const at = ([x, y]: Position): [number, number] => [Math.round((x - w) * kx * scale * 10) / 10, Math.round((n - y) * scale * 10) / 10];
  const pathOf = (f: DistrictFeature) =>
    polygons(f)
      .flatMap((rings) => rings.map((ring) => `M${ring.map((p) => at(p).join(',')).join('L')}Z`))
      .join('');
  return { height, at, pathOf };
}

/**
 * A choropleth of Seoul's districts drawn as SVG paths from the directory's district polygons: five
 * classes of blue with their ranges in a legend, and each district's count written on it, so the
 * colour is never the only carrier. Each district is an image with a name ("강남구: 141곳"), for
 * screen readers and as a tooltip; the same counts are in the table that goes with the map.
 */
export function DistrictMap({ districts, values, what, formatCount }: Props) {
  const { t, l } = useI18n();
  const captionId = useId();
  const shape = useMemo(() => project(districts), [districts]);
  const max = Math.max(0, ...districts.map((d) => values.get(d.properties.code) ?? 0));
  const width = classWidth(max);
  const classes = CHOROPLETH.map((colour, i) => ({
    colour,
    label: i < CHOROPLETH.length - 1 ? t('insights.map.range', { from: formatCount(i * width), to: formatCount((i + 1) * width - 1) }) : t('insights.map.rangeOpen', { from: formatCount(i * width) }),
  }));
  return (
    <figure className="insights-map">
      <figcaption id={captionId}>
        <strong>{t('insights.map.caption', { what })}</strong> <span className="insights-muted">{t('insights.map.lead')}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${shape.height}`} role="group" aria-labelledby={captionId} className="insights-map-svg">
        {districts.map((d) => {
          const count = values.get(d.properties.code) ?? 0;
          const k = classOf(count, width);
          const name = t('insights.map.district', { name: l(d.properties.name), count: formatCount(count) });
          return (
            <path key={d.properties.code} d={shape.pathOf(d)} fill={CHOROPLETH[k]} className="insights-map-district" role="img" aria-label={name} data-code={d.properties.code}>
              <title>{name}</title>
            </path>
          );
        })}
        <g aria-hidden="true">
          {districts.map((d) => {
            const count = values.get(d.properties.code) ?? 0;
            const [x, y] = shape.at(labelPoint(d));
            return (
              <text key={d.properties.code} x={x} y={y} className={`insights-map-count${classOf(count, width) >= 3 ? ' on-dark' : ''}`} textAnchor="middle" dominantBaseline="central">
                {formatCount(count)}
              </text>
            );
          })}
        </g>
      </svg>
      <ul className="insights-legend" aria-label={t('insights.map.legend')}>
        {classes.map((c) => (
          <li key={c.colour}>
            <span className="insights-swatch" style={{ background: c.colour }} aria-hidden="true" />
            {c.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
