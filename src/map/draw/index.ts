/**
 * Drawing tools for curation (terra-draw on MapLibre): draw a plot (polygon), place a
 * point, or edit an existing geometry (move the shape, drag / add / remove vertices).
 *
 * The controller knows nothing about sites: it reports finished geometries through
 * `on('change', cb)` and the curation UI puts them into the form.
 *
 * - Polygon: click to add vertices, click the first vertex (or press Enter) to close;
 *   Escape cancels.
 * - Point: one click.
 * - Edit: drag a vertex to move it, drag a midpoint to add one, right-click a vertex
 *   to remove it, drag inside the shape to move it whole. MultiPolygons are edited part
 *   by part and reassembled.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import {
  TerraDraw,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  ValidateNotSelfIntersecting,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

export type DrawGeometry = Point | Polygon | MultiPolygon;
export type DrawMode = 'idle' | 'polygon' | 'point' | 'edit';

export interface DrawChange {
  geometry: DrawGeometry;
  /** 'draw' when a new shape was finished, 'edit' when an existing one was modified. */
  action: 'draw' | 'edit';
}

export interface DrawControllerOptions {
  /** Colour of the drawn shapes (hex). */
  color?: `#${string}`;
  /** Called whenever the mode changes (e.g. back to 'idle' after a shape is finished). */
  onModeChange?: (mode: DrawMode) => void;
}

export interface DrawController {
  /** Starts drawing a polygon; the finished polygon is reported with action 'draw'. */
  startPolygon(): void;
  /** Starts placing a point; the placed point is reported with action 'draw'. */
  startPoint(): void;
  /** Shows `feature`'s geometry in edit mode; every modification is reported with action 'edit'. */
  edit(feature: { geometry: DrawGeometry }): void;
  /** Leaves any drawing/edit mode and clears the temporary shapes. */
  stop(): void;
  /**
   * « Terminer » while drawing a polygon: closes it as Enter does. terra-draw refuses a shape
   * with fewer than three vertices (or crossing itself) and drawing goes on: then, or when no
   * polygon is being drawn, returns false.
   */
  closePolygon(): boolean;
  on(event: 'change', cb: (c: DrawChange) => void): () => void;
  mode(): DrawMode;
  destroy(): void;
}

/** A vertex drag ends with terra-draw's 'finish'; other edits (vertex removal) settle after this. */
const EDIT_DEBOUNCE_MS = 400;

