/**
 * The atlas map: creates the MapLibre map with a self-contained style (no remote tiles,
 * fonts or sprites), fills its sources, wires clicks, popups and controls, and exposes the
 * controller the rest of the app drives (see ./types.ts).
 */
import {
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  getWorkerUrl,
  prewarm,
  setWorkerUrl,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import type { FeatureCollection, Position } from 'geojson';
import type { ExpressionSpecification, StyleSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LAYER_IDS, type DataManifest, type LayerId, type MapView, type Site, type ZoneRecord } from '../domain/types';
import { GLYPHS_URL, loadGlyphFonts, prewarmGlyphs, registerGlyphProtocol } from './style/glyphs';
import { addImages } from './style/images';
import { L, LAYER_GROUPS, SITE_LAYERS, SITE_STATE, SITE_LABEL_MIN_ZOOM, buildLayers } from './style/layers';
import type { SiteDrawZooms } from './drawZooms';
import { SiteTiles, prewarmSiteTiles } from './siteTiles/client';
import { sameSiteOnMap } from './siteTiles/siteColumns';
import { SITES_TILE_LAYER, TILE_MAX_ZOOM } from './siteTiles/messages';
import { EMPTY, SOURCE_IDS, baseFeatures, siteFeatures, zoneFeatures } from './sources';
import { AtlasAttributionControl, attributionEntries } from './controls/attribution';
import { HomeControl } from './controls/home';
import { BasemapManager } from './basemap';
import { communePopup, sitePopup } from './popups';
import { connectorFeatures } from './connectors';
import { bboxOf, roundView, sameView, siteAnchorPoint } from './view';
import { tileRefresher } from './freshTiles';
import { countTileLoads, exposeMapEarly, installTestHooks, uninstallTestHooks } from './testHooks';
import type { AtlasMapController, AtlasMapEvent, AtlasMapEvents, AtlasMapOptions, Basemap, Connectors, Translate, ViewPadding } from './types';

/** Margin (px) kept between a popup and the edges of the map. */
const POPUP_MARGIN = 8;
/** The map's lowest zoom. */
const MIN_ZOOM = 6;

/** PETR bounding box (from the admin data), used before the data arrives. */
export const PETR_BBOX: [number, number, number, number] = [2.95866, 49.13359, 3.74222, 49.50102];

const EPCI_FILL_OPACITY = ['interpolate', ['linear'], ['zoom'], 8, 0.42, 12, 0.26, 15, 0.12] as ExpressionSpecification;

function ensureWorker(): void {
  if (getWorkerUrl() !== workerUrl) setWorkerUrl(workerUrl);
}

/**
 * Starts what the map needs before it exists, as early as the page can (src/main.tsx): MapLibre's
 * worker (download, compile, start) and the glyphs of the labels, while the data downloads.
 */
export function prewarmMap(): void {
  ensureWorker();
  prewarm();
  prewarmSiteTiles();
  prewarmGlyphs();
}

function mapLocale(t: Translate): Record<string, string> {
  return {
    'Map.Title': t('map.ctrl.title'),
    'NavigationControl.ZoomIn': t('map.ctrl.zoomIn'),
    'NavigationControl.ZoomOut': t('map.ctrl.zoomOut'),
    'NavigationControl.ResetBearing': t('map.ctrl.resetBearing'),
    'Popup.Close': t('map.ctrl.closePopup'),
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'AttributionControl.ToggleAttribution': t('map.attribution.toggle'),
    'CooperativeGesturesHandler.WindowsHelpText': t('map.ctrl.coopWindows'),
    'CooperativeGesturesHandler.MacHelpText': t('map.ctrl.coopMac'),
    'CooperativeGesturesHandler.MobileHelpText': t('map.ctrl.coopMobile'),
  };
}

/**
 * The map's style. The sites source is a vector source whose tiles our own worker cuts, at the
 * tiles URL `sitesTiles` (see siteTiles/client.ts); the other sources are GeoJSON, with the data
 * given in `data` (by source id), empty otherwise.
 */
export function buildStyle(sitesTiles: string, data: Partial<Record<string, FeatureCollection>> = {}): StyleSpecification {
  const layers = buildLayers().map((l) => {
    // Every layer says it is visible: later calls that set 'visible' again change nothing (with no
    // value, MapLibre would see a change, and a layout change reloads every tile of the source).
    const v = l.type === 'background' || (l.layout as { visibility?: string } | undefined)?.visibility ? l : ({ ...l, layout: { ...l.layout, visibility: 'visible' } } as typeof l);
    // The site layers start hidden: MapLibre asks no tile of a source whose layers are all hidden,
    // and the controller shows them once the first sites are cut (a tile asked before would be
    // held until the cut, then fetched again).
    return 'source' in v && v.source === SOURCE_IDS.sites ? ({ ...v, 'source-layer': SITES_TILE_LAYER, layout: { ...v.layout, visibility: 'none' } } as typeof v) : v;
  });
  const sources: Record<string, SourceSpecification> = {};
  for (const l of layers) {
    const id = 'source' in l ? (l.source as string) : null;
    if (!id || sources[id]) continue;
    if (id === SOURCE_IDS.sites) {
      // Sites: cut by our worker with the options MapLibre gives a GeoJSON source, and 32 px of
      // buffer (siteTiles/tiler.ts). The feature id is `_fid`, an integer per site id (see
      // siteFeatures), the key of the feature-state that the filters use.
      sources[id] = { type: 'vector', tiles: [sitesTiles], minzoom: 0, maxzoom: TILE_MAX_ZOOM, promoteId: '_fid' };
      continue;
    }
    sources[id] = {
      type: 'geojson',
      data: data[id] ?? EMPTY,
      // The reference layers are simplified to one pixel at each zoom (MapLibre's default is 0.375):
      // the commune, EPCI and PETR boundaries, drawn up to four times over, had 3 to 4 times more
      // vertices than pixels at the start view, and their triangles were most of each frame.
      ...(id === SOURCE_IDS.base ? { tolerance: 1 } : {}),
    };
  }
  return { version: 8, name: 'Atlas foncier du Soissonnais-Valois', glyphs: GLYPHS_URL, sources, layers };
}

/** The Roissy link's features, the computed crossing labelled `label` (translated), the others by their name. */
function roissyFeatures(fc: FeatureCollection | undefined, label: string): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: (fc ?? EMPTY).features.map((f) => ({
      ...f,
      properties: { ...f.properties, _label: f.properties?.kind === 'computed_line_crossing' ? label : (f.properties?.name ?? '') },
    })),
  };
}

