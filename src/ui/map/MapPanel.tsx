/**
 * The atlas map panel: creates the map controller (src/map) and binds it to the store —
 * data, sites, filters, selection, visible layers, basemap and view — and renders the
 * accessible overlays (layer switcher, legend, notices, text alternative).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { createAtlasMap, siteAnchorPoint, type AtlasMapController } from '../../map';
import { setAtlasMap } from '../../map/registry';
import type { MapView } from '../../domain/types';
import { computeDetailed } from '../../data/distances/client';
import { useAtlas, type AtlasState } from '../../state/store';
import { prefetchAtlasData } from '../../state/bootstrap';
import { selectAllSites, selectFilterResult } from '../../state/selectors';
import { formatNumber, useT } from '../i18n';
import { focusMain } from '../shared/focusMain';
import { LayerSwitcher } from './LayerSwitcher';
import { Legend } from './Legend';
import { countLabel, filteredSuffix, legendCountsOf, realCountLabel } from './counts';
import { pendingSites } from './pendingSites';
import './mapPanel.css';

/** Screens wide enough to show the layers and legend panel open at start (it covers ~270 px of the map). */
export const PANEL_OPEN_QUERY = '(min-width: 1600px)';

function sameView(a: MapView | null, b: MapView | null): boolean {
  if (!a || !b) return a === b;
  return Math.abs(a.lon - b.lon) < 1e-5 && Math.abs(a.lat - b.lat) < 1e-5 && Math.abs(a.zoom - b.zoom) < 0.01;
}

