/** Public types of the map controller (the contract other features code against). */
import type { FeatureCollection, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { DataManifest, LayerId, MapView, NetworkDistance, Site, ZoneRecord } from '../domain/types';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export type Basemap = 'none' | 'ign';

export interface AtlasMapOptions {
  /** Translation function (keys `map.*`, registered by src/ui/map/messages.ts). */
  t: Translate;
  /** View to open on (e.g. restored from the URL); null/undefined fits the PETR. */
  initialView?: MapView | null;
  /**
   * Resolves (or fails) when the atlas data has arrived: the map is created then, not before.
   * Until the data is here a MapLibre map only draws empty frames, and on a 2-core machine with
   * a software renderer each of them takes CPU from the download, the parse and the worker.
   * Its reference layers go into the style itself (given after it, with `setData`, every tile of
   * their sources was loaded twice: empty, then with the data); `setData` with the same layers
   * object then sets no data again.
   */
  dataReady?: Promise<{ layers: Record<string, FeatureCollection> }>;
}

export interface ViewPadding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Connectors {
  rn2?: NetworkDistance | null;
  waterway?: NetworkDistance | null;
  station?: NetworkDistance | null;
}

export interface AtlasMapEvents {
  /** A site was clicked on the map (its id). */
  select: string;
  /** The view after a move (rounded: lon/lat 5 decimals, zoom 2). */
  view: MapView;
  /** The online basemap could not be loaded; it has been switched off. */
  'basemap-error': { message: string };
  /** « Fiche du site » was clicked in a site's popup (the site's id). */
  sheet: string;
}

export type AtlasMapEvent = keyof AtlasMapEvents;

export interface AtlasMapController {
  setData(layers: Record<string, FeatureCollection>, manifest: DataManifest): void;
  /** Replaces the set of sites drawn (real + fictitious sample + drafts). Not for filtering. */
  setSites(sites: Site[]): void;
  /** Draws the zones that have an outline (records without geometry are skipped). */
  setZones(zones: ZoneRecord[]): void;
  /**
   * Shows exactly these sites (null = all). The others are hidden through feature-state (no
   * tile is rebuilt) and cannot be clicked; `window.__atlas.renderedSiteIds()` leaves them out.
   */
  setFilteredIds(ids: string[] | null): void;
  /**
   * The same, from per-site flags: `pass[i]` is 1 when `sites[i]` is shown, for the array last
   * given to `setSites` (null = all shown). Cheaper than ids at scale: only the sites whose flag
   * changed are touched. With another array than the last `setSites` one, nothing is done.
   */
  setShownMask(sites: readonly Site[], pass: Uint8Array | null): void;
  setSelected(id: string | null, opts?: { fly?: boolean }): void;
  /** Connector lines from `from` to the nearest RN2, waterway and station points (null clears). */
  setConnectors(c: Connectors | null, from: Position | null): void;
  setLayerVisibility(visible: LayerId[]): void;
  setBasemap(b: Basemap): void;
  /** Updates the translation function (language switch): labels, attribution, later popups. */
  setTranslate(t: Translate): void;
  /**
   * Screen space covered by overlays (e.g. the layer/legend panel), in px: fitting the PETR
   * and flying to a site keep their target clear of it.
   */
  setViewPadding(p: Partial<ViewPadding>): void;
  fitPetr(): void;
  flyTo(view: MapView): void;
  /**
   * Frames a bounding box [west, south, east, north] (WGS 84), clear of the overlays, not
   * closer than `maxZoom` (default 15: a single site or a small commune stays in context).
   */
  frameBounds(bbox: [number, number, number, number], opts?: { maxZoom?: number }): void;
  on<E extends AtlasMapEvent>(event: E, cb: (payload: AtlasMapEvents[E]) => void): () => void;
  getMap(): MapLibreMap;
  destroy(): void;
}
