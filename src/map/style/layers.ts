/**
 * The style's layers, bottom to top, and which map layers each user-facing layer (LayerId)
 * switches on and off. Layer ids are stable: the browser tests and other features use them.
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { LayerId } from '../../domain/types';
import { EPCI_FILL_KEY, MERGED_KEY, MERGED_SOURCES, SOURCE_IDS } from '../sources';
import { DRAW_FLAGS, SITE_LABEL_MIN_ZOOM } from '../drawZooms';
import { FONT_BOLD, FONT_ITALIC, FONT_REGULAR } from './glyphs';
import {
  CDG_ICON,
  COLORS,
  FRICHE_STATUSES,
  HATCH_PATTERN,
  ITE_ICON,
  READINESS_STYLES,
  ROISSY_ICON,
  SHIELD_ICON,
  STATION_ICON,
  dotHoleColor,
  fictitiousIcon,
} from './palette';

export const L = {
  background: 'background',
  basemap: 'ign-basemap',
  petrMask: 'petr-mask',
  epciFill: 'epci-fill',
  zonesFill: 'zones-fill',
  zonesOutline: 'zones-outline',
  communesFill: 'communes-fill',
  communesOutline: 'communes-outline',
  epciOutline: 'epci-outline',
  petrCasing: 'petr-outline-casing',
  petrOutline: 'petr-outline',
  waterway: 'waterway-line',
  lgv: 'lgv-line',
  railCasing: 'rail-casing',
  rail: 'rail-line',
  rn2Casing: 'rn2-casing',
  rn2: 'rn2-line',
  fricheFill: 'sites-friche-fill',
  fricheHatch: 'sites-friche-hatch',
  fricheOutline: 'sites-friche-outline',
  plotFill: 'sites-plot-fill',
  plotHatch: 'sites-plot-hatch',
  plotOutline: 'sites-plot-outline',
  selectedFill: 'sites-selected-outline',
  selectedHalo: 'sites-selected-halo',
  selectedPoint: 'sites-selected-point',
  connectors: 'connectors-line',
  connectorEnds: 'connectors-end',
  epciLabel: 'epci-label',
  waterwayLabel: 'waterway-label',
  rn2Shield: 'rn2-shield',
  communesLabel: 'communes-label',
  stations: 'stations-symbol',
  stationsLabel: 'stations-label',
  ite: 'ite-symbol',
  iteLabel: 'ite-label',
  roissyMark: 'roissy-mark',
  roissyLabel: 'roissy-label',
  roissyStation: 'roissy-station',
  roissyStationLabel: 'roissy-station-label',
  friches: 'sites-friche-symbol',
  plotPoints: 'sites-plot-point',
  fricheDots: 'sites-friche-dot',
  fricheDotHoles: 'sites-friche-dot-hole',
  plotDots: 'sites-plot-dot',
  plotDotHoles: 'sites-plot-dot-hole',
  zonePoints: 'sites-zone-point',
  sitesLabel: 'sites-label',
  connectorLabels: 'connectors-label',
} as const;

/** Map layers that draw sites (for clicks, filters and `renderedSiteIds`). */
export const SITE_LAYERS = [L.friches, L.plotPoints, L.fricheDots, L.plotDots, L.zonePoints, L.plotFill, L.plotHatch, L.plotOutline, L.fricheFill, L.fricheHatch, L.fricheOutline] as const;
/**
 * Site layers that hide the sites left out by the filters. They are not re-filtered: the
 * controller sets the feature-state `out` on the sites that the filters leave out and these
 * layers draw such sites with a zero opacity (see `unlessOut`). A `setFilter` would make
 * MapLibre reload and re-lay out every tile of the sites source on each change (0.6–3 s with
 * the 24,000 national friches); a feature-state change only rewrites the paint attributes of
 * the sites whose state changed.
 */
export const FILTERED_SITE_LAYERS = [
  L.friches,
  L.plotPoints,
  L.fricheDots,
  L.fricheDotHoles,
  L.plotDots,
  L.plotDotHoles,
  L.zonePoints,
  L.plotFill,
  L.plotHatch,
  L.plotOutline,
  L.fricheFill,
  L.fricheHatch,
  L.fricheOutline,
  L.sitesLabel,
] as const;