type Listeners = { [E in AtlasMapEvent]: Set<(p: AtlasMapEvents[E]) => void> };

export async function createAtlasMap(container: HTMLElement, options: AtlasMapOptions): Promise<AtlasMapController> {
  let t = options.t;
  performance.mark('atlas-map-start');
  ensureWorker();
  const unregisterGlyphs = registerGlyphProtocol();
  const [, data] = await Promise.all([loadGlyphFonts(), options.dataReady?.catch(() => undefined)]);
  /** The reference layers on the map: those of the data, put in the style (see setData). */
  let layers: Record<string, FeatureCollection> = data?.layers ?? {};
  /** The Roissy label the roissy source was last given (null before it has data): set again only when a language changes it. */
  let roissyLabel: string | null = data ? t('map.roissy.label') : null;

  performance.mark('atlas-fonts-ready');
  const initial = options.initialView ?? null;
  // The sites' tiles, cut by our worker (siteTiles/): when new sites are cut, the tiles in view
  // are fetched again (freshTiles.ts: once none of them is loading; the tiles URL stays, the
  // worker answers with the last cut). The zooms from which symbols and names are drawn come in
  // the tiles (drawZooms.ts, DRAW_FLAGS): the style does not change, and each tile is laid out
  // once. The site layers are shown at the first cut: the first tiles are asked only then.
  const siteTiles = new SiteTiles(
    (version, zooms) => {
      if (destroyed) return;
      const first = !sitesCut;
      sitesCut = true;
      sitesVersion = version;
      drawZooms = zooms;
      if (first) applyVisibility();
      if (version !== 1) refresher.fresh(SOURCE_IDS.sites);
    },
    (e) => console.error(e),
  );
  const style = buildStyle(
    siteTiles.url(),
    roissyLabel !== null ? { [SOURCE_IDS.base]: baseFeatures(layers), [SOURCE_IDS.roissy]: roissyFeatures(layers.roissy, roissyLabel) } : {},
  );
  const map = new MapLibreMap({
    container,
    style,
    ...(initial ? { center: [initial.lon, initial.lat], zoom: initial.zoom } : { bounds: PETR_BBOX as LngLatBoundsLike }),
    fitBoundsOptions: { padding: 40 },
    minZoom: MIN_ZOOM,
    maxZoom: 18,
    maxBounds: [
      [0.5, 47.8],
      [6.2, 50.8],
    ],
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    locale: mapLocale(t),
    fadeDuration: 0,
  });
  const refresher = tileRefresher(map);
  const testHooks = typeof __ATLAS_TEST_HOOKS__ !== 'undefined' && __ATLAS_TEST_HOOKS__;
  if (testHooks) exposeMapEarly(map);
  const tileLoads = testHooks ? countTileLoads(map) : {};
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();

  const listeners: Listeners = { select: new Set(), view: new Set(), 'basemap-error': new Set(), sheet: new Set() };
  const emit = <E extends AtlasMapEvent>(e: E, p: AtlasMapEvents[E]) => {
    for (const cb of [...listeners[e]]) (cb as (x: AtlasMapEvents[E]) => void)(p);
  };

  // The style (inline, empty sources) is enough to go on: images, controls and then the data are
  // added at once, without waiting for the first frame ('load' also waits for every source's tiles).
  await new Promise<void>((resolve, reject) => {
    if (map.isStyleLoaded()) return resolve();
    map.once('style.load', () => resolve());
    map.once('error', (e) => (map.isStyleLoaded() ? resolve() : reject(e.error)));
  });
  performance.mark('atlas-style-loaded');
  addImages(map);
  map.on('styleimagemissing', () => addImages(map));

  // Controls.
  const attribution = new AtlasAttributionControl(t);
  const home = new HomeControl(t, () => controller.fitPetr());
  const nav = new NavigationControl({ showCompass: false, visualizePitch: false });
  map.addControl(nav, 'top-right');
  map.addControl(home, 'top-right');
  // Bottom-right: the attribution, with the scale bar above it (clear of the side panel).
  map.addControl(attribution, 'bottom-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 130 }), 'bottom-right');

  /**
   * MapLibre reads its own words (the map's label, the zoom buttons', a popup's close button)
   * when the map and each control are made: after a language change, they are set again, or a
   * screen reader would still say « Zoomer » to a visitor reading in English.
   */
  function relabelMap(): void {
    Object.assign(map._locale, mapLocale(t));
    map.getCanvas().setAttribute('aria-label', map._getUIString('Map.Title'));
    nav._setButtonTitle(nav._zoomInButton, 'ZoomIn');
    nav._setButtonTitle(nav._zoomOutButton, 'ZoomOut');
  }

  // State.
  let manifest: DataManifest | null = null;
  let petrBbox: [number, number, number, number] = PETR_BBOX;
  /** The sites last given to setSites, and the feature id (`_fid`) of each. */
  let siteList: readonly Site[] = [];
  let fidByIndex: Int32Array = new Int32Array(0);
  /** Per feature id: 1 + the index in `siteList` of the site (0: none), for siteById. */
  let indexByFid: Int32Array = new Int32Array(0);
  /** Per site of `siteList`: 1 when the filters show it; null when every site is shown. */
  let shownMask: Uint8Array | null = null;
  /** Per feature id: 1 when the site is drawn hidden (feature-state `out: true`, what MapLibre holds, kept in step). */
  let outByFid = new Uint8Array(64);
  let outCount = 0;
  let selectedId: string | null = null;
  /** The site drawn by the highlight layers (source `sites-selection`), and its data. */
  let highlighted: { id: string | null; site: Site | null } = { id: null, site: null };
  let visible: LayerId[] = [...LAYER_IDS];
  let connectorState: { c: Connectors | null; from: Position | null } = { c: null, from: null };
  /** The connectors' source data last set (as JSON: a few features). */
  let connectorsDrawn: string | null = null;
  let userMoved = initial !== null;
  let silentMoves = 0;
  let lastView: MapView | null = null;
  let destroyed = false;
  let dataSet = false;
  let zonesDrawn = 0;
  /** From which zoom site symbols and names are drawn (dots below), from the density of the sites (for the test hooks: the tiles carry it). */
  let drawZooms: SiteDrawZooms = { symbols: 0, labels: SITE_LABEL_MIN_ZOOM };
  /** Some sites were cut: the site layers are shown (hidden before, see buildStyle). */
  let sitesCut = false;
  /** The last cut of the sites shown (for the test hooks). */
  let sitesVersion = 0;
  let overlay: ViewPadding = { top: 0, right: 0, bottom: 0, left: 0 };
  let ready = false;
  /** A `frameBounds` asked while the map had no size (hidden tab), done at the next resize. */
  let pendingFrame: (() => void) | null = null;

  /** New data for a GeoJSON source; its tiles fetched again if some were loading (see freshTiles.ts). */
  const setSource = (id: string, data: FeatureCollection) => refresher.setData(id, data);

  const basemap = new BasemapManager(
    map,
    (message) => emit('basemap-error', { message }),
    (on) => {
      // With the basemap, the outside of the PETR is dimmed, not hidden, and the EPCI tints are lighter.
      map.setPaintProperty(L.petrMask, 'fill-opacity', on ? 0.55 : 0.88);
      map.setPaintProperty(L.epciFill, 'fill-opacity', on ? 0.22 : EPCI_FILL_OPACITY);
      refreshAttribution();
    },
  );

  function refreshAttribution(): void {
    // Zone facts are not drawn until zones have outlines: only layers with something on the map count.
    const inUse = visible.filter((id) => id !== 'zones' || zonesDrawn > 0);
    attribution.update(attributionEntries(manifest, inUse, basemap.enabled ? 'ign' : 'none'));
  }

  function setRoissy(): void {
    roissyLabel = t('map.roissy.label');
    setSource(SOURCE_IDS.roissy, roissyFeatures(layers.roissy, roissyLabel));
  }

  /** Feature id (`_fid`) of each site id ever drawn: stable, so feature-state survives new site data. */
  const fids = new Map<string, number>();
  const fidOf = (id: string): number => {
    let n = fids.get(id);
    if (n === undefined) {
      n = fids.size + 1; // not 0: MapLibre treats a falsy id as no id
      fids.set(id, n);
    }
    return n;
  };
  /** The site of an id among the last ones given (the last of them, should two share it). */
  const siteById = (id: string): Site | undefined => {
    const f = fids.get(id);
    const i = f !== undefined && f < indexByFid.length ? indexByFid[f] : 0;
    return i ? siteList[i - 1] : undefined;
  };
  const OUT = { [SITE_STATE.out]: true };
  const IN = { [SITE_STATE.out]: false };
  function setOut(fid: number, out: boolean): void {
    if (fid >= outByFid.length) {
      const grown = new Uint8Array(Math.max(fid + 1, outByFid.length * 2));
      grown.set(outByFid);
      outByFid = grown;
    }
    if ((outByFid[fid] === 1) === out) return;
    outByFid[fid] = out ? 1 : 0;
    outCount += out ? 1 : -1;
    map.setFeatureState({ source: SOURCE_IDS.sites, sourceLayer: SITES_TILE_LAYER, id: fid }, out ? OUT : IN);
  }

  /**
   * Marks the sites the filters leave out with the feature-state `out` (the site layers draw
   * them with a zero opacity, see style/layers.ts), touching only the sites whose state
   * changes: no tile is reloaded. MapLibre keeps feature-state per id across `setData`, so
   * after new sites only the new differences are written (sites gone are reset by setSites).
   * Showing every site again after many were hidden is one call (`removeFeatureState` of the
   * whole source) rather than one per site.
   */
  /** Per site of `siteList`: 1 when its id is in `ids`. */
  function maskOfIds(ids: ReadonlySet<string>): Uint8Array {
    return Uint8Array.from(siteList, (x) => (ids.has(x.properties.id) ? 1 : 0));
  }

  function applyFilters(): void {
    const mask = shownMask;
    if (!mask && outCount > 64) {
      map.removeFeatureState({ source: SOURCE_IDS.sites, sourceLayer: SITES_TILE_LAYER });
      outByFid.fill(0);
      outCount = 0;
      return;
    }
    for (let i = 0; i < fidByIndex.length; i++) setOut(fidByIndex[i], mask !== null && mask[i] === 0);
  }

  /**
   * Puts the selected site, alone, in the highlight layers' source (replacing one feature
   * reloads only that tiny source; the sites source is not touched).
   */
  function applySelection(): void {
    const site = selectedId !== null ? (siteById(selectedId) ?? null) : null;
    if (highlighted.id === selectedId && highlighted.site === site) return;
    // An edit of a field the map does not draw (notes, price…): the highlight stays as it is
    // (new data would redraw the map at each keystroke).
    const same = highlighted.id === selectedId && site !== null && highlighted.site !== null && sameSiteOnMap(highlighted.site, site);
    highlighted = { id: selectedId, site };
    if (same) return;
    setSource(SOURCE_IDS.selection, site ? siteFeatures([site]) : EMPTY);
    applyDynamicVisibility();
  }

  /**
   * Sets the connectors' source, unless it holds the same already: they are computed again after
   * each edit of the selected site (new data would redraw the map at each keystroke).
   */
  function drawConnectors(): void {
    const fc = connectorFeatures(connectorState.c, connectorState.from, t);
    const json = JSON.stringify(fc);
    if (json === connectorsDrawn) return;
    connectorsDrawn = json;
    setSource(SOURCE_IDS.connectors, fc);
  }

  /** A site feature the map shows: not left out by the filters. */
  const shown = (f: MapGeoJSONFeature) => f.state?.[SITE_STATE.out] !== true;

  /** Shows or hides a map layer (no call when it already is: a layout change reloads the tiles of its source). */
  function setVisible(layer: string, on: boolean): void {
    const v = on ? 'visible' : 'none';
    if (map.getLayer(layer) && map.getLayoutProperty(layer, 'visibility') !== v) map.setLayoutProperty(layer, 'visibility', v);
  }

  /** Outlines of zones drawn only when some zone has one (a layer is `visible` only when its user-facing layer is on). */
  const ZONE_OUTLINE_LAYERS: readonly string[] = [L.zonesFill, L.zonesOutline];
  /** The layers drawn from the sites source (hidden in the style until the first cut). */
  const ON_SITES = new Set(style.layers.flatMap((l) => ('source' in l && l.source === SOURCE_IDS.sites ? [l.id] : [])));

  function applyVisibility(): void {
    for (const id of LAYER_IDS) {
      const on = visible.includes(id);
      for (const layer of LAYER_GROUPS[id])
        setVisible(layer, on && (zonesDrawn > 0 || !ZONE_OUTLINE_LAYERS.includes(layer)) && (sitesCut || !ON_SITES.has(layer)));
    }
    // Site labels follow whichever site layers are on.
    const labelsOn = visible.includes('friches') || visible.includes('sites');
    setVisible(L.sitesLabel, labelsOn && sitesCut);
    applyDynamicVisibility();
    refreshAttribution();
  }

  /**
   * The highlight and connector layers are drawn only when they have something to draw: MapLibre
   * draws the tile clipping masks of a line or fill layer's source on every frame, even when the
   * source is empty.
   */
  function applyDynamicVisibility(): void {
    for (const l of [L.selectedHalo, L.selectedFill, L.selectedPoint]) setVisible(l, highlighted.site !== null);
    const connectorsOn = connectorState.c !== null && connectorState.from !== null;
    for (const l of [L.connectors, L.connectorEnds, L.connectorLabels]) setVisible(l, connectorsOn);
  }

  function silently(fn: () => void): void {
    silentMoves++;
    fn();
    // jumpTo/fitBounds without animation fire moveend synchronously.
    silentMoves = Math.max(0, silentMoves - 1);
  }

  function currentView(): MapView {
    const c = map.getCenter();
    return roundView(c.lng, c.lat, map.getZoom());
  }

  function flyToSite(site: Site): void {
    const g = site.geometry;
    if (!g) return;
    userMoved = true;
    if (g.type === 'Point') {
      map.flyTo({
        center: g.coordinates as [number, number],
        zoom: Math.max(map.getZoom(), 13),
        duration: 900,
        essential: false,
        padding: siteFlyPadding(),
      });
    } else {
      const b = bboxOf({ type: 'FeatureCollection', features: [site] });
      if (b) map.fitBounds(b, { padding: siteFlyPadding(80), maxZoom: 16, duration: 900 });
    }
  }

  // Interaction.
  const popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '320px', className: 'atlas-map-popup', focusAfterOpen: false });

  /**
   * Opens the popup at `at`, fitted to what is seen of the map (the map may run below the
   * screen on a phone): never wider or taller than that, less a margin (its body scrolls, the
   * close button stays), then the map pans so the whole popup, close button included, is in
   * view — e.g. a phone held either way (375 px wide, or 375 px tall).
   */
  function openPopup(at: [number, number] | { lng: number; lat: number }, content: HTMLElement): void {
    const seen = visibleFrame();
    popup.setMaxWidth(`${Math.max(180, Math.min(320, seen.right - seen.left - 2 * POPUP_MARGIN))}px`);
    // Room for the popup's padding and tip.
    content.style.maxHeight = `${Math.max(100, seen.bottom - seen.top - 2 * POPUP_MARGIN - 50)}px`;
    popup.setLngLat(at).setDOMContent(content).addTo(map);
    const box = popup.getElement()?.getBoundingClientRect();
    if (!box) return;
    const m = POPUP_MARGIN;
    const dx = box.left < seen.left + m ? box.left - seen.left - m : box.right > seen.right - m ? box.right - seen.right + m : 0;
    const dy = box.top < seen.top + m ? box.top - seen.top - m : box.bottom > seen.bottom - m ? box.bottom - seen.bottom + m : 0;
    if (dx || dy) {
      userMoved = true;
      map.panBy([dx, dy], { duration: 250 });
    }
  }

  /** The part of the map's box that is on screen, in viewport pixels. */
  function visibleFrame(): { left: number; top: number; right: number; bottom: number } {
    const r = container.getBoundingClientRect();
    const vw = window.innerWidth || r.right;
    const vh = window.innerHeight || r.bottom;
    const frame = { left: Math.max(r.left, 0), top: Math.max(r.top, 0), right: Math.min(r.right, vw), bottom: Math.min(r.bottom, vh) };
    // A map mostly off screen (scrolled away): fit the popup to the map itself.
    return frame.bottom - frame.top < 120 || frame.right - frame.left < 120 ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : frame;
  }

  const clickableSiteLayers = () => SITE_LAYERS.filter((l) => map.getLayer(l) && map.getLayoutProperty(l, 'visibility') !== 'none');

  function siteAt(e: MapMouseEvent): MapGeoJSONFeature | null {
    const layersOn = clickableSiteLayers();
    if (!layersOn.length) return null;
    const tol = 6;
    const box: [[number, number], [number, number]] = [
      [e.point.x - tol, e.point.y - tol],
      [e.point.x + tol, e.point.y + tol],
    ];
    // Sites left out by the filters are still in the layers (drawn transparent): never hit them.
    const hits = map.queryRenderedFeatures(box, { layers: layersOn }).filter(shown);
    // Point symbols first (they sit above polygons).
    hits.sort((a, b) => Number(b.layer.type === 'symbol') - Number(a.layer.type === 'symbol'));
    return hits[0] ?? null;
  }

  map.on('click', (e) => {
    const site = siteAt(e);
    if (site) {
      const id = String(site.properties?.id ?? '');
      const full = siteById(id);
      if (full) {
        const anchor = full.geometry?.type === 'Point' ? (full.geometry.coordinates as [number, number]) : e.lngLat;
        openPopup(anchor, sitePopup(full.properties, t, (sid) => emit('sheet', sid)));
        emit('select', id);
      }
      return;
    }
    if (map.getLayer(L.communesFill) && map.getLayoutProperty(L.communesFill, 'visibility') !== 'none') {
      const communes = map.queryRenderedFeatures(e.point, { layers: [L.communesFill] });
      if (communes[0]) {
        openPopup(e.lngLat, communePopup(communes[0].properties ?? {}, t));
        return;
      }
    }
    popup.remove();
  });

  map.on('mousemove', (e) => {
    map.getCanvas().style.cursor = siteAt(e) ? 'pointer' : '';
  });

  container.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && popup.isOpen()) popup.remove();
  });

  // Until the user moves the map, keep the PETR fitted (the panel may be laid out, shown or
  // resized after the map was created, e.g. the map tab on a phone).
  map.on('resize', () => {
    if (pendingFrame && container.clientWidth && container.clientHeight) pendingFrame();
    else if (!userMoved && dataSet) silently(() => map.fitBounds(petrBbox, { padding: fitPadding(), animate: false }));
  });

  map.on('movestart', (e) => {
    if ((e as { originalEvent?: unknown }).originalEvent) userMoved = true;
  });
  map.on('moveend', () => {
    if (silentMoves > 0) return;
    const v = currentView();
    if (lastView && sameView(v, lastView)) return;
    lastView = v;
    emit('view', v);
  });

  function checkReady(): void {
    // The sites source, with its layers hidden until the first cut, asks no tile before it.
    if (ready || !dataSet || !sitesCut || destroyed) return;
    const ids = [SOURCE_IDS.base, SOURCE_IDS.sites];
    if (!ids.every((id) => map.isSourceLoaded(id))) return;
    ready = true;
    performance.mark('atlas-first-idle');
    // Browser tests and benches only: compiled out of `npm run build` (src/testHooksFlag.d.ts).
    if (typeof __ATLAS_TEST_HOOKS__ !== 'undefined' && __ATLAS_TEST_HOOKS__) installTestHooks(map, controller, {
      siteLayers: () => clickableSiteLayers(),
      shown,
      anchor: (id) => {
        const s = siteById(id);
        return s ? siteAnchorPoint(s.geometry) : null;
      },
      sitesVersion: () => sitesVersion,
      drawZooms: () => drawZooms,
      pendingRefresh: () => refresher.pending(),
    }, tileLoads);
  }
  map.on('idle', checkReady);

  const controller: AtlasMapController = {
    setData(newLayers: Record<string, FeatureCollection>, newManifest: DataManifest): void {
      manifest = newManifest;
      // The layers on the map already (the style was made with them) are not given again: new
      // data would lay out every tile of their sources again. A language change is setTranslate's.
      if (newLayers !== layers) {
        layers = newLayers;
        setSource(SOURCE_IDS.base, baseFeatures(layers));
        setRoissy();
      }
      const b = bboxOf(layers.petr);
      if (b) petrBbox = b;
      if (!userMoved) silently(() => map.fitBounds(petrBbox, { padding: fitPadding(), animate: false }));
      refreshAttribution();
      if (!dataSet) performance.mark('atlas-data-set');
      dataSet = true;
      map.triggerRepaint();
    },
    setZones(zones: ZoneRecord[]): void {
      const fc = zoneFeatures(zones);
      zonesDrawn = fc.features.length;
      setSource(SOURCE_IDS.zones, fc);
      applyVisibility();
    },
    setSites(sites: Site[]): void {
      const previous = fidByIndex;
      const previousSites = siteList;
      siteList = sites;
      // Cut into tiles by our worker, which also gives the zooms their density allows; not cut
      // again when the map draws them as the last ones (an edit of a field the map does not
      // draw): then the same ids at the same indexes, and the same fidByIndex.
      fidByIndex = siteTiles.setSites(sites, fidOf);
      if (fidByIndex !== previous) {
        indexByFid = new Int32Array(fids.size + 1);
        for (let i = 0; i < fidByIndex.length; i++) indexByFid[fidByIndex[i]] = i + 1;
      }
      // Sites gone are reset (their state would come back with them); the filter of the old
      // array does not fit the new one: until the next mask, the ids it showed stay shown.
      if (outCount) {
        const present = new Uint8Array(outByFid.length);
        for (const f of fidByIndex) if (f < present.length) present[f] = 1;
        for (const f of previous) if (!present[f]) setOut(f, false);
      }
      if (shownMask) {
        // Until the next filter: the sites shown before stay shown, new ones are hidden (as with ids).
        const shownIds = new Set<string>();
        for (let i = 0; i < previousSites.length; i++) if (shownMask[i]) shownIds.add(previousSites[i].properties.id);
        shownMask = maskOfIds(shownIds);
      }
      applyFilters();
      // The selected site may have been edited (or removed).
      applySelection();
    },
    setFilteredIds(ids: string[] | null): void {
      shownMask = ids ? maskOfIds(new Set(ids)) : null;
      applyFilters();
    },
    setShownMask(sites: readonly Site[], pass: Uint8Array | null): void {
      if (sites !== siteList) return;
      shownMask = pass && pass.length === sites.length ? pass : null;
      applyFilters();
    },
    setSelected(id: string | null, opts?: { fly?: boolean }): void {
      selectedId = id;
      applySelection();
      if (id && opts?.fly) {
        const s = siteById(id);
        if (s) flyToSite(s);
      }
    },
    setConnectors(c: Connectors | null, from: Position | null): void {
      connectorState = { c, from };
      drawConnectors();
      applyDynamicVisibility();
    },
    setLayerVisibility(ids: LayerId[]): void {
      visible = [...ids];
      applyVisibility();
    },
    setBasemap(b: Basemap): void {
      basemap.set(b);
    },
    setTranslate(nt: Translate): void {
      t = nt;
      attribution.setTranslate(t);
      home.setTranslate(t);
      relabelMap();
      // New data would lay out the roissy tiles again (and redraw): only when its label changes.
      if (roissyLabel !== null && t('map.roissy.label') !== roissyLabel) setRoissy();
      drawConnectors();
      popup.remove();
    },
    setViewPadding(p: Partial<ViewPadding>): void {
      const before = overlay;
      overlay = { ...overlay, ...p };
      const changed = (Object.keys(overlay) as (keyof ViewPadding)[]).some((k) => overlay[k] !== before[k]);
      if (changed && !userMoved && dataSet) silently(() => map.fitBounds(petrBbox, { padding: fitPadding(), animate: false }));
    },
    fitPetr(): void {
      userMoved = false;
      map.fitBounds(petrBbox, { padding: fitPadding(), duration: 700 });
    },
    frameBounds(bbox, opts): void {
      const [w, s, e, n] = bbox;
      if (![w, s, e, n].every(Number.isFinite)) return;
      userMoved = true;
      // A map not laid out yet (the map tab on a phone, about to be shown): frame it once it has a size.
      if (!container.clientWidth || !container.clientHeight) {
        pendingFrame = () => controller.frameBounds(bbox, opts);
        return;
      }
      pendingFrame = null;
      map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: fitPadding(), maxZoom: opts?.maxZoom ?? 15, duration: 700 },
      );
    },
    flyTo(view: MapView): void {
      userMoved = true;
      if (sameView(currentView(), view)) return;
      map.flyTo({ center: [view.lon, view.lat], zoom: view.zoom, duration: 800, essential: false });
    },
    on<E extends AtlasMapEvent>(event: E, cb: (payload: AtlasMapEvents[E]) => void): () => void {
      (listeners[event] as Set<typeof cb>).add(cb);
      return () => (listeners[event] as Set<typeof cb>).delete(cb);
    },
    getMap(): MapLibreMap {
      return map;
    },
    destroy(): void {
      if (destroyed) return;
      destroyed = true;
      popup.remove();
      basemap.destroy();
      siteTiles.destroy();
      refresher.destroy();
      if (typeof __ATLAS_TEST_HOOKS__ !== 'undefined' && __ATLAS_TEST_HOOKS__) uninstallTestHooks(map);
      map.remove();
      unregisterGlyphs();
      for (const s of Object.values(listeners)) s.clear();
    },
  };

  /** Padding when flying to a site: keeps it clear of the overlays when there is room. */
  function siteFlyPadding(m = 0): ViewPadding {
    const w = container.clientWidth;
    const roomy = overlay.left + overlay.right < w * 0.5;
    return {
      top: m + (roomy ? overlay.top : 0),
      right: m + (roomy ? overlay.right : 0),
      bottom: m + (roomy ? overlay.bottom : 0),
      left: m + (roomy ? overlay.left : 0),
    };
  }

  /** Padding for fitting the PETR: a margin, plus the overlays, unless the map is too small for that. */
  function fitPadding(): ViewPadding {
    const w = container.clientWidth;
    const h = container.clientHeight;
    const m = w < 600 ? 16 : 36;
    const p = { top: m + overlay.top, right: m + overlay.right, bottom: m + overlay.bottom, left: m + overlay.left };
    if (p.left + p.right > w * 0.6) {
      p.left = m;
      p.right = m;
    }
    if (p.top + p.bottom > h * 0.6) {
      p.top = m;
      p.bottom = m;
    }
    return p;
  }

  applyVisibility();
  applySelection();
  return controller;
}

