/**
 * A small, static MapLibre map for the site sheet: the site, the networks around it, and a
 * connector from the site to the nearest point of the RN2, the waterway and the station.
 * No interaction, no basemap tiles. Place names (communes, stations) are drawn in the map
 * (glyphs made in the browser, src/map/style/glyphs.ts), so they are in the printed image too;
 * the scale is given by `scale()` for an overlay. The legend and the distances are HTML beside
 * the map, which is also its text alternative. The drawing buffer is preserved so the canvas
 * can be turned into an image for printing.
 */
import { Map as MapLibreMap, getWorkerUrl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { registerGlyphProtocol } from '../style/glyphs';
import { HATCH_PATTERN } from '../style/palette';
import { addHatchPattern } from '../style/images';
import { tileRefresher } from '../freshTiles';
import { minimapBounds, type Connector } from './connectors';
import { CONNECTOR_STYLE, connectorFeatures, minimapStyle, type ConnectorKind, type MiniMapOptions } from './style';
import { metresPerPixel, scaleBar, type ScaleBar } from './scale';

export { buildConnectors, minimapBounds, siteAnchor, CONNECTOR_KINDS } from './connectors';
export type { Connector, ConnectorKind } from './connectors';
export { scaleBar, metresPerPixel, type ScaleBar } from './scale';
export { CONNECTOR_STYLE, SITE_COLOR, SITE_MARKER_HOLE, minimapStyle, type MiniMapContext, type MiniMapOptions } from './style';

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
      style: minimapStyle(opts),
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
  // The hatch of a fictitious polygon: the main map's image, added when the style first asks for it
  // (a `styleimagemissing` listener comes too late: MapLibre has already given up on the image).
  m.setMissingStyleImageResolver((id) => {
    if (id === HATCH_PATTERN) addHatchPattern(m);
  });
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
  /** Gives the connector sources their data (tiles fetched again if some were loading: ../freshTiles.ts). */
  const refresher = tileRefresher(m);
  function update(): void {
    if (!m.getSource('connectors') || !m.getSource('ends')) return;
    const { lines, ends } = connectorFeatures(current);
    refresher.setData('connectors', lines);
    refresher.setData('ends', ends);
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
      refresher.destroy();
      m.remove();
      unregisterGlyphs();
    },
  };
}
