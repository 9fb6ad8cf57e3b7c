/**
 * Builds the TransportNetworks used by the distance calculator from GeoJSON layers, either
 * the files written by the data build in public/data/ (rn2, waterway, rail, stations, lgv,
 * roissy) or the raw source files (see node.ts). Pure: no I/O.
 *
 * Defensive on purpose: non-navigable waterway parts and non-passenger rail points are
 * dropped even if the data build already did it, and waterway names are normalised.
 */
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, Point } from 'geojson';
import { waterwayPartOf, WATERWAY_PARTS, type WaterwayPart } from '../waterway';
import { groupSidings } from '../ite';
import type { Rn2Gap, TransportNetworks } from './types';

export const WATERWAY_NAMES = WATERWAY_PARTS;
export type WaterwayName = WaterwayPart;

export type TransportLayerId = 'rn2' | 'waterway' | 'rail' | 'stations' | 'lgv' | 'roissy' | 'ite';
export const TRANSPORT_LAYER_IDS: readonly TransportLayerId[] = ['rn2', 'waterway', 'rail', 'stations', 'lgv', 'roissy', 'ite'];

export class NetworkDataError extends Error {}

type Props = Record<string, unknown> | null;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Normalised name of a navigable waterway part (see ../waterway.ts). A navigable feature of
 * an unknown part keeps its own name; a non-navigable one is dropped (null).
 */
export function waterwayName(props: Props): string | null {
  const p = props ?? {};
  if (str(p.kind) === 'river_not_navigable') return null;
  return waterwayPartOf(p) ?? (str(p.name) || str(p.ref) || null);
}

/**
 * False when a rail point is explicitly not a passenger station (SNCF `voyageurs` = "N", or
 * kind non_passenger_point). Points without either attribute are kept: the data build
 * writes only passenger stations and drops those attributes.
 */
export function isPassengerStation(props: Props): boolean {
  const p = props ?? {};
  if (p.voyageurs === 'N' || p.kind === 'non_passenger_point') return false;
  if (p.voyageurs !== undefined && p.voyageurs !== null && p.voyageurs !== 'O') return false;
  return true;
}

function isLine(f: Feature<Geometry | null>): f is Feature<LineString | MultiLineString> {
  return !!f && !!f.geometry && (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString');
}

function isPoint(f: Feature<Geometry | null>): f is Feature<Point> {
  return !!f && !!f.geometry && f.geometry.type === 'Point';
}

function collection<G extends Geometry>(features: Feature<G>[]): FeatureCollection<G> {
  return { type: 'FeatureCollection', features };
}

function requireLayer(layers: Record<string, FeatureCollection | undefined>, id: TransportLayerId): FeatureCollection {
  const fc = layers[id];
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new NetworkDataError(`Couche « ${id} » absente ou invalide : les distances ne peuvent pas être calculées.`);
  }
  return fc;
}

function finiteLonLat(v: unknown): v is [number, number] {
  return Array.isArray(v) && v.length >= 2 && Number.isFinite(v[0]) && Number.isFinite(v[1]);
}

/** Reads the documented RN2 gaps from `metadata.gaps_without_geometry`. */
export function readRn2Gaps(rn2: FeatureCollection): Rn2Gap[] {
  const meta = (rn2 as FeatureCollection & { metadata?: { gaps_without_geometry?: unknown } }).metadata;
  const raw = meta?.gaps_without_geometry;
  if (!Array.isArray(raw)) {
    throw new NetworkDataError(
      'Couche « rn2 » : la liste des lacunes de la RN2 (metadata.gaps_without_geometry) est absente ; ' +
        'sans elle, les distances surestimées près des lacunes ne pourraient pas être signalées.',
    );
  }
  return raw.map((g, i) => {
    const o = (g ?? {}) as Record<string, unknown>;
    if (!finiteLonLat(o.from_lonlat) || !finiteLonLat(o.to_lonlat)) {
      throw new NetworkDataError(`Couche « rn2 » : lacune n° ${i + 1} sans extrémités lisibles (from_lonlat / to_lonlat).`);
    }
    return {
      from_lonlat: [o.from_lonlat[0], o.from_lonlat[1]],
      to_lonlat: [o.to_lonlat[0], o.to_lonlat[1]],
      straight_distance_m: Number.isFinite(o.straight_distance_m) ? (o.straight_distance_m as number) : NaN,
    };
  });
}

/**
 * Builds the networks from the layers written by the data build (or equivalent raw files).
 * Throws NetworkDataError (French message) when a layer is missing or the RN2 gaps are unknown.
 */
export function networksFromLayers(layers: Record<string, FeatureCollection | undefined>): TransportNetworks {
  const rn2 = requireLayer(layers, 'rn2');
  const waterway = requireLayer(layers, 'waterway');
  const rail = requireLayer(layers, 'rail');
  const stations = requireLayer(layers, 'stations');
  const lgv = requireLayer(layers, 'lgv');
  const roissy = requireLayer(layers, 'roissy');
  const ite = requireLayer(layers, 'ite');

  const navigable: Feature<LineString | MultiLineString>[] = [];
  for (const f of waterway.features) {
    if (!isLine(f)) continue;
    const name = waterwayName(f.properties);
    if (name === null) continue;
    navigable.push({ ...f, properties: { ...(f.properties ?? {}), name } });
  }

  return {
    rn2: collection(rn2.features.filter(isLine)),
    rn2Gaps: readRn2Gaps(rn2),
    waterway: collection(navigable),
    rail: collection(rail.features.filter(isLine)),
    stations: collection(stations.features.filter(isPoint).filter((f) => isPassengerStation(f.properties))),
    lgv: collection(lgv.features.filter(isLine)),
    roissy: collection(roissy.features.filter(isPoint)),
    ite: groupSidings(collection(ite.features.filter(isPoint))),
  };
}