export function MapPanel() {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const manifest = useAtlas((s) => s.manifest);
  const layers = useAtlas((s) => s.layers);
  const zones = useAtlas((s) => s.zones);
  // Memoised store selectors: the same arrays the list and the counts use (filtered once per change).
  const sites = useAtlas(selectAllSites);
  const result = useAtlas(selectFilterResult);
  const selectedId = useAtlas((s) => s.selectedId);
  const visibleLayers = useAtlas((s) => s.visibleLayers);
  const basemap = useAtlas((s) => s.basemap);
  const view = useAtlas((s) => s.view);

  const containerRef = useRef<HTMLDivElement>(null);
  const sideRef = useRef<HTMLDivElement>(null);
  const [ctrl, setCtrl] = useState<AtlasMapController | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Layers and legend float over the map: open only where the map has room for them (a wide
  // screen); elsewhere one click on « Couches · Légende » opens them.
  const [panelOpen, setPanelOpen] = useState(() => typeof window === 'undefined' || window.matchMedia?.(PANEL_OPEN_QUERY).matches !== false);
  const [legendOpen, setLegendOpen] = useState(true);
  const [layersOpen, setLayersOpen] = useState(true);
  const tRef = useRef(t);
  tRef.current = t;
  /** The last view the map reported: store changes equal to it come from the map itself. */
  const reportedView = useRef<MapView | null>(null);
  /** Selection made by a click on the map: no need to fly there. */
  const selectedFromMap = useRef<string | null>(null);
  /** Gives the map the sites now when their push is still due (see pendingSites). */
  const flushSitesRef = useRef<(() => void) | null>(null);
  /**
   * A view restored from the URL at mount (a shared link with `v=`) wins over the selection
   * of the same link: the first selection given to the map does not fly to the site. Later
   * selections from the list fly as usual.
   */
  const keepRestoredView = useRef(useAtlas.getState().view !== null);
  const hasZones = useMemo(() => zones.some((z) => z.geometry), [zones]);
  // The legend and the text alternative count what the map shows: the filtered sites.
  const counts = useMemo(() => legendCountsOf(layers, manifest, result), [layers, manifest, result]);

  // Create the map once.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    let cancelled = false;
    let created: AtlasMapController | null = null;
    createAtlasMap(el, { t: tRef.current, initialView: useAtlas.getState().view, dataReady: prefetchAtlasData() })
      .then((c) => {
        if (cancelled) {
          c.destroy();
          return;
        }
        created = c;
        c.on('select', (id) => {
          selectedFromMap.current = id;
          useAtlas.getState().select(id);
        });
        c.on('view', (v) => {
          reportedView.current = v;
          useAtlas.getState().setView(v);
        });
        // « Fiche du site » in a popup: the atlas's own sheet.
        c.on('sheet', (id) => {
          useAtlas.getState().setPage({ name: 'site', id });
          window.scrollTo(0, 0);
          focusMain();
        });
        c.on('basemap-error', () => {
          setNotice(tRef.current('map.basemap.error'));
          useAtlas.getState().setBasemap('none');
        });
        setAtlasMap(c.getMap());
        // Rendered and its effects run now (flushSync: a sync render flushes its passive effects
        // before returning), so the data, sites, padding and visible layers reach the map in
        // this task, before its first frame: not one or two frames later, after a scheduled
        // render (those frames drew the empty map; at 100,000 sites the worker waited for them).
        flushSync(() => setCtrl(c));
      })
      .catch((e: unknown) => {
        if (!cancelled) setMapError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
      if (created) {
        setAtlasMap(null);
        created.destroy();
      }
      setCtrl(null);
    };
  }, []);

  useEffect(() => {
    ctrl?.setTranslate(t);
  }, [ctrl, t]);

  // Keep the PETR and the flown-to sites clear of the layer/legend panel.
  useEffect(() => {
    const side = sideRef.current;
    if (!ctrl || !side) return;
    const update = () => ctrl.setViewPadding({ left: panelOpen ? side.offsetWidth + 10 : 0 });
    update();
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(update) : null;
    ro?.observe(side);
    return () => ro?.disconnect();
  }, [ctrl, panelOpen]);

  // Data, zones, sites and the filter result go to the map straight from the store, as soon as
  // they change: the map starts its work (tiles in its worker, the next frame) before React
  // renders the list and the filters with them, instead of after. Later changes of the sites
  // (drafts, an import, the sample) reach the map in a task of their own, right after the one
  // where React renders them (see pendingSites): the two no longer add up in one long task.
  useEffect(() => {
    if (!ctrl) return;
    const last: { layers?: unknown; manifest?: unknown; zones?: unknown; sites?: unknown; result?: unknown } = {};
    const pushSites = (s: AtlasState) => {
      const all = selectAllSites(s);
      if (all !== last.sites) ctrl.setSites((last.sites = all));
      // Per-site flags of the filter result, aligned with the sites just given to the map.
      const r = selectFilterResult(s);
      if (r !== last.result) {
        last.result = r;
        ctrl.setShownMask(r.table.sites, r.count === r.table.n ? null : r.pass);
      }
    };
    const pending = pendingSites(() => pushSites(useAtlas.getState()));
    const push = (s: AtlasState) => {
      if (s.status === 'ready' && s.manifest && (s.layers !== last.layers || s.manifest !== last.manifest)) {
        last.layers = s.layers;
        last.manifest = s.manifest;
        ctrl.setData(s.layers, s.manifest);
      }
      if (s.zones !== last.zones) ctrl.setZones((last.zones = s.zones));
      // A push is due: it takes the latest sites and filter result when it runs.
      if (pending.due()) return;
      if (last.sites !== undefined && selectAllSites(s) !== last.sites) pending.schedule();
      else pushSites(s);
    };
    push(useAtlas.getState());
    flushSitesRef.current = pending.flush;
    const unsubscribe = useAtlas.subscribe(push);
    return () => {
      unsubscribe();
      pending.cancel();
      flushSitesRef.current = null;
    };
  }, [ctrl]);

  useEffect(() => {
    if (!ctrl) return;
    const fromMap = selectedFromMap.current === selectedId;
    selectedFromMap.current = null;
    const initial = keepRestoredView.current;
    keepRestoredView.current = false;
    // A site just added (a new draft, an import) is on the map before it is selected and flown to.
    flushSitesRef.current?.();
    ctrl.setSelected(selectedId, { fly: !fromMap && !initial });
  }, [ctrl, selectedId]);

  // Connectors from the selected site to the nearest RN2, waterway and station points.
  useEffect(() => {
    if (!ctrl) return;
    const site = selectedId ? sites.find((s) => s.properties.id === selectedId) : undefined;
    if (!site?.geometry) {
      ctrl.setConnectors(null, null);
      return;
    }
    let stale = false;
    const from = siteAnchorPoint(site.geometry);
    computeDetailed(site.geometry)
      .then((d) => {
        if (!stale) ctrl.setConnectors({ rn2: d.rn2, waterway: d.waterway, station: d.station }, from);
      })
      .catch(() => {
        if (!stale) ctrl.setConnectors(null, null);
      });
    return () => {
      stale = true;
    };
  }, [ctrl, selectedId, sites]);

  useEffect(() => {
    ctrl?.setLayerVisibility(visibleLayers);
  }, [ctrl, visibleLayers]);

  useEffect(() => {
    ctrl?.setBasemap(basemap);
  }, [ctrl, basemap]);

  // « Zoomer sur les résultats », a commune or EPCI chosen in the filters (requests made after mount).
  const frameRequest = useAtlas((s) => s.frameRequest);
  const lastFrame = useRef(useAtlas.getState().frameRequest?.seq ?? 0);
  useEffect(() => {
    if (!ctrl || !frameRequest || frameRequest.seq === lastFrame.current) return;
    lastFrame.current = frameRequest.seq;
    ctrl.frameBounds(frameRequest.bbox);
  }, [ctrl, frameRequest]);

  // External view changes only (e.g. URL restored, "zoom to" from the list).
  useEffect(() => {
    if (!ctrl || !view) return;
    if (sameView(view, reportedView.current)) return;
    reportedView.current = view;
    ctrl.flyTo(view);
  }, [ctrl, view]);

  const fmt = (n: number) => formatNumber(locale, n);
  const description = t('map.description', {
    communes: countLabel(t, 'communes', counts.communes, fmt),
    epci: countLabel(t, 'epci', counts.epci, fmt),
    friches: realCountLabel(t, 'friches', counts.friches, counts.fictitiousFriches, fmt) + filteredSuffix(t, counts.filtered, counts.allFriches, fmt),
    plots: counts.plots ? t('map.description.plots', { plots: realCountLabel(t, 'plots', counts.plots, counts.fictitiousPlots, fmt) + filteredSuffix(t, counts.filtered, counts.allPlots, fmt) }) : '',
  });

  return (
    <div className="atlas-map" role="region" aria-label={t('map.region.label')} aria-describedby="atlas-map-desc">
      <p id="atlas-map-desc" className="sr-only">
        {description}
      </p>
      <div ref={containerRef} className="atlas-map-canvas" data-testid="atlas-map" />
      {!ctrl && !mapError && <p className="atlas-map-status">{t('map.loading')}</p>}
      {mapError && (
        <p className="atlas-map-status atlas-map-error" role="alert">
          {t('map.error', { message: mapError })}
        </p>
      )}
      <div className="atlas-map-notice-area" role="status" aria-live="polite">
        {notice && (
          <div className="atlas-map-notice" data-testid="basemap-notice">
            <p>{notice}</p>
            <button type="button" onClick={() => setNotice(null)} aria-label={t('map.notice.dismiss')} title={t('map.notice.dismiss')}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        )}
      </div>
      <div ref={sideRef} className={`atlas-map-side ${panelOpen ? 'is-open' : 'is-closed'}`}>
        <button
          type="button"
          className="atlas-map-side-toggle"
          aria-expanded={panelOpen}
          aria-controls="atlas-map-side-body"
          onClick={() => setPanelOpen((o) => !o)}
        >
          <span aria-hidden="true" className="atlas-map-side-icon" />
          {t('map.panel.layers')} · {t('map.panel.legend')}
        </button>
        <div id="atlas-map-side-body" className="atlas-map-side-body" hidden={!panelOpen}>
          <section className="atlas-map-card" aria-labelledby="atlas-map-layers-title">
            <h2 id="atlas-map-layers-title">
              <button type="button" aria-expanded={layersOpen} onClick={() => setLayersOpen((o) => !o)}>
                {t('map.panel.layers')}
              </button>
            </h2>
            {layersOpen && <LayerSwitcher hasZones={hasZones} />}
          </section>
          <section className="atlas-map-card" aria-labelledby="atlas-map-legend-title" data-testid="map-legend">
            <h2 id="atlas-map-legend-title">
              <button type="button" aria-expanded={legendOpen} onClick={() => setLegendOpen((o) => !o)}>
                {t('map.panel.legend')}
              </button>
            </h2>
            {legendOpen && <Legend counts={counts} epci={layers.epci} />}
          </section>
        </div>
      </div>
    </div>
  );
}