/**
 * Circles that stand for the point sites below the zoom where their symbols are safe (too many
 * sites in one tile overflow MapLibre's symbol buckets; circles have no such limit and need no
 * placement). That zoom follows the density of the sites (src/domain/density.ts, ../drawZooms.ts):
 * the site tiles flag their features with it (DRAW_FLAGS), and these layers' filters read the flag.
 */
export const SITE_DOT_LAYERS = [L.fricheDots, L.fricheDotHoles, L.plotDots, L.plotDotHoles] as const;
/** Site layers drawn only from the zoom the density allows (symbols; their filters read DRAW_FLAGS too). */
export const SITE_SYMBOL_LAYERS = [L.friches, L.plotPoints] as const;

/** Site names show from this zoom (later when the sites are too dense for their glyphs): see ../drawZooms.ts. */
export { SITE_LABEL_MIN_ZOOM };

/** Feature-state key the controller sets on the sites source (feature id = site id). */
export const SITE_STATE = { out: 'out' } as const;

const isOut: ExpressionSpecification = ['boolean', ['feature-state', SITE_STATE.out], false];

const isZoom = (e: unknown) => Array.isArray(e) && e.length === 1 && e[0] === 'zoom';

/**
 * Maps the outputs of a value, keeping a zoom curve at the top level (MapLibre only accepts
 * `['zoom']` as the input of a top-level `step` / `interpolate`).
 */
function mapOutputs(v: number | ExpressionSpecification, fn: (out: unknown) => unknown): ExpressionSpecification {
  if (Array.isArray(v)) {
    const e = v as unknown[];
    if (e[0] === 'step' && isZoom(e[1])) {
      // ['step', input, out0, stop1, out1, …]: outputs at 2, 4, 6…
      return e.map((x, i) => (i >= 2 && i % 2 === 0 ? fn(x) : x)) as ExpressionSpecification;
    }
    if (typeof e[0] === 'string' && e[0].startsWith('interpolate') && isZoom(e[2])) {
      // ['interpolate', type, input, stop1, out1, …]: outputs at 4, 6…
      return e.map((x, i) => (i >= 4 && i % 2 === 0 ? fn(x) : x)) as ExpressionSpecification;
    }
  }
  return fn(v) as ExpressionSpecification;
}

/** An opacity that is `normal`, or 0 for a site the filters leave out (feature-state `out`). */
export function unlessOut(normal: number | ExpressionSpecification): ExpressionSpecification {
  return mapOutputs(normal, (x) => ['case', isOut, 0, x]);
}

/** Which map layers each user-facing layer controls. */
export const LAYER_GROUPS: Record<LayerId, string[]> = {
  petr: [L.petrMask, L.petrCasing, L.petrOutline],
  epci: [L.epciFill, L.epciOutline, L.epciLabel],
  communes: [L.communesFill, L.communesOutline, L.communesLabel],
  friches: [L.fricheFill, L.fricheHatch, L.fricheOutline, L.friches, L.fricheDots, L.fricheDotHoles],
  sites: [L.plotFill, L.plotHatch, L.plotOutline, L.plotPoints, L.plotDots, L.plotDotHoles],
  zones: [L.zonesFill, L.zonesOutline, L.zonePoints],
  rn2: [L.rn2Casing, L.rn2, L.rn2Shield],
  waterway: [L.waterway, L.waterwayLabel],
  rail: [L.railCasing, L.rail],
  stations: [L.stations, L.stationsLabel],
  ite: [L.ite, L.iteLabel],
  lgv: [L.lgv],
  roissy: [L.roissyMark, L.roissyLabel, L.roissyStation, L.roissyStationLabel],
};