export function createDrawController(map: MapLibreMap, opts: DrawControllerOptions = {}): DrawController {
  const color = opts.color ?? '#b35c00';
  const listeners = new Set<(c: DrawChange) => void>();
  let draw: TerraDraw | null = null;
  let ready = false;
  let pending: (() => void) | null = null;
  let currentMode: DrawMode = 'idle';
  /** Ids of the features being edited, in part order (several for a MultiPolygon). */
  let editIds: (string | number)[] = [];
  let editKind: 'Point' | 'Polygon' | 'MultiPolygon' | null = null;
  let lastEmitted = '';
  let editTimer: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;

  /** The click that ends a drawing arrives after terra-draw's pointerup: swallow it too. */
  let swallowUntil = 0;
  const setMode = (m: DrawMode) => {
    if (m === 'idle' && currentMode !== 'idle') swallowUntil = performance.now() + 400;
    currentMode = m;
    opts.onModeChange?.(m);
  };
  // While drawing or editing, a click belongs to the drawing: keep it from the atlas's own
  // click handlers (site selection, popups). terra-draw listens to pointer events, not clicks.
  const canvas = map.getCanvas();
  const swallowClick = (e: MouseEvent) => {
    if (currentMode !== 'idle' || performance.now() < swallowUntil) e.stopPropagation();
  };
  canvas.addEventListener('click', swallowClick);
  const emit = (c: DrawChange) => {
    for (const cb of [...listeners]) cb(c);
  };

  function init() {
    if (draw || destroyed) return;
    const polygonStyles = {
      fillColor: color,
      fillOpacity: 0.2,
      outlineColor: color,
      outlineWidth: 2,
      closingPointColor: color,
      closingPointOutlineColor: '#ffffff',
      closingPointWidth: 6,
      coordinatePointColor: color,
      coordinatePointWidth: 4,
      coordinatePointOutlineColor: '#ffffff',
      coordinatePointOutlineWidth: 1,
    } as const;
    draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 7 }),
      modes: [
        new TerraDrawPolygonMode({
          styles: polygonStyles,
          validation: (feature, ctx) =>
            ctx.updateType === 'finish' ? ValidateNotSelfIntersecting(feature) : { valid: true },
        }),
        new TerraDrawPointMode({ styles: { pointColor: color, pointWidth: 7, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
        new TerraDrawSelectMode({
          flags: {
            polygon: {
              feature: {
                draggable: true,
                coordinates: { midpoints: true, draggable: true, deletable: true },
              },
            },
            point: { feature: { draggable: true } },
          },
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          allowManualDeselection: false,
          styles: {
            selectedPolygonColor: color,
            selectedPolygonFillOpacity: 0.25,
            selectedPolygonOutlineColor: color,
            selectedPolygonOutlineWidth: 2,
            selectionPointColor: color,
            selectionPointWidth: 5,
            selectionPointOutlineColor: '#ffffff',
            selectionPointOutlineWidth: 2,
            midPointColor: '#ffffff',
            midPointOutlineColor: color,
            midPointWidth: 4,
            midPointOutlineWidth: 2,
            selectedPointColor: color,
            selectedPointWidth: 7,
            selectedPointOutlineColor: '#ffffff',
            selectedPointOutlineWidth: 2,
          },
        }),
      ],
    });
    draw.on('ready', () => {
      ready = true;
      const p = pending;
      pending = null;
      p?.();
    });
    draw.on('finish', (id, ctx) => {
      if (!draw) return;
      if (ctx.mode === 'polygon' || ctx.mode === 'point') {
        const f = draw.getSnapshotFeature(id);
        if (!f) return;
        const geometry = f.geometry as DrawGeometry;
        // The shape now lives in the site (and on the atlas layer): clear the sketch.
        draw.clear();
        draw.setMode('static');
        setMode('idle');
        emit({ geometry, action: 'draw' });
      } else if (currentMode === 'edit') {
        flushEdit();
      }
    });
    draw.on('change', (_ids, type) => {
      if (currentMode !== 'edit' || (type !== 'update' && type !== 'delete')) return;
      if (editTimer) clearTimeout(editTimer);
      editTimer = setTimeout(flushEdit, EDIT_DEBOUNCE_MS);
    });
    draw.start();
  }

  function editedGeometry(): DrawGeometry | null {
    if (!draw) return null;
    const parts = editIds.map((id) => draw!.getSnapshotFeature(id)).filter((f): f is GeoJSONStoreFeatures => !!f);
    if (!parts.length) return null;
    if (editKind === 'Point') return parts[0].geometry as Point;
    if (editKind === 'Polygon') return parts[0].geometry as Polygon;
    return { type: 'MultiPolygon', coordinates: parts.map((p) => (p.geometry as Polygon).coordinates) };
  }

  function flushEdit() {
    if (editTimer) {
      clearTimeout(editTimer);
      editTimer = null;
    }
    const g = editedGeometry();
    if (!g) return;
    const key = JSON.stringify(g.coordinates);
    if (key === lastEmitted) return;
    lastEmitted = key;
    emit({ geometry: g, action: 'edit' });
  }

  function whenReady(fn: () => void) {
    if (destroyed) return;
    if (!draw) {
      if (map.isStyleLoaded()) init();
      else {
        pending = fn;
        map.once('load', init);
        return;
      }
    }
    if (ready) fn();
    else pending = fn;
  }

  function reset() {
    if (editTimer) {
      clearTimeout(editTimer);
      editTimer = null;
    }
    editIds = [];
    editKind = null;
    lastEmitted = '';
    if (draw && ready) {
      draw.clear();
      draw.setMode('static');
    }
  }

  return {
    startPolygon() {
      whenReady(() => {
        reset();
        draw!.setMode('polygon');
        setMode('polygon');
      });
    },
    startPoint() {
      whenReady(() => {
        reset();
        draw!.setMode('point');
        setMode('point');
      });
    },
    edit(feature) {
      const geometry = feature.geometry;
      whenReady(() => {
        reset();
        const polygons: Position[][][] =
          geometry.type === 'MultiPolygon' ? geometry.coordinates : geometry.type === 'Polygon' ? [geometry.coordinates] : [];
        const features: GeoJSONStoreFeatures[] =
          geometry.type === 'Point'
            ? [{ type: 'Feature', id: draw!.getFeatureId(), geometry, properties: { mode: 'point' } }]
            : polygons.map((coordinates) => ({
                type: 'Feature',
                id: draw!.getFeatureId(),
                geometry: { type: 'Polygon', coordinates },
                properties: { mode: 'polygon' },
              }));
        draw!.setMode('select');
        const results = draw!.addFeatures(features);
        editIds = results.filter((r) => r.valid).map((r) => r.id as string | number);
        editKind = geometry.type;
        lastEmitted = JSON.stringify(geometry.coordinates);
        if (editIds.length === 1) draw!.selectFeature(editIds[0]);
        setMode('edit');
      });
    },
    stop() {
      pending = null;
      if (currentMode === 'edit') flushEdit();
      reset();
      setMode('idle');
    },
    closePolygon() {
      if (currentMode !== 'polygon') return false;
      // terra-draw closes a polygon on Enter (its keyup listener sits on the map canvas).
      canvas.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true }));
      return currentMode !== 'polygon';
    },
    on(_event, cb) {
      listeners.add(cb);
      return () => {
        listeners.delete(cb);
      };
    },
    mode: () => currentMode,
    destroy() {
      destroyed = true;
      canvas.removeEventListener('click', swallowClick);
      pending = null;
      listeners.clear();
      if (editTimer) clearTimeout(editTimer);
      try {
        if (draw?.enabled) draw.stop();
      } catch {
        // The map may already be gone.
      }
      draw = null;
    },
  };
}
