import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../api.ts';
import { organizationQuery, useOrganization, useTaxonomy } from '../../queries.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading, PageHeader, Select } from '../../ui/index.tsx';
import { ClusterMap, type MapHandle, type View, type ViewChange } from './ClusterMap.tsx';
import {
  CHOROPLETH,
  classOf,
  classWidth,
  countOf,
  districtAt,
  isCluster,
  isPoint,
  TYPE_COLOURS,
  typeColour,
  UNKNOWN_TYPE_COLOUR,
  type ClusterProps,
  type DistrictCollection,
  type DistrictFeature,
  type MapCollection,
  type MapFeature,
  type PointProps,
} from './geo.ts';
import './map.css';

/** How many entries the list beside the map shows before "show the others". */
const LIST_LIMIT = 12;
const FILTER_KEYS = ['q', 'type', 'industry', 'district', 'status'] as const;
// Short: moves already end in one moveend; this only folds bursts (held arrow keys, a resize).
const DEBOUNCE_MS = 80;

/** The view written in the URL (?lat=&lon=&zoom=), e.g. by a link from an organisation's page. */
function viewFromUrl(p: URLSearchParams): View | null {
  const lat = Number(p.get('lat'));
  const lon = Number(p.get('lon'));
  const zoom = Number(p.get('zoom'));
  if (!p.get('lat') || !p.get('lon') || !p.get('zoom')) return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || !Number.isFinite(zoom)) return null;
  if (Math.abs(lat) > 85 || Math.abs(lon) > 180) return null;
  return { lat, lon, zoom: Math.min(18, Math.max(8, zoom)) };
}
const viewKey = (v: View) => `${v.lat}|${v.lon}|${v.zoom}`;

interface Loaded {
  features: MapFeature[];
  zoom: number;
}

