/**
 * The map's GeoJSON sources: their ids, their empty initial state, and the few derived
 * collections the style needs (the mask outside the PETR, label points for communes and
 * EPCI, site features enriched with their readiness level and status key).
 * Pure functions (no MapLibre): they run in Node for the unit tests.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { Site, ZoneRecord } from '../domain/types';
import { readinessLevel } from '../domain/readiness';
import { epciColors, fricheStatusKey } from './style/palette';
import { labelPoint, signedArea } from '../domain/labelPoint';

export const SOURCE_IDS = {
  petr: 'petr',
  petrMask: 'petr-mask',
  epci: 'epci',
  epciLabels: 'epci-labels',
  communes: 'communes',
  communeLabels: 'communes-labels',
  sites: 'sites',
  /** The selected site alone (the highlight layers): a one-feature source, cheap to replace. */
  selection: 'sites-selection',
  zones: 'zones',
  rn2: 'rn2',
  waterway: 'waterway',
  rail: 'rail',
  stations: 'stations',
  ite: 'ite',
  lgv: 'lgv',
  roissy: 'roissy',
  connectors: 'connectors',
  basemap: 'ign-plan',
  /** The static reference layers, merged (see MERGED_SOURCES). */
  base: 'base',
} as const;

/** Sources filled straight from a data layer of the same id. */
export const DIRECT_SOURCES = ['petr', 'epci', 'communes', 'rn2', 'waterway', 'rail', 'stations', 'ite', 'lgv', 'roissy'] as const;

/**
 * Static reference layers drawn from one GeoJSON source, `base`: each feature carries the id of
 * its logical source in `_layer`, and each style layer filters on it. One source instead of
 * twelve: the worker builds one set of tiles instead of twelve, and MapLibre draws the tile
 * clipping masks (stencil) of a source again each time the layer order switches source, which
 * with twelve interleaved sources was about a third of each frame's draw calls.
 * (The Roissy source stays apart: its label follows the language, and it has symbols only.)
 */
export const MERGED_SOURCES: readonly string[] = [
  SOURCE_IDS.petrMask,
  SOURCE_IDS.epci,
  SOURCE_IDS.communes,
  SOURCE_IDS.petr,
  SOURCE_IDS.waterway,
  SOURCE_IDS.lgv,
  SOURCE_IDS.rail,
  SOURCE_IDS.rn2,
  SOURCE_IDS.stations,
  SOURCE_IDS.ite,
  SOURCE_IDS.epciLabels,
  SOURCE_IDS.communeLabels,
];

/** The feature property naming a merged feature's logical source. */
export const MERGED_KEY = '_layer';

/** The feature property of an EPCI's fill colour (`epciColors`: by SIREN, stable across loads). */
export const EPCI_FILL_KEY = '_fill';

/**
 * The `base` source's data: the reference layers, the mask outside the PETR and the label points
 * of communes and EPCI, each feature tagged with its logical source (`_layer`).
 */
export function baseFeatures(layers: Record<string, FeatureCollection>): FeatureCollection {
  const parts: Record<string, FeatureCollection | undefined> = {
    ...layers,
    [SOURCE_IDS.petrMask]: maskOutside(layers.petr),
    [SOURCE_IDS.communeLabels]: labelPoints(layers.communes),
    [SOURCE_IDS.epciLabels]: labelPoints(layers.epci),
  };
  // Each EPCI outline carries its fill (EPCI_FILL_KEY): a colour in the data, not a style
  // expression set with the data (a data-driven paint change would lay out the base tiles again).
  const fills = epciColors((layers.epci?.features ?? []).map((f) => String(f.properties?.epci_siren ?? '')));
  const features: Feature[] = [];
  for (const id of MERGED_SOURCES) {
    for (const f of parts[id]?.features ?? []) {
      const fill = id === SOURCE_IDS.epci ? fills.get(String(f.properties?.epci_siren ?? '')) : undefined;
      features.push({ ...f, properties: { ...f.properties, [MERGED_KEY]: id, ...(fill ? { [EPCI_FILL_KEY]: fill } : {}) } });
    }
  }
  return { type: 'FeatureCollection', features };
}

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

type Poly = Polygon | MultiPolygon;

function outerRings(g: Poly): Position[][] {
  return g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
}

