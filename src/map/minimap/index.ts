/**
 * A small, static MapLibre map for the site sheet: the site, the networks around it, and a
 * connector from the site to the nearest point of the RN2, the waterway and the station.
 * No interaction, no basemap tiles. Place names (communes, stations) are drawn in the map
 * (glyphs made in the browser, src/map/style/glyphs.ts), so they are in the printed image too;
 * the scale is given by `scale()` for an overlay. The legend and the distances are HTML beside
 * the map, which is also its text alternative. The drawing buffer is preserved so the canvas
 * can be turned into an image for printing.
 */
import { Map as MapLibreMap, getWorkerUrl, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { Site } from '../../domain/types';
import { COLORS } from '../style/palette';
import { FONT_BOLD, FONT_REGULAR, GLYPHS_URL, registerGlyphProtocol } from '../style/glyphs';
import { labelPoints } from '../sources';
import { minimapBounds, type Connector, type ConnectorKind } from './connectors';
import { metresPerPixel, scaleBar, type ScaleBar } from './scale';

export { buildConnectors, minimapBounds, siteAnchor, CONNECTOR_KINDS } from './connectors';
export type { Connector, ConnectorKind } from './connectors';
export { scaleBar, metresPerPixel, type ScaleBar } from './scale';

/** Colours and dash patterns of the connectors; the legend in the sheet uses the same. */
export const CONNECTOR_STYLE: Record<ConnectorKind, { color: string; dash: number[] }> = {
  rn2: { color: COLORS.connectorRn2, dash: [3, 1.5] },
  waterway: { color: COLORS.connectorWaterway, dash: [1, 1.2] },
  station: { color: COLORS.connectorStation, dash: [4, 1, 1, 1] },
};
export const SITE_COLOR = '#6a1b9a';

export interface MiniMapContext {
  communes?: FeatureCollection;
  rn2?: FeatureCollection;
  waterway?: FeatureCollection;
  rail?: FeatureCollection;
  stations?: FeatureCollection;
}

export interface MiniMapOptions {
  site: Site;
  connectors: Connector[];
  context: MiniMapContext;
  /** Called each time the map has finished drawing (e.g. to refresh a print image). */
  onIdle?: () => void;
}

export interface MiniMapHandle {
  /** Resolves once the map has drawn everything (first `idle`). */
  ready: Promise<void>;
  /** Replaces the connectors (they arrive after the distance worker answers). */
  setConnectors(connectors: Connector[]): void;
  /** PNG data URL of the current drawing, or null when WebGL is unavailable. */
  toDataURL(): string | null;
  /** The scale bar for the current view, at most `maxPx` long (null without a map). */
  scale(maxPx: number): ScaleBar | null;
  destroy(): void;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function connectorFeatures(connectors: Connector[]): { lines: FeatureCollection; ends: FeatureCollection } {
  const lines: Feature<LineString>[] = connectors.map((c) => ({
    type: 'Feature',
    properties: { kind: c.kind },
    geometry: { type: 'LineString', coordinates: [c.from, c.to] },
  }));
  const ends: Feature[] = connectors.map((c) => ({
    type: 'Feature',
    properties: { kind: c.kind },
    geometry: { type: 'Point', coordinates: c.to },
  }));
  return { lines: { type: 'FeatureCollection', features: lines }, ends: { type: 'FeatureCollection', features: ends } };
}

function navigableOnly(fc: FeatureCollection | undefined): FeatureCollection {
  if (!fc) return EMPTY;
  return { type: 'FeatureCollection', features: fc.features.filter((f) => f.properties?.kind !== 'river_not_navigable') };
}

function style(opts: MiniMapOptions): StyleSpecification {
  const { lines, ends } = connectorFeatures(opts.connectors);
  const byKind = (prop: 'color') =>
    ['match', ['get', 'kind'], 'rn2', CONNECTOR_STYLE.rn2[prop], 'waterway', CONNECTOR_STYLE.waterway[prop], CONNECTOR_STYLE.station[prop]] as unknown as string;
  const ctx = opts.context;
  const pop = ['to-number', ['get', 'population'], 0] as unknown as number;
  return {
    version: 8,
    glyphs: GLYPHS_URL,
    sources: {
      communes: { type: 'geojson', data: ctx.communes ?? EMPTY },
      'commune-labels': { type: 'geojson', data: labelPoints(ctx.communes) },
      rn2: { type: 'geojson', data: ctx.rn2 ?? EMPTY },
      waterway: { type: 'geojson', data: navigableOnly(ctx.waterway) },
      rail: { type: 'geojson', data: ctx.rail ?? EMPTY },
      stations: { type: 'geojson', data: ctx.stations ?? EMPTY },
      site: { type: 'geojson', data: opts.site },
      // A marker on the site, so a small plot stays visible when the map is framed on far networks.
      'site-marker': { type: 'geojson', data: opts.site.geometry.type === 'Point' ? opts.site : pointOnFeature(opts.site) },
      connectors: { type: 'geojson', data: lines },
      ends: { type: 'geojson', data: ends },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': COLORS.mask } },
      { id: 'communes', type: 'line', source: 'communes', paint: { 'line-color': COLORS.communeOutline, 'line-width': 0.8 } },
      { id: 'waterway', type: 'line', source: 'waterway', paint: { 'line-color': COLORS.water, 'line-width': 3, 'line-opacity': 0.55 } },
      { id: 'rail', type: 'line', source: 'rail', paint: { 'line-color': COLORS.rail, 'line-width': 1.6, 'line-dasharray': [4, 2] } },
      { id: 'rn2-casing', type: 'line', source: 'rn2', paint: { 'line-color': COLORS.roadCasing, 'line-width': 4.5 } },
      { id: 'rn2', type: 'line', source: 'rn2', paint: { 'line-color': '#f4a582', 'line-width': 2.5 } },
      {
        id: 'stations',
        type: 'circle',
        source: 'stations',
        filter: ['!=', ['get', 'kind'], 'non_passenger_point'],
        paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': '#222', 'circle-stroke-width': 2 },
      },
      {
        id: 'site-fill',
        type: 'fill',
        source: 'site',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'fill-color': SITE_COLOR, 'fill-opacity': 0.35 },
      },
      {
        id: 'site-line',
        type: 'line',
        source: 'site',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': SITE_COLOR, 'line-width': 2.5 },
      },
      {
        id: 'connectors',
        type: 'line',
        source: 'connectors',
        layout: { 'line-cap': 'butt' },
        paint: { 'line-color': byKind('color'), 'line-width': 3 },
      },
      {
        id: 'ends',
        type: 'circle',
        source: 'ends',
        paint: { 'circle-radius': 5, 'circle-color': byKind('color'), 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
      },
      {
        id: 'commune-labels',
        type: 'symbol',
        source: 'commune-labels',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': ['case', ['>=', pop, 5000], ['literal', [FONT_BOLD]], ['literal', [FONT_REGULAR]]] as unknown as string[],
          'text-size': ['case', ['>=', pop, 5000], 12.5, 11] as unknown as number,
          'text-max-width': 8,
          'text-padding': 2,
          'symbol-sort-key': ['-', 0, pop] as unknown as number,
        },
        paint: { 'text-color': '#33383f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: 'station-labels',
        type: 'symbol',
        source: 'stations',
        filter: ['!=', ['get', 'kind'], 'non_passenger_point'],
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [FONT_REGULAR],
          'text-size': 10.5,
          'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
          'text-radial-offset': 0.7,
          'text-max-width': 9,
        },
        paint: { 'text-color': COLORS.rail, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: 'site-point',
        type: 'circle',
        source: 'site-marker',
        paint: {
          'circle-radius': 8,
          'circle-color': SITE_COLOR,
          'circle-opacity': opts.site.geometry.type === 'Point' ? 1 : 0.85,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2.5,
        },
      },
    ],
  };
}

function applyDashes(map: MapLibreMap): void {
  // line-dasharray cannot be data-driven: one filtered layer per kind carries the dash.
  for (const kind of Object.keys(CONNECTOR_STYLE) as ConnectorKind[]) {
    const id = `connector-${kind}`;
    if (map.getLayer(id)) continue;
    map.addLayer(
      {
        id,
        type: 'line',
        source: 'connectors',
        filter: ['==', ['get', 'kind'], kind],
        paint: { 'line-color': CONNECTOR_STYLE[kind].color, 'line-width': 3, 'line-dasharray': CONNECTOR_STYLE[kind].dash },
      },
      'ends',
    );
  }
  if (map.getLayer('connectors')) map.removeLayer('connectors');
}

function fit(map: MapLibreMap, opts: MiniMapOptions, connectors: Connector[], animate: boolean): void {
  const [w, s, e, n] = minimapBounds(opts.site.geometry, connectors);
  if (!connectors.length && w === e && s === n) {
    map.jumpTo({ center: [w, s], zoom: 13 });
    return;
  }
  map.fitBounds(
    [
      [w, s],
      [e, n],
    ],
    { padding: 36, maxZoom: 15, animate, duration: 0 },
  );
}

/** Creates the minimap in `container` (which must have a size). */
export function createMiniMap(container: HTMLElement, opts: MiniMapOptions): MiniMapHandle {
  if (!getWorkerUrl()) setWorkerUrl(workerUrl);
  let current = opts.connectors;
  let map: MapLibreMap | null = null;
  const unregisterGlyphs = registerGlyphProtocol();
  try {
    map = new MapLibreMap({
      container,
      style: style(opts),
      interactive: false,
      attributionControl: false,
      fadeDuration: 0,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      center: [3.33, 49.38],
      zoom: 10,
    });
  } catch {
    // No WebGL: the HTML legend and distances stay as the full text equivalent.
    unregisterGlyphs();
    return { ready: Promise.resolve(), setConnectors() {}, toDataURL: () => null, scale: () => null, destroy() {} };
  }
  const m = map;
  // The canvas is decorative for assistive technologies: the sheet gives the same facts in text.
  m.getCanvas().setAttribute('aria-hidden', 'true');
  m.getCanvas().removeAttribute('tabindex');
  let loaded = false;
  const ready = new Promise<void>((resolve) => {
    m.once('load', () => {
      loaded = true;
      applyDashes(m);
      update();
      m.once('idle', () => resolve());
    });
  });
  if (opts.onIdle) m.on('idle', opts.onIdle);
  function update(): void {
    const src = m.getSource('connectors') as { setData?: (d: FeatureCollection) => void } | undefined;
    const endSrc = m.getSource('ends') as { setData?: (d: FeatureCollection) => void } | undefined;
    if (!src?.setData || !endSrc?.setData) return;
    const { lines, ends } = connectorFeatures(current);
    src.setData(lines);
    endSrc.setData(ends);
    fit(m, opts, current, false);
  }
  return {
    ready,
    setConnectors(connectors) {
      current = connectors;
      if (loaded) update();
    },
    toDataURL() {
      try {
        return m.getCanvas().toDataURL('image/png');
      } catch {
        return null;
      }
    },
    scale(maxPx) {
      return scaleBar(metresPerPixel(m.getCenter().lat, m.getZoom()), maxPx);
    },
    destroy() {
      m.remove();
      unregisterGlyphs();
    },
  };
}
