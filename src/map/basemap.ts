/**
 * Optional online basemap: IGN Géoplateforme "Plan IGN" WMTS raster tiles. Off by default.
 * When tiles cannot be loaded (offline), the basemap is removed and `onError` is called once
 * per attempt; the map keeps working without it.
 */
import type { Map as MapLibreMap, MapSourceDataEvent, ErrorEvent } from 'maplibre-gl';
import { SOURCE_IDS } from './sources';
import { L } from './style/layers';
import { IGN_ATTRIBUTION } from './controls/attribution';

export const IGN_TILES =
  'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&FORMAT=image/png';

/** How long to wait for a first tile before declaring the basemap unavailable. */
const FIRST_TILE_TIMEOUT_MS = 12000;

export class BasemapManager {
  private on = false;
  private failed = false;
  /** Once a tile has arrived, a later failed tile is a glitch, not an outage. */
  private gotTile = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly handleError = (e: ErrorEvent & { sourceId?: string }) => {
    if (e.sourceId === SOURCE_IDS.basemap && !this.gotTile) this.fail(e.error?.message ?? 'tile error');
  };
  private readonly handleData = (e: MapSourceDataEvent) => {
    if (e.sourceId === SOURCE_IDS.basemap && e.dataType === 'source' && e.tile) {
      this.gotTile = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
  };

  constructor(
    private readonly map: MapLibreMap,
    private readonly onError: (message: string) => void,
    private readonly onChange: (on: boolean) => void,
  ) {
    map.on('error', this.handleError);
    map.on('sourcedata', this.handleData);
  }

  get enabled(): boolean {
    return this.on;
  }

  set(b: 'none' | 'ign'): void {
    if (b === 'ign') this.enable();
    else this.disable();
  }

  private enable(): void {
    if (this.on) return;
    this.on = true;
    this.failed = false;
    this.gotTile = false;
    const map = this.map;
    if (!map.getSource(SOURCE_IDS.basemap)) {
      map.addSource(SOURCE_IDS.basemap, {
        type: 'raster',
        tiles: [IGN_TILES],
        tileSize: 256,
        minzoom: 0,
        maxzoom: 19,
        attribution: IGN_ATTRIBUTION,
      });
    }
    if (!map.getLayer(L.basemap)) {
      map.addLayer({ id: L.basemap, type: 'raster', source: SOURCE_IDS.basemap, paint: { 'raster-opacity': 0.9 } }, L.petrMask);
    }
    this.timer = setTimeout(() => this.fail('timeout'), FIRST_TILE_TIMEOUT_MS);
    this.onChange(true);
  }

  private disable(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.on) return;
    this.on = false;
    const map = this.map;
    if (map.getLayer(L.basemap)) map.removeLayer(L.basemap);
    if (map.getSource(SOURCE_IDS.basemap)) map.removeSource(SOURCE_IDS.basemap);
    this.onChange(false);
  }

  private fail(message: string): void {
    if (!this.on || this.failed) return;
    this.failed = true;
    this.disable();
    this.onError(message);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.map.off('error', this.handleError);
    this.map.off('sourcedata', this.handleData);
  }
}