/** A world-sized polygon with the PETR's outer rings as holes: dims everything outside the territory. */
export function maskOutside(petr: FeatureCollection | undefined): FeatureCollection {
  const holes: Position[][] = [];
  for (const f of petr?.features ?? []) {
    const g = f.geometry;
    if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) holes.push(...outerRings(g));
  }
  if (!holes.length) return EMPTY;
  const world: Position[] = [
    [-179, -85],
    [179, -85],
    [179, 85],
    [-179, 85],
    [-179, -85],
  ];
  return {
    type: 'FeatureCollection',
    // The world ring is counter-clockwise; holes must wind the other way.
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [world, ...holes.map((r) => (signedArea(r) > 0 ? [...r].reverse() : r))] },
      },
    ],
  };
}

/** One point per polygon feature, carrying the feature's properties, for labels. */
export function labelPoints(fc: FeatureCollection | undefined): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const f of fc?.features ?? []) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    features.push({ type: 'Feature', properties: { ...f.properties }, geometry: { type: 'Point', coordinates: labelPoint(g) } });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The geometry the sites map draws for a site: its own, or with `zoneMarkers` a zone's marker (one
 * point; its outline is drawn by the zones layer). Undefined when the map draws none: a zone known
 * only at EPCI or territory level, whose geometry is an area no point stands for.
 */
export function siteMapGeometry(s: Site, zoneMarkers: boolean): Site['geometry'] | undefined {
  const p = s.properties;
  if (!zoneMarkers || p.kind !== 'zone') return s.geometry;
  const precision = p.location_precision ?? 'exact';
  if ((precision !== 'exact' && precision !== 'commune') || s.geometry.type === 'Point') return undefined;
  return { type: 'Point', coordinates: labelPoint(s.geometry) };
}

/**
 * The properties the style reads of a site, besides its id, name and feature id, in this order:
 * `kind`; `fictitious` only when true; a friche's status (`_status`) or any other site's readiness
 * level (`_level`), each only its own; a zone's precision (`_precision`, for zones' markers).
 * Points and polygons are told apart by the style's `geometry-type`. `set` gets each of them: the
 * map's features (siteFeatures) and the columns sent to the site tiles worker
 * (siteTiles/siteColumns.ts) are built from this one list.
 */
export function siteStyleProps(p: Site['properties'], set: (key: string, value: string | boolean) => void): void {
  set('kind', p.kind);
  if (p.fictitious === true) set('fictitious', true);
  if (p.kind === 'friche') set('_status', fricheStatusKey(p.friche_status));
  else set('_level', readinessLevel(p));
  if (p.kind === 'zone') set('_precision', p.location_precision ?? 'exact');
}

/**
 * Site features as the style reads them: the site's id, name, the properties of siteStyleProps,
 * and with `fid`, `_fid`: a positive integer per site id, which the map's sites source promotes to
 * the feature id (`promoteId`), the key of the feature-state that hides the sites left out by the
 * filters. An integer, not the site id itself: MapLibre hashes string ids (murmur3) on every
 * feature-state lookup of every tile, and two ids could collide.
 * (The sites source itself gets the same as columns, built straight from the sites:
 * siteTiles/siteColumns.ts; these features serve the selection's source.)
 */
export function siteFeatures(sites: readonly Site[], fid?: (id: string) => number, opts: { zoneMarkers?: boolean } = {}): FeatureCollection {
  const features: Feature[] = [];
  for (const s of sites) {
    const geometry = siteMapGeometry(s, opts.zoneMarkers === true);
    if (!geometry) continue;
    const p = s.properties;
    // MapLibre drops nested objects/arrays in expressions; keep the scalars the style needs, and
    // only those: every property goes to the site tiles worker and is kept in each tile, so at
    // 100,000 sites each one costs.
    const properties: Record<string, unknown> = { id: p.id, name: p.name };
    siteStyleProps(p, (key, value) => (properties[key] = value));
    if (fid) properties._fid = fid(p.id);
    features.push({ type: 'Feature', geometry, properties });
  }
  return { type: 'FeatureCollection', features };
}

/** Zones that already have an outline (none until curation digitises them). */
export function zoneFeatures(zones: readonly ZoneRecord[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: zones
      .filter((z) => z.geometry)
      .map((z) => ({ type: 'Feature', geometry: z.geometry!, properties: { zone_id: z.zone_id, name: z.name, kind: z.kind } })),
  };
}