export default function MapPage() {
  const { t, l, n } = useI18n();
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const mapRef = useRef<MapHandle>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  // ——— filters (in the URL, like the directory's) ———
  const filters = useMemo(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof FILTER_KEYS)[number], string | undefined>, [params]);
  const filterQs = qs(filters);
  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    });
  const clearFilters = () =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      for (const k of FILTER_KEYS) p.delete(k);
      return p;
    });

  const taxonomy = useTaxonomy();
  const districts = useQuery({
    queryKey: ['map', 'districts', filterQs],
    queryFn: ({ signal }) => api<DistrictCollection>(`/api/v1/districts${filterQs}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const districtList = districts.data?.features;

  // ——— the view: from the URL at first, then written back as the map moves ———
  const urlView = viewFromUrl(params);
  const [initialView] = useState(urlView);
  const written = useRef(urlView ? viewKey(urlView) : '');
  const [view, setView] = useState<ViewChange | null>(null);
  const onView = useCallback(
    (v: ViewChange) => {
      // Leaflet can report a last move (a resize as the page changes) after a link has already left
      // the map: writing the view then would put map parameters on the next page's address.
      if (window.location.pathname !== '/map') return;
      setView(v);
      written.current = viewKey(v);
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.set('lat', String(v.lat));
          p.set('lon', String(v.lon));
          p.set('zoom', String(v.zoom));
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  // A view that arrives in the URL later (back button, a link to another place) moves the map.
  const urlKey = urlView ? viewKey(urlView) : '';
  useEffect(() => {
    if (!urlView || urlKey === written.current) return;
    written.current = urlKey;
    mapRef.current?.setView(urlView);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- urlKey stands for urlView
  }, [urlKey]);

  // ——— clusters for the view: debounced, the previous request aborted ———
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!view) return;
    const controller = new AbortController();
    setLoading(true);
    const zoom = Math.floor(view.zoom);
    // A new zoom level asks at once (its clusters differ); pans wait for the burst to end.
    const delay = loaded && Math.floor(loaded.zoom) !== zoom ? 0 : DEBOUNCE_MS;
    const timer = window.setTimeout(() => {
      const search = qs({ ...filters, bbox: view.bbox.join(','), zoom });
      api<MapCollection>(`/api/v1/organizations/map${search}`, { signal: controller.signal }).then(
        (data) => {
          setLoaded({ features: data.features, zoom: view.zoom });
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setError(e);
          setLoading(false);
        },
      );
    }, delay);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterQs stands for filters; loaded only picks the delay
  }, [view, filterQs, attempt]);

  // ——— names: "마포구 일대 120곳 — 확대", "name, type" ———
  const typeLabel = useCallback((key: string | null) => l(taxonomy.data?.types.find((x) => x.key === key)?.label) || t('map.noType'), [taxonomy.data, l, t]);
  const industryLabel = useCallback((key: string | null) => l(taxonomy.data?.industries.find((x) => x.key === key)?.label) || t('map.noIndustry'), [taxonomy.data, l, t]);
  const areaOf = useMemo(() => {
    const cache = new Map<string, DistrictFeature | undefined>();
    return (f: MapFeature) => {
      const key = f.geometry.coordinates.join(',');
      if (!cache.has(key)) cache.set(key, districtList ? districtAt(districtList, f.geometry.coordinates) : undefined);
      return cache.get(key);
    };
  }, [districtList]);
  const clusterLabel = useCallback(
    (f: MapFeature<ClusterProps>) => {
      const d = areaOf(f);
      return t('map.clusterLabel', { area: d ? t('map.area', { district: l(d.properties.name) }) : t('map.areaUnknown'), count: f.properties.count });
    },
    [areaOf, t, l],
  );
  const pointLabel = useCallback((f: MapFeature<PointProps>) => `${f.properties.name}, ${typeLabel(f.properties.type)}`, [typeLabel]);

  // ——— choropleth classes ———
  const width = classWidth(Math.max(0, ...(districtList ?? []).map((d) => d.properties.count)));
  const districtFill = useCallback((d: DistrictFeature) => CHOROPLETH[classOf(d.properties.count, width)]!, [width]);
  const districtName = useCallback((d: DistrictFeature) => l(d.properties.name), [l]);

  // ——— the chosen organisation ———
  const [selected, setSelected] = useState<MapFeature<PointProps> | null>(null);
  const cardHeading = useRef<HTMLHeadingElement>(null);
  const details = useOrganization(selected?.properties.id);
  const selectedId = selected?.properties.id;
  // Arriving from an organisation's page (?org=<id>): its card is open from the start.
  const [arrivingOrg] = useState(() => params.get('org'));
  useEffect(() => {
    if (!arrivingOrg) return;
    let gone = false;
    // Through the shared cache: the card then shows it without asking again (nor does its page, had it just been open).
    qc.fetchQuery(organizationQuery(arrivingOrg))
      .then((o) => {
        if (gone || !o.location) return;
        setSelected({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [o.location.lon, o.location.lat] },
          properties: { cluster: false, id: o.id, name: o.name, type: o.type?.key ?? null, industry: o.industry?.key ?? null },
        });
      })
      .catch(() => undefined); // an unknown id just leaves the card closed
    return () => {
      gone = true;
    };
  }, [arrivingOrg, qc]);
  useEffect(() => {
    if (!selectedId || !cardHeading.current) return;
    cardHeading.current.focus({ preventScroll: true });
    cardHeading.current.closest('section')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const zoomToCluster = useCallback((f: MapFeature<ClusterProps>) => {
    const [lon, lat] = f.geometry.coordinates;
    mapRef.current?.zoomTo(lon, lat, f.properties.expansionZoom);
  }, []);
  const onCluster = useCallback(
    (f: MapFeature<ClusterProps>, byKeyboard: boolean) => {
      zoomToCluster(f);
      // The pressed button goes away with the redraw: keep keyboard users on the map.
      if (byKeyboard) mapRef.current?.focus();
    },
    [zoomToCluster],
  );

  const features = loaded?.features;
  const inView = useMemo(() => {
    const all = features ?? [];
    const clusters = all.filter(isCluster).sort((a, b) => b.properties.count - a.properties.count);
    const points = all.filter(isPoint).sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'ko'));
    return { clusters, points, total: countOf(all) };
  }, [features]);
  const [expanded, setExpanded] = useState(false);
  const entries = [...inView.clusters, ...inView.points];
  const shown = expanded ? entries : entries.slice(0, LIST_LIMIT);

  const zoomText = n(Math.round((view?.zoom ?? initialView?.zoom ?? 11) * 100) / 100);
  // Announced when a view's organisations have arrived (not at every intermediate move).
  const status =
    !loaded
      ? t('map.statusLoading', { zoom: zoomText })
      : t('map.status', { zoom: n(Math.round(loaded.zoom * 100) / 100), total: inView.total, clusters: inView.clusters.length, points: inView.points.length });

  // Filters that came with the URL but have no control here (from the directory's search).
  const other: string[] = [];
  if (filters.q) other.push(t('map.filterQuery', { q: filters.q }));
  if (filters.district)
    for (const code of filters.district.split(',')) other.push(l(taxonomy.data?.districts.find((d) => d.code === code)?.name) || code);
  if (filters.status) other.push(filters.status === 'closed' ? t('map.filterClosed') : t('map.filterOperating'));

  const typeOptions = [{ value: '', label: t('map.all') }, ...(taxonomy.data?.types ?? []).map((x) => ({ value: x.key, label: l(x.label) }))];
  const industryOptions = [{ value: '', label: t('map.all') }, ...(taxonomy.data?.industries ?? []).map((x) => ({ value: x.key, label: l(x.label) }))];
  // A key from the URL that the list does not know yet still shows as chosen.
  if (filters.type && !typeOptions.some((o) => o.value === filters.type)) typeOptions.push({ value: filters.type, label: filters.type });
  if (filters.industry && !industryOptions.some((o) => o.value === filters.industry)) industryOptions.push({ value: filters.industry, label: filters.industry });

  const sortedDistricts = useMemo(() => [...(districtList ?? [])].sort((a, b) => l(a.properties.name).localeCompare(l(b.properties.name), 'ko')), [districtList, l]);
  const districtTotal = sortedDistricts.reduce((s, d) => s + d.properties.count, 0);

  return (
    <div className="map-page">
      <PageHeader title={t('map.title')} lead={t('map.lead')} />

      <form className="map-filters" aria-label={t('map.filters')} onSubmit={(e) => e.preventDefault()}>
        <Select label={t('map.type')} options={typeOptions} value={filters.type ?? ''} onChange={(e) => setFilter('type', e.target.value)} />
        <Select label={t('map.industry')} options={industryOptions} value={filters.industry ?? ''} onChange={(e) => setFilter('industry', e.target.value)} />
        <div className="map-filter-actions">
          <button type="button" className="btn secondary" onClick={() => mapRef.current?.showSeoul()}>
            {t('map.showSeoul')}
          </button>
          {filterQs ? (
            <button type="button" className="btn text" onClick={clearFilters}>
              {t('map.clearFilters')}
            </button>
          ) : null}
        </div>
      </form>
      {other.length ? <p className="map-other-filters">{t('map.otherFilters', { list: other.join(', ') })}</p> : null}

      <p className="map-status" role="status" aria-live="polite">
        {status}
      </p>

      <div className="map-layout">
        <div className="map-main">
          <div className="map-frame" aria-busy={loading || undefined}>
            <ClusterMap
              ref={mapRef}
              label={t('map.region')}
              describedBy="map-keyboard-hint"
              zoomInLabel={t('map.zoomIn')}
              zoomOutLabel={t('map.zoomOut')}
              initialView={initialView}
              districts={districtList}
              districtFill={districtFill}
              districtName={districtName}
              features={features}
              clusterLabel={clusterLabel}
              pointLabel={pointLabel}
              selectedId={selectedId}
              onView={onView}
              onCluster={onCluster}
              onPoint={setSelected}
            />
          </div>
          <p className="hint map-hint" id="map-keyboard-hint">
            {t('map.keyboardHint')}
          </p>
          {districts.isError ? <ErrorState error={districts.error} retry={() => void districts.refetch()} /> : null}

          <div className="map-legends">
            <div className="map-legend">
              <p className="map-legend-title" id="legend-districts">
                {t('map.legendDistricts')}
              </p>
              <ul aria-labelledby="legend-districts">
                {CHOROPLETH.map((colour, i) => (
                  <li key={colour}>
                    <span className="map-swatch" style={{ background: colour }} aria-hidden="true" />
                    {i < CHOROPLETH.length - 1 ? t('map.legendRange', { from: i * width, to: (i + 1) * width - 1 }) : t('map.legendFrom', { from: i * width })}
                  </li>
                ))}
              </ul>
            </div>
            <div className="map-legend">
              <p className="map-legend-title" id="legend-markers">
                {t('map.legendMarkers')}
              </p>
              <ul aria-labelledby="legend-markers">
                <li>
                  <span className="map-legend-cluster" aria-hidden="true">
                    12
                  </span>
                  {t('map.legendCluster')}
                </li>
                {(taxonomy.data?.types ?? []).map((ty) => (
                  <li key={ty.key}>
                    <span className="map-legend-dot" style={{ background: TYPE_COLOURS[ty.key] ?? UNKNOWN_TYPE_COLOUR }} aria-hidden="true" />
                    {l(ty.label)}
                  </li>
                ))}
                <li>
                  <span className="map-legend-dot" style={{ background: UNKNOWN_TYPE_COLOUR }} aria-hidden="true" />
                  {t('map.noType')}
                </li>
              </ul>
            </div>
          </div>
        </div>

        <div className="map-side">
          {selected ? (
            <section className="card map-card" aria-labelledby="map-card-name">
              <p className="map-card-kicker">{t('map.selected')}</p>
              <h2 id="map-card-name" ref={cardHeading} tabIndex={-1}>
                {selected.properties.name}
              </h2>
              <dl>
                <div>
                  <dt>{t('map.type')}</dt>
                  <dd>
                    <span className="map-legend-dot" style={{ background: typeColour(selected.properties.type) }} aria-hidden="true" />
                    {typeLabel(selected.properties.type)}
                  </dd>
                </div>
                <div>
                  <dt>{t('map.industry')}</dt>
                  <dd>{industryLabel(selected.properties.industry)}</dd>
                </div>
                {details.data?.district ? (
                  <div>
                    <dt>{t('map.district')}</dt>
                    <dd>{l(details.data.district.name)}</dd>
                  </div>
                ) : null}
                {details.data?.roadAddress ? (
                  <div>
                    <dt>{t('map.address')}</dt>
                    <dd>{details.data.roadAddress}</dd>
                  </div>
                ) : null}
              </dl>
              <div className="actions">
                <Link className="btn primary small" to={`/organizations/${selected.properties.id}`}>
                  {t('map.openPage', { name: selected.properties.name })}
                </Link>
                <button
                  type="button"
                  className="btn secondary small"
                  onClick={() => {
                    setSelected(null);
                    mapRef.current?.focus();
                  }}
                >
                  {t('map.closeCard')}
                </button>
              </div>
            </section>
          ) : null}

          <section className="map-list" aria-labelledby="map-list-title" aria-busy={loading || undefined}>
            <h2 id="map-list-title" ref={listHeading} tabIndex={-1}>
              {t('map.inView')}
            </h2>
            {error ? (
              <ErrorState error={error} retry={() => setAttempt((a) => a + 1)} />
            ) : !loaded ? (
              <Loading />
            ) : entries.length === 0 ? (
              <p className="state empty">{t('map.empty')}</p>
            ) : (
              <>
                <p className="hint">{t('map.inViewHint')}</p>
                <ul className="map-entries">
                  {shown.map((f) =>
                    isCluster(f) ? (
                      <li key={`c${f.properties.clusterId}`} className="map-entry-cluster">
                        <button
                          type="button"
                          className="btn secondary small"
                          data-count={f.properties.count}
                          onClick={() => {
                            zoomToCluster(f);
                            listHeading.current?.focus();
                          }}
                        >
                          {clusterLabel(f)}
                        </button>
                      </li>
                    ) : (
                      <li key={f.properties.id} className="map-entry-point">
                        <span className="map-legend-dot" style={{ background: typeColour(f.properties.type) }} aria-hidden="true" />
                        <span>
                          <Link to={`/organizations/${f.properties.id}`} data-id={f.properties.id}>
                            {f.properties.name}
                          </Link>{' '}
                          <span className="map-entry-type">{typeLabel(f.properties.type)}</span>
                        </span>
                      </li>
                    ),
                  )}
                </ul>
                {entries.length > shown.length ? (
                  <button type="button" className="btn text small" onClick={() => setExpanded(true)}>
                    {t('map.showAll', { count: entries.length - shown.length })}
                  </button>
                ) : null}
              </>
            )}
          </section>
        </div>
      </div>

      <section className="map-districts" aria-labelledby="map-districts-title">
        <h2 id="map-districts-title">{t('map.tableTitle')}</h2>
        {districts.isPending ? (
          <Loading />
        ) : districts.isError ? (
          <p>{t('map.districtsError')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t('map.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('map.tableDistrict')}</th>
                  <th scope="col" className="num">
                    {t('map.tableCount')}
                  </th>
                  <th scope="col">{t('map.tableShade')}</th>
                  <th scope="col">{t('map.tableAction')}</th>
                </tr>
              </thead>
              <tbody>
                {sortedDistricts.map((d) => (
                  <tr key={d.properties.code}>
                    <th scope="row">{l(d.properties.name)}</th>
                    <td className="num">{n(d.properties.count)}</td>
                    <td>
                      <span className="map-swatch" style={{ background: districtFill(d) }} aria-hidden="true" />
                      {t('map.tableShadeValue', { step: classOf(d.properties.count, width) + 1 })}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn text small"
                        onClick={() => {
                          mapRef.current?.showDistrict(d);
                          mapRef.current?.focus();
                        }}
                      >
                        {t('map.showDistrict')}
                        <span className="visually-hidden">: {l(d.properties.name)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('map.tableTotal')}</th>
                  <td className="num">{n(districtTotal)}</td>
                  <td />
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