const isFriche: FilterSpecification = ['==', ['get', 'kind'], 'friche'];
const isPlot: FilterSpecification = ['==', ['get', 'kind'], 'plot'];
/** A site drawn as a polygon (site features carry no kind of geometry: MapLibre knows it). */
const isPolygon: ExpressionSpecification = ['!=', ['geometry-type'], 'Point'];
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const isFictitious: ExpressionSpecification = ['==', ['get', 'fictitious'], true];
/** A fictitious site (its `fictitious` property): the site sheet's minimap marks it as the map does. */
export const IS_FICTITIOUS = isFictitious;
/** The outline of a site polygon: dashed when the site is fictitious. */
export const SITE_OUTLINE_DASH: ExpressionSpecification = ['case', isFictitious, ['literal', [2, 1.5]], ['literal', [1, 0]]];
const isPlotPolygon: FilterSpecification = ['all', isPlot as ExpressionSpecification, isPolygon];
const isFrichePolygon: FilterSpecification = ['all', isFriche as ExpressionSpecification, isPolygon];

/**
 * Whether the tile's zoom draws site symbols (dots below) and site names: flags the site tiles
 * give every feature from the density of the sites (../drawZooms.ts, DRAW_FLAGS). First in each
 * filter: a tile that does not draw the layer rejects each feature at once.
 */
const symbolsHere: ExpressionSpecification = ['==', ['get', DRAW_FLAGS.symbols], 1];
const dotsHere: ExpressionSpecification = ['==', ['get', DRAW_FLAGS.symbols], 0];
const labelsHere: ExpressionSpecification = ['==', ['get', DRAW_FLAGS.labels], 1];

/** Filters of the site layers (by kind and geometry; the filters of the atlas go through feature-state). */
export const SITE_BASE_FILTERS: Record<(typeof FILTERED_SITE_LAYERS)[number], FilterSpecification> = {
  // Every friche and every plot has a symbol (polygons too: small plots vanish at low zoom),
  // from the zoom the density allows.
  [L.friches]: ['all', symbolsHere, isFriche as ExpressionSpecification],
  [L.plotPoints]: ['all', symbolsHere, isPlot as ExpressionSpecification],
  // Dots below that zoom, for point sites only (a circle layer would draw one circle per polygon vertex; polygons keep their fill).
  [L.fricheDots]: ['all', dotsHere, isFriche as ExpressionSpecification, isPoint],
  [L.plotDots]: ['all', dotsHere, isPlot as ExpressionSpecification, isPoint],
  // The centre of a fictitious site's dot (hollow): fictitious point sites only.
  [L.fricheDotHoles]: ['all', dotsHere, isFriche as ExpressionSpecification, isPoint, isFictitious],
  [L.plotDotHoles]: ['all', dotsHere, isPlot as ExpressionSpecification, isPoint, isFictitious],
  // One marker per zone: filled when the zone has an outline, hollow when it is located only at its commune.
  [L.zonePoints]: ['==', ['get', 'kind'], 'zone'],
  [L.plotFill]: isPlotPolygon,
  [L.plotHatch]: ['all', isPlotPolygon as ExpressionSpecification, isFictitious],
  [L.plotOutline]: isPlotPolygon,
  [L.fricheFill]: isFrichePolygon,
  [L.fricheHatch]: ['all', isFrichePolygon as ExpressionSpecification, isFictitious],
  [L.fricheOutline]: isFrichePolygon,
  [L.sitesLabel]: ['has', 'id'],
};

/**
 * The colour of a site by `key` (its level or status), through `f`: the disc's colour as it is,
 * or the centre that hollows a fictitious site's dot (`dotHoleColor`).
 */
function siteColor(key: '_level' | '_status', colors: readonly { key: string; color: string }[], fallback: string, f = (c: string) => c): ExpressionSpecification {
  return ['match', ['get', key], ...colors.flatMap((c) => [c.key, f(c.color)]), f(fallback)] as unknown as ExpressionSpecification;
}

const LEVEL_COLORS = READINESS_STYLES.map((r) => ({ key: r.level, color: r.color }));
const levelColor = siteColor('_level', LEVEL_COLORS, '#7b7b7b');
const levelHoleColor = siteColor('_level', LEVEL_COLORS, '#7b7b7b', dotHoleColor);

/**
 * The icon of a site by `key` (its level or status), the fictitious variant of it (striped,
 * dashed outline: style/images.ts) for a fictitious site: the colour and shape keep their meaning.
 */
