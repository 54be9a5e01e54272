import type { Feature } from 'geojson';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { boundsOf, isCluster, isPoint, labelPoint, SEOUL_BOUNDS, typeColour, type ClusterProps, type DistrictFeature, type MapFeature, type PointProps } from './geo.ts';

/** The view as the page keeps it (and writes it in the URL). */
export interface View {
  lat: number;
  lon: number;
  zoom: number;
}
export interface ViewChange extends View {
  /** west, south, east, north */
  bbox: [number, number, number, number];
}

export interface MapHandle {
  /** Zooms to a level centred on a point (what a cluster does when pressed). */
  zoomTo(lon: number, lat: number, zoom: number): void;
  setView(view: View): void;
  showDistrict(d: DistrictFeature): void;
  showSeoul(): void;
  /** Puts keyboard focus on the map itself (arrow keys pan, + and - zoom, Tab reaches the markers). */
  focus(): void;
}

interface Props {
  /** Accessible name of the map and the text of its controls, in the current language. */
  label: string;
  describedBy: string;
  zoomInLabel: string;
  zoomOutLabel: string;
  initialView: View | null;
  districts: DistrictFeature[] | undefined;
  districtFill: (d: DistrictFeature) => string;
  districtName: (d: DistrictFeature) => string;
  features: MapFeature[] | undefined;
  clusterLabel: (f: MapFeature<ClusterProps>) => string;
  pointLabel: (f: MapFeature<PointProps>) => string;
  selectedId: string | undefined;
  onView: (v: ViewChange) => void;
  /** A cluster pressed; `byKeyboard` when Enter or Space did it (focus then stays on the map). */
  onCluster: (f: MapFeature<ClusterProps>, byKeyboard: boolean) => void;
  onPoint: (f: MapFeature<PointProps>) => void;
}

const NAMES_FROM_ZOOM = 12;
const round = (x: number, digits: number) => Number(x.toFixed(digits));
const seoul = () =>
  L.latLngBounds(
    [SEOUL_BOUNDS[1], SEOUL_BOUNDS[0]],
    [SEOUL_BOUNDS[3], SEOUL_BOUNDS[2]],
  );

function clusterSize(count: number): number {
  if (count < 10) return 32;
  if (count < 50) return 38;
  if (count < 100) return 44;
  if (count < 250) return 52;
  return 60;
}

/**
 * The Leaflet map: district polygons as the base layer (no tile server), district names, and the
 * server's clusters and points as buttons inside divIcons (focusable, named, pressed with Enter).
 * Leaflet is imported here only, so it stays in the map page's lazy chunk.
 */
