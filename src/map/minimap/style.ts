/**
 * The style of the site sheet's minimap (./index.ts): the site, the networks around it and the
 * connectors from the site to the nearest RN2, waterway and station. A fictitious site is marked
 * as on the main map, with the main style's own marks: its polygon hatched (HATCH_PATTERN) with a
 * dashed outline (SITE_OUTLINE_DASH), its marker hollow (a white centre, as the map's dots).
 * Pure: no MapLibre runtime, so it is tested without a browser.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { Site } from '../../domain/types';
import { COLORS, HATCH_PATTERN } from '../style/palette';
import { FONT_BOLD, FONT_REGULAR, GLYPHS_URL } from '../style/glyphs';
import { IS_FICTITIOUS, SITE_OUTLINE_DASH } from '../style/layers';
import { labelPoints } from '../sources';
import type { Connector, ConnectorKind } from './connectors';

export type { ConnectorKind };

/** Colours and dash patterns of the connectors; the legend in the sheet uses the same. */
export const CONNECTOR_STYLE: Record<ConnectorKind, { color: string; dash: number[] }> = {
  rn2: { color: COLORS.connectorRn2, dash: [3, 1.5] },
  waterway: { color: COLORS.connectorWaterway, dash: [1, 1.2] },
  station: { color: COLORS.connectorStation, dash: [4, 1, 1, 1] },
};
export const SITE_COLOR = '#6a1b9a';
/** Radius (px) of the white centre of a fictitious site's marker (radius 8): the sheet's legend draws it too. */
export const SITE_MARKER_HOLE = 3.5;

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

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function connectorFeatures(connectors: Connector[]): { lines: FeatureCollection; ends: FeatureCollection } {
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

/** The minimap's style for a site, its connectors (they may come later: `connectorFeatures`) and its context. */
export function minimapStyle(opts: MiniMapOptions): StyleSpecification {
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
      // With the site's properties: a fictitious site's marker is hollow.
      'site-marker': { type: 'geojson', data: opts.site.geometry.type === 'Point' ? opts.site : { ...pointOnFeature(opts.site), properties: opts.site.properties } },
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
        // A fictitious polygon is hatched, as on the main map.
        id: 'site-hatch',
        type: 'fill',
        source: 'site',
        filter: ['all', ['!=', ['geometry-type'], 'Point'], IS_FICTITIOUS],
        paint: { 'fill-pattern': HATCH_PATTERN },
      },
      {
        id: 'site-line',
        type: 'line',
        source: 'site',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': SITE_COLOR, 'line-width': 2.5, 'line-dasharray': SITE_OUTLINE_DASH },
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
      {
        // A fictitious site's marker is hollow, as its dot on the main map: a white centre.
        id: 'site-point-hole',
        type: 'circle',
        source: 'site-marker',
        filter: IS_FICTITIOUS,
        paint: { 'circle-radius': SITE_MARKER_HOLE, 'circle-color': '#ffffff' },
      },
    ],
  };
}