function siteIcon(key: string, icons: { key: string; icon: string }[], fallback: string): ExpressionSpecification {
  const byKey = (fictitious: boolean) =>
    ['match', ['get', key], ...icons.flatMap((s) => [s.key, fictitious ? fictitiousIcon(s.icon) : s.icon]), fictitious ? fictitiousIcon(fallback) : fallback] as unknown as ExpressionSpecification;
  return ['case', isFictitious, byKey(true), byKey(false)];
}

const levelIcon = siteIcon('_level', READINESS_STYLES.map((r) => ({ key: r.level, icon: r.icon })), 'plot-inconnu');

const fricheColor = siteColor('_status', FRICHE_STATUSES, '#8c8c8c');
const fricheHoleColor = siteColor('_status', FRICHE_STATUSES, '#8c8c8c', dotHoleColor);

const fricheIcon = siteIcon('_status', FRICHE_STATUSES, 'friche-autre');

/**
 * Sizes (px) of the site dots at zooms 6, 10 and 14 (linear in between): the radius of the disc of
 * the site's colour, the width of the dark edge around it, and the radius of the centre
 * that makes a fictitious site's dot hollow. The legend's dot (ui/map/Swatch.tsx) is drawn from them.
 */
export const DOT_SIZES = {
  6: { radius: 1.8, edge: 0.8, hole: 0.9 },
  10: { radius: 3.5, edge: 1, hole: 2 },
  14: { radius: 5, edge: 1.2, hole: 2.8 },
} as const;

const dotCurve = (key: keyof (typeof DOT_SIZES)[6]): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], ...Object.entries(DOT_SIZES).flatMap(([z, s]) => [Number(z), s[key]])] as unknown as ExpressionSpecification;

/**
 * The paint of the dots (point sites at dense zooms) of the colour `color`: a disc of that colour
 * in a dark edge (COLORS.siteOutline, at least 3:1 against every background of the map, WCAG
 * 1.4.11: tests/unit/map/dotContrast.test.ts). A fictitious site's dot is the same, hollowed by a
 * centre drawn over it (`dotHolePaint`): circle layers have no pattern nor dashes. Only the
 * colour and the opacities depend on the feature (each such property is a per-vertex attribute).
 */
function dotPaint(color: ExpressionSpecification) {
  return {
    'circle-radius': dotCurve('radius'),
    'circle-color': color,
    'circle-stroke-color': COLORS.siteOutline,
    'circle-stroke-width': dotCurve('edge'),
    'circle-opacity': unlessOut(1),
    'circle-stroke-opacity': unlessOut(1),
  };
}

/**
 * The centre over a fictitious site's dot (its layer's filter keeps fictitious point sites only):
 * white, or dark on a light disc (`siteColor` through `dotHoleColor`).
 */
function dotHolePaint(color: ExpressionSpecification) {
  return { 'circle-radius': dotCurve('hole'), 'circle-color': color, 'circle-opacity': unlessOut(1) };
}

/** The EPCI fill: the colour each EPCI feature carries (sources.ts, `epciColors` by SIREN), grey without one. */
export const EPCI_FILL_COLOR: ExpressionSpecification = ['to-color', ['coalesce', ['get', EPCI_FILL_KEY], '#dddddd']];

const pop: ExpressionSpecification = ['to-number', ['get', 'population'], 0];

const labelText = (size: ExpressionSpecification | number) => ({ 'text-size': size });

/** Every layer of the style, bottom to top (the basemap raster is inserted below `petr-mask` when on). */
export function buildLayers(): LayerSpecification[] {
  return onMergedSources(logicalLayers());
}

/**
 * Layers of a logical source listed in MERGED_SOURCES read the `base` source instead, filtered
 * on the features' `_layer` (and on their own filter, when they have one).
 */
function onMergedSources(layers: LayerSpecification[]): LayerSpecification[] {
  return layers.map((l) => {
    const src = 'source' in l ? (l.source as string) : null;
    if (!src || !MERGED_SOURCES.includes(src)) return l;
    const own: ExpressionSpecification = ['==', ['get', MERGED_KEY], src];
    const filter = 'filter' in l && l.filter ? (['all', own, l.filter as ExpressionSpecification] as FilterSpecification) : own;
    return { ...l, source: SOURCE_IDS.base, filter } as LayerSpecification;
  });
}