export const ClusterMap = forwardRef<MapHandle, Props>(function ClusterMap(props, ref) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layers = useRef<{ districts: L.GeoJSON; names: L.LayerGroup; markers: L.LayerGroup } | null>(null);
  const pointElements = useRef(new Map<string, HTMLElement>());
  // The callbacks change every render; Leaflet's listeners read the latest through this ref.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  // Until someone moves the map, it keeps all of Seoul in view as the window changes size.
  const fitsSeoul = useRef(props.initialView === null);
  const programmatic = useRef(false);

  useEffect(() => {
    const el = container.current!;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const map = L.map(el, {
      zoomControl: false,
      attributionControl: false,
      zoomSnap: 0.25,
      minZoom: 8,
      maxZoom: 18,
      keyboard: true,
      zoomAnimation: !reduced,
      fadeAnimation: !reduced,
      markerZoomAnimation: !reduced,
    });
    mapRef.current = map;
    map.createPane('names').style.zIndex = '450';
    layers.current = {
      districts: L.geoJSON(undefined, { interactive: false }).addTo(map),
      names: L.layerGroup([], { pane: 'names' }),
      markers: L.layerGroup().addTo(map),
    };
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
    // District names only when zoomed in enough for the clusters to leave room for them.
    const names = layers.current.names;
    map.on('zoomend', () => {
      const show = map.getZoom() >= NAMES_FROM_ZOOM;
      if (show && !map.hasLayer(names)) names.addTo(map);
      else if (!show && map.hasLayer(names)) names.remove();
    });

    const report = () => {
      const b = map.getBounds();
      const c = map.getCenter();
      latest.current.onView({
        lat: round(c.lat, 5),
        lon: round(c.lng, 5),
        zoom: map.getZoom(),
        bbox: [round(Math.max(-180, b.getWest()), 5), round(Math.max(-85, b.getSouth()), 5), round(Math.min(180, b.getEast()), 5), round(Math.min(85, b.getNorth()), 5)],
      });
    };
    map.on('moveend', () => {
      programmatic.current = false;
      report();
    });
    // Someone moved the map: from now on a resize keeps their view instead of refitting Seoul.
    map.on('dragstart', () => (fitsSeoul.current = false));
    map.on('zoomstart', () => {
      if (!programmatic.current) fitsSeoul.current = false;
    });

    const initial = latest.current.initialView;
    programmatic.current = true;
    if (initial) map.setView([initial.lat, initial.lon], initial.zoom, { animate: false });
    else map.fitBounds(seoul(), { animate: false });

    // The page's layout decides the map's size (60vh, two columns or one): follow it.
    const resize = new ResizeObserver(() => {
      map.invalidateSize({ animate: false });
      if (fitsSeoul.current) {
        programmatic.current = true;
        map.fitBounds(seoul(), { animate: false });
      }
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      map.remove();
      mapRef.current = null;
      layers.current = null;
    };
  }, []);

  // The map's own name and its zoom buttons, in the page's language.
  const { label, describedBy, zoomInLabel, zoomOutLabel } = props;
  useEffect(() => {
    const map = mapRef.current!;
    const el = container.current!;
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', label);
    el.setAttribute('aria-describedby', describedBy);
    const zoom = L.control.zoom({ position: 'topright', zoomInTitle: zoomInLabel, zoomOutTitle: zoomOutLabel }).addTo(map);
    return () => {
      zoom.remove();
    };
  }, [label, describedBy, zoomInLabel, zoomOutLabel]);

  // Base layer: the districts filled by their count, and their names.
  const { districts, districtFill, districtName } = props;
  useEffect(() => {
    const l = layers.current!;
    l.districts.clearLayers();
    l.names.clearLayers();
    for (const d of districts ?? []) {
      l.districts.addData(d as unknown as Feature);
      const [lon, lat] = labelPoint(d);
      const name = document.createElement('span');
      name.textContent = districtName(d);
      name.setAttribute('aria-hidden', 'true'); // the district table below the map says the same
      l.names.addLayer(
        L.marker([lat, lon], {
          icon: L.divIcon({ className: 'map-district-name', html: name, iconSize: [0, 0] }),
          interactive: false,
          keyboard: false,
          pane: 'names',
        }),
      );
    }
    l.districts.setStyle((f) => ({ fillColor: districtFill(f as unknown as DistrictFeature), fillOpacity: 1, color: '#464c53', weight: 1, opacity: 0.7 }));
  }, [districts, districtFill, districtName]);

  // Clusters and points: a <button> in each divIcon, so Tab reaches them and Enter presses them.
  const { features, clusterLabel, pointLabel } = props;
  useEffect(() => {
    const l = layers.current!;
    l.markers.clearLayers();
    pointElements.current.clear();
    for (const f of features ?? []) {
      const [lon, lat] = f.geometry.coordinates;
      const button = document.createElement('button');
      button.type = 'button';
      let marker: L.Marker;
      if (isCluster(f)) {
        const size = clusterSize(f.properties.count);
        button.className = 'map-cluster';
        // The name is the content: "마포구 일대 " (hidden) "120" (seen) "곳 — 확대" (hidden), so that
        // what is seen is part of what is heard (WCAG 2.5.3) and speech control can say "120".
        const count = f.properties.count.toLocaleString('en'); // 1,234: the grouping of ko-KR and en-GB alike
        const name = clusterLabel(f);
        const at = name.indexOf(count);
        const hidden = (text: string) => {
          const span = document.createElement('span');
          span.className = 'visually-hidden';
          span.textContent = text;
          return span;
        };
        if (at >= 0) button.append(hidden(name.slice(0, at)), count, hidden(name.slice(at + count.length)));
        else button.append(count, hidden(` ${name}`));
        button.dataset.count = String(f.properties.count);
        marker = L.marker([lat, lon], { icon: L.divIcon({ className: 'map-icon', html: button, iconSize: [size, size] }), keyboard: false, riseOnHover: true });
        marker.on('click', (e) => latest.current.onCluster(f, (e.originalEvent as MouseEvent).detail === 0));
      } else if (isPoint(f)) {
        button.className = 'map-point';
        button.style.setProperty('--type-colour', typeColour(f.properties.type));
        button.setAttribute('aria-label', pointLabel(f));
        button.dataset.id = f.properties.id;
        button.dataset.type = f.properties.type ?? '';
        pointElements.current.set(f.properties.id, button);
        marker = L.marker([lat, lon], { icon: L.divIcon({ className: 'map-icon', html: button, iconSize: [24, 24] }), keyboard: false, riseOnHover: true, zIndexOffset: 100 });
        marker.on('click', () => latest.current.onPoint(f));
      } else continue;
      l.markers.addLayer(marker);
    }
  }, [features, clusterLabel, pointLabel]);

  // The chosen organisation's marker stands out (and says so to screen readers).
  const { selectedId } = props;
  useEffect(() => {
    for (const [id, el] of pointElements.current) {
      if (id === selectedId) el.setAttribute('aria-current', 'true');
      else el.removeAttribute('aria-current');
    }
  }, [selectedId, features]);

  useImperativeHandle(ref, () => ({
    zoomTo(lon, lat, zoom) {
      fitsSeoul.current = false;
      mapRef.current?.setView([lat, lon], zoom);
    },
    setView(v) {
      fitsSeoul.current = false;
      mapRef.current?.setView([v.lat, v.lon], v.zoom);
    },
    showDistrict(d) {
      const [w, s, e, n] = boundsOf(d);
      fitsSeoul.current = false;
      mapRef.current?.fitBounds([
        [s, w],
        [n, e],
      ]);
    },
    showSeoul() {
      fitsSeoul.current = true;
      programmatic.current = true;
      mapRef.current?.fitBounds(seoul());
    },
    focus() {
      container.current?.focus();
    },
  }));

  return <div ref={container} className="map-canvas" />;
});