function logicalLayers(): LayerSpecification[] {
  const S = SOURCE_IDS;
  return [
    { id: L.background, type: 'background', paint: { 'background-color': COLORS.background } },
    {
      id: L.petrMask,
      type: 'fill',
      source: S.petrMask,
      // No antialiasing outline: the PETR outline is drawn over the edge (one draw call less per tile).
      paint: { 'fill-color': COLORS.mask, 'fill-opacity': 0.88, 'fill-antialias': false },
    },
    {
      id: L.epciFill,
      type: 'fill',
      source: S.epci,
      paint: {
        'fill-color': EPCI_FILL_COLOR,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 8, 0.42, 12, 0.26, 15, 0.12],
        // The EPCI outline is drawn over the edges.
        'fill-antialias': false,
      },
    },
    {
      id: L.zonesFill,
      type: 'fill',
      source: S.zones,
      paint: { 'fill-color': '#6c5b7b', 'fill-opacity': 0.18 },
    },
    {
      id: L.zonesOutline,
      type: 'line',
      source: S.zones,
      paint: { 'line-color': '#6c5b7b', 'line-width': 1.5, 'line-dasharray': [3, 2] },
    },
    {
      // Invisible fill: makes the whole commune clickable.
      id: L.communesFill,
      type: 'fill',
      source: S.communes,
      paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
    },
    {
      id: L.communesOutline,
      type: 'line',
      source: S.communes,
      paint: {
        'line-color': COLORS.communeOutline,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 11, 0.8, 14, 1.4],
        'line-opacity': 0.9,
      },
    },
    {
      id: L.epciOutline,
      type: 'line',
      source: S.epci,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.epciOutline,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.1, 12, 2.2],
      },
    },
    {
      id: L.petrCasing,
      type: 'line',
      source: S.petr,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 4, 12, 7], 'line-opacity': 0.9 },
    },
    {
      id: L.petrOutline,
      type: 'line',
      source: S.petr,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.petrOutline, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.8, 12, 3] },
    },
    {
      id: L.waterway,
      type: 'line',
      source: S.waterway,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': COLORS.water,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.6, 11, 2.6, 14, 5],
      },
    },
    {
      id: L.lgv,
      type: 'line',
      source: S.lgv,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.lgv,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.6, 12, 3],
        'line-dasharray': [3, 1.5],
      },
    },
    {
      id: L.railCasing,
      type: 'line',
      source: S.rail,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.rail, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 2.4, 12, 4.5] },
    },
    {
      id: L.rail,
      type: 'line',
      source: S.rail,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#ffffff',
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 12, 2.4],
        'line-dasharray': [3, 3],
      },
    },
    {
      id: L.rn2Casing,
      type: 'line',
      source: S.rn2,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': COLORS.roadCasing, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 3, 12, 6, 15, 10] },
    },
    {
      id: L.rn2,
      type: 'line',
      source: S.rn2,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': COLORS.road, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.8, 12, 4, 15, 7.5] },
    },
    {
      id: L.fricheFill,
      type: 'fill',
      source: S.sites,
      filter: SITE_BASE_FILTERS[L.fricheFill],
      paint: { 'fill-color': fricheColor, 'fill-opacity': unlessOut(0.4) },
    },
    {
      id: L.fricheHatch,
      type: 'fill',
      source: S.sites,
      filter: SITE_BASE_FILTERS[L.fricheHatch],
      paint: { 'fill-pattern': HATCH_PATTERN, 'fill-opacity': unlessOut(1) },
    },
    {
      id: L.fricheOutline,
      type: 'line',
      source: S.sites,
      filter: SITE_BASE_FILTERS[L.fricheOutline],
      paint: {
        'line-color': COLORS.siteOutline,
        'line-width': 1.2,
        'line-opacity': unlessOut(1),
        'line-dasharray': SITE_OUTLINE_DASH,
      },
    },
    {
      id: L.plotFill,
      type: 'fill',
      source: S.sites,
      filter: SITE_BASE_FILTERS[L.plotFill],
      paint: { 'fill-color': levelColor, 'fill-opacity': unlessOut(0.55) },
    },
    {
      id: L.plotHatch,
      type: 'fill',
      source: S.sites,
      filter: SITE_BASE_FILTERS[L.plotHatch],
      paint: { 'fill-pattern': HATCH_PATTERN, 'fill-opacity': unlessOut(1) },
    },
    {
      id: L.plotOutline,
      type: 'line',
      source: S.sites,
      filter: SITE_BASE_FILTERS[L.plotOutline],
      paint: {
        'line-color': COLORS.siteOutline,
        'line-width': 1.3,
        'line-opacity': unlessOut(1),
        'line-dasharray': SITE_OUTLINE_DASH,
      },
    },
    {
      // The selection highlight has its own one-feature source (the controller puts the selected
      // site in it), not a feature-state on the sites source: MapLibre re-evaluates every
      // state-dependent paint property of a source's layers for each site whose state changes,
      // whatever the key, so highlight layers over all the sites would double the cost of each
      // filter change (and their hidden features would answer queryRenderedFeatures).
      id: L.selectedHalo,
      type: 'line',
      source: S.selection,
      filter: isPolygon,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.selectionHalo, 'line-width': 7, 'line-opacity': 0.85 },
    },
    {
      id: L.selectedFill,
      type: 'line',
      source: S.selection,
      filter: isPolygon,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.selection, 'line-width': 3.5 },
    },
    {
      id: L.selectedPoint,
      type: 'circle',
      source: S.selection,
      filter: isPoint,
      paint: {
        'circle-radius': 15,
        'circle-color': 'rgba(255,176,0,0.25)',
        'circle-stroke-color': COLORS.selection,
        'circle-stroke-width': 3.5,
      },
    },
    {
      id: L.connectors,
      type: 'line',
      source: S.connectors,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round' },
      paint: {
        'line-color': ['coalesce', ['get', 'color'], '#333333'],
        'line-width': 2.2,
        'line-dasharray': [2, 1.5],
      },
    },
    {
      id: L.connectorEnds,
      type: 'circle',
      source: S.connectors,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 4,
        'circle-color': '#ffffff',
        'circle-stroke-color': ['coalesce', ['get', 'color'], '#333333'],
        'circle-stroke-width': 2,
      },
    },
    // Dense sites: circles below the zoom where symbols are safe (the tiles say where: DRAW_FLAGS),
    // each kind's fictitious ones hollowed by a centre (white, dark on light discs) drawn just over them.
    ...(
      [
        [L.fricheDots, L.fricheDotHoles, fricheColor, fricheHoleColor],
        [L.plotDots, L.plotDotHoles, levelColor, levelHoleColor],
      ] as const
    ).flatMap(([id, holes, color, holeColor]) =>
      (
        [
          [id, dotPaint(color)],
          [holes, dotHolePaint(holeColor)],
        ] as const
      ).map(([layerId, paint]) => ({
        id: layerId,
        type: 'circle' as const,
        source: S.sites,
        filter: SITE_BASE_FILTERS[layerId],
        paint,
      })),
    ),
    // Site symbols sit under the labels (names stay legible, with their halo, over dense clusters).
    {
      id: L.plotPoints,
      type: 'symbol',
      source: S.sites,
      filter: SITE_BASE_FILTERS[L.plotPoints],
      layout: {
        'icon-image': levelIcon,
        'icon-anchor': 'bottom',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 12, 1],
      },
      paint: {
        // A polygon plot keeps its pin until its outline is large enough to read.
        'icon-opacity': unlessOut(['step', ['zoom'], 1, 14, ['case', isPolygon, 0, 1]]),
      },
    },
    {
      id: L.zonePoints,
      type: 'circle',
      source: S.sites,
      filter: SITE_BASE_FILTERS[L.zonePoints],
      paint: {
        'circle-radius': ['case', ['==', ['get', '_precision'], 'commune'], 9, 7],
        'circle-color': ['case', ['==', ['get', '_precision'], 'commune'], '#ffffff', COLORS.zone],
        'circle-stroke-color': COLORS.zone,
        'circle-stroke-width': ['case', ['==', ['get', '_precision'], 'commune'], 3, 2],
        'circle-opacity': unlessOut(['case', ['==', ['get', '_precision'], 'commune'], 0.75, 1]),
        'circle-stroke-opacity': unlessOut(1),
      },
    },
    {
      id: L.friches,
      type: 'symbol',
      source: S.sites,
      filter: SITE_BASE_FILTERS[L.friches],
      layout: {
        'icon-image': fricheIcon,
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.75, 12, 1, 15, 1.15],
        'symbol-sort-key': ['match', ['get', '_status'], 'reconvertie', 1, 'avec_projet', 2, 'sans_projet', 3, 4],
      },
      paint: { 'icon-opacity': unlessOut(1) },
    },
    {
      id: L.epciLabel,
      type: 'symbol',
      source: S.epciLabels,
      maxzoom: 10.2,
      layout: {
        'text-field': ['get', 'epci_name'],
        'text-font': [FONT_BOLD],
        ...labelText(['interpolate', ['linear'], ['zoom'], 8, 11, 10, 13] as ExpressionSpecification),
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.08,
        'text-max-width': 9,
        'text-line-height': 1.15,
        'text-padding': 4,
      },
      paint: {
        'text-color': '#3b4450',
        'text-halo-color': 'rgba(255,255,255,0.9)',
        'text-halo-width': 1.6,
        'text-opacity': ['interpolate', ['linear'], ['zoom'], 9.6, 1, 10.2, 0],
      },
    },
    {
      id: L.waterwayLabel,
      type: 'symbol',
      source: S.waterway,
      minzoom: 9,
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 320,
        'text-field': ['get', 'name'],
        'text-font': [FONT_ITALIC],
        'text-size': ['interpolate', ['linear'], ['zoom'], 9, 11, 13, 13.5],
        'text-letter-spacing': 0.04,
        'text-max-angle': 30,
        'text-offset': [0, -0.75],
      },
      paint: { 'text-color': COLORS.waterLabel, 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.5 },
    },
    {
      id: L.rn2Shield,
      type: 'symbol',
      source: S.rn2,
      filter: ['!=', ['get', 'carriageway'], 'G'],
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': ['interpolate', ['linear'], ['zoom'], 8, 220, 12, 420],
        'text-field': ['coalesce', ['get', 'ref'], 'N2'],
        'text-font': [FONT_BOLD],
        'text-size': 11,
        'text-rotation-alignment': 'viewport',
        'icon-image': SHIELD_ICON,
        'icon-text-fit': 'both',
        'icon-text-fit-padding': [1, 4, 1, 4],
        'icon-rotation-alignment': 'viewport',
        'symbol-sort-key': 1,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: L.communesLabel,
      type: 'symbol',
      source: S.communeLabels,
      minzoom: 8.6,
      layout: {
        // Below zoom 10 only the larger towns are named; from zoom 10 every commune.
        'text-field': ['step', ['zoom'], ['case', ['>=', pop, 1500], ['get', 'name'], ''], 10, ['get', 'name']],
        'text-font': ['case', ['>=', pop, 5000], ['literal', [FONT_BOLD]], ['literal', [FONT_REGULAR]]],
        'text-size': [
          'interpolate',
          ['linear'],
          ['zoom'],
          8.6,
          ['case', ['>=', pop, 5000], 12, 10.5],
          13,
          ['case', ['>=', pop, 5000], 16, 13.5],
        ],
        'text-max-width': 8,
        'text-padding': 3,
        // Centred on the commune when there is room, else beside the site symbols.
        'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
        'text-radial-offset': 0.9,
        'symbol-sort-key': ['-', 0, pop],
      },
      paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.labelHalo, 'text-halo-width': 1.6, 'text-halo-blur': 0.3 },
    },
    {
      id: L.stations,
      type: 'symbol',
      source: S.stations,
      layout: {
        'icon-image': STATION_ICON,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.75, 12, 1.1],
        'icon-allow-overlap': true,
        // Small marks: they must not push the commune names away.
        'icon-ignore-placement': true,
      },
    },
    {
      id: L.stationsLabel,
      type: 'symbol',
      source: S.stations,
      minzoom: 9.8,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [FONT_REGULAR],
        'text-size': ['interpolate', ['linear'], ['zoom'], 10, 10.5, 13, 12.5],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.8,
        'text-justify': 'auto',
        'text-max-width': 9,
      },
      paint: { 'text-color': COLORS.rail, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: L.ite,
      type: 'symbol',
      source: S.ite,
      layout: {
        'icon-image': ITE_ICON,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.75, 12, 1.1],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    {
      id: L.iteLabel,
      type: 'symbol',
      source: S.ite,
      minzoom: 11,
      layout: {
        'text-field': ['concat', ['get', 'name'], ' (ITE)'],
        'text-font': [FONT_ITALIC],
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 10, 14, 12],
        'text-variable-anchor': ['right', 'left', 'bottom', 'top'],
        'text-radial-offset': 0.8,
        'text-justify': 'auto',
        'text-max-width': 9,
      },
      paint: { 'text-color': COLORS.ite, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: L.roissyMark,
      type: 'symbol',
      source: S.roissy,
      filter: ['==', ['get', 'kind'], 'computed_line_crossing'],
      layout: { 'icon-image': ROISSY_ICON, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
    },
    {
      id: L.roissyLabel,
      type: 'symbol',
      source: S.roissy,
      filter: ['==', ['get', 'kind'], 'computed_line_crossing'],
      layout: {
        'text-field': ['get', '_label'],
        'text-font': [FONT_BOLD],
        'text-size': 11.5,
        'text-anchor': 'left',
        'text-offset': [1.6, 0],
        'text-max-width': 14,
        'text-justify': 'left',
        'text-allow-overlap': true,
      },
      paint: { 'text-color': COLORS.roissy, 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
    },
    {
      id: L.roissyStation,
      type: 'symbol',
      source: S.roissy,
      filter: ['==', ['get', 'kind'], 'station_reference'],
      layout: { 'icon-image': CDG_ICON, 'icon-allow-overlap': true },
    },
    {
      id: L.roissyStationLabel,
      type: 'symbol',
      source: S.roissy,
      filter: ['==', ['get', 'kind'], 'station_reference'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [FONT_REGULAR],
        'text-size': 11,
        'text-anchor': 'right',
        'text-offset': [-1.1, 0],
        'text-max-width': 10,
        'text-justify': 'right',
      },
      paint: { 'text-color': COLORS.roissy, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: L.sitesLabel,
      type: 'symbol',
      source: S.sites,
      minzoom: SITE_LABEL_MIN_ZOOM,
      // From the zoom the density of the names allows (13 at the earliest): the tiles say where.
      filter: labelsHere,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [FONT_REGULAR],
        'text-size': 11.5,
        'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
        'text-radial-offset': 1.3,
        'text-max-width': 12,
        'text-optional': true,
      },
      // A site left out by the filters has its name hidden by opacity, like its symbol. Its label
      // still takes part in collision detection, so it may push a visible neighbour's name to
      // another anchor (or, rarely, hide it): names only show from zoom 13, where few sites are
      // in view. The alternative, `setFilter` on this layer (even debounced), would reload every
      // tile of the sites source, all its layers included: the cost the feature-state avoids.
      paint: { 'text-color': '#1e1e1e', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6, 'text-opacity': unlessOut(1) },
    },
    {
      id: L.connectorLabels,
      type: 'symbol',
      source: S.connectors,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: {
        'symbol-placement': 'line-center',
        'text-field': ['get', 'label'],
        'text-font': [FONT_BOLD],
        'text-size': 12,
        'text-allow-overlap': true,
        'text-offset': [0, -0.8],
      },
      paint: {
        'text-color': ['coalesce', ['get', 'color'], '#333333'],
        'text-halo-color': '#ffffff',
        'text-halo-width': 2,
      },
    },
  ] as LayerSpecification[];
}
