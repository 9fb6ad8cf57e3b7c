/**
 * Distances from a site to the RN2, the Aisne waterway and the Paris–Laon stations
 * (with the rail distance to Roissy-CDG through the proposed link).
 *
 * Usage (data build, worker, CLI):
 *   const calc = createDistanceCalculator(networksFromLayers(layers));
 *   const d = calc.compute(site.geometry);         // DetailedDistances (with nearest points)
 *   Object.assign(site.properties, toSiteDistances(d));
 *
 * Distances are geodesics on the WGS84 ellipsoid (Karney's algorithms, geographiclib-geodesic),
 * in metres, from the site's geometry to the nearest point of the network, network and site
 * edges being geodesics between their vertices: 0 when a polygon touches, crosses or contains
 * the network (tested in the lon/lat plane, as Turf does). Candidates are found on the sphere
 * and pruned with bounds that never skip the true nearest: see ELLIPSOID.md in this folder.
 * Option `model: 'sphere'` gives Turf's spherical distances instead (benches, comparisons).
 * RN2 gaps: see RN2_GAPS.md in this folder.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from 'geojson';
import type { NetworkDistance, SiteDistances, SiteGeometry } from '../types';
import { NetworkIndex, type NetworkHit, type NetworkPart } from './networkIndex';
import { roissyModel, ROISSY_LINK_KM, type RoissyModel } from './railToCdg';
import { Rn2GapBound, RN2_GAP_CORRIDOR_M } from './rn2Gaps';
import { prepareSite, type SiteShape } from './siteShape';
import type { DetailedDistances, DistanceCalculator, DistanceCalculatorOptions, IteDistance, TransportNetworks } from './types';

export type { DetailedDistances, DistanceCalculator, DistanceCalculatorOptions, IteDistance, Rn2Gap, TransportNetworks } from './types';
export { networksFromLayers, waterwayName, isPassengerStation, NetworkDataError, WATERWAY_NAMES, TRANSPORT_LAYER_IDS } from './networks';
export type { TransportLayerId } from './networks';
export { prepareSite } from './siteShape';
export { RN2_GAP_CORRIDOR_M } from './rn2Gaps';
export type { EarthModel } from './networkIndex';
export { ROISSY_LINK_KM } from './railToCdg';

function isUsable(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

/** Connected parts (lines or points) of a collection, remembering their source feature. */
export function networkParts(fc: FeatureCollection<LineString | MultiLineString | Point>): NetworkPart[] {
  const parts: NetworkPart[] = [];
  fc.features.forEach((f: Feature<LineString | MultiLineString | Point>, feature) => {
    const g = f.geometry;
    if (!g) return;
    if (g.type === 'Point') {
      if (isUsable(g.coordinates)) parts.push({ coords: [g.coordinates], feature });
      return;
    }
    const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
    for (const line of lines) {
      const coords = (line ?? []).filter(isUsable);
      if (coords.length >= 2) parts.push({ coords, feature });
      else if (coords.length === 1) parts.push({ coords, feature });
    }
  });
  return parts;
}

function featureString(fc: FeatureCollection, i: number, key: string): string | null {
  const n = fc.features[i]?.properties?.[key];
  return typeof n === 'string' && n !== '' ? n : null;
}

function featureName(fc: FeatureCollection, i: number): string | null {
  return featureString(fc, i, 'name');
}

class Calculator implements DistanceCalculator {
  private readonly rn2: NetworkIndex;
  private readonly waterway: NetworkIndex;
  private readonly stations: NetworkIndex;
  private readonly ite: NetworkIndex;
  private readonly gaps: Rn2GapBound;
  readonly roissy: RoissyModel;
  /** Buffers reused from one compute() to the next. */
  private scratch: SiteShape | undefined;

  constructor(
    private readonly networks: TransportNetworks,
    options: DistanceCalculatorOptions,
  ) {
    const model = options.model ?? 'ellipsoid';
    this.rn2 = new NetworkIndex(networkParts(networks.rn2), model);
    this.waterway = new NetworkIndex(networkParts(networks.waterway), model);
    this.stations = new NetworkIndex(networkParts(networks.stations), model);
    this.ite = new NetworkIndex(networkParts(networks.ite), model);
    this.gaps = new Rn2GapBound(networks.rn2Gaps, options.rn2GapCorridorM ?? RN2_GAP_CORRIDOR_M, model);
    this.roissy = roissyModel(networks.rail, networks.lgv, networks.roissy, networks.stations, options.roissyLinkKm ?? ROISSY_LINK_KM);
  }

  computeShape(shape: SiteShape): DetailedDistances {
    const n = this.networks;
    const distance = (hit: NetworkHit | null, fc: FeatureCollection): NetworkDistance | null =>
      hit ? { distance_m: hit.distance_m, nearest: hit.nearest, name: featureName(fc, hit.feature), error_m: null } : null;
    const rn2Hit = this.rn2.nearest(shape);
    const rn2 = distance(rn2Hit, n.rn2);
    if (rn2) rn2.error_m = this.gaps.errorFor(shape, rn2.distance_m);
    const waterway = distance(this.waterway.nearest(shape), n.waterway);
    const sHit = this.stations.nearest(shape);
    const station = distance(sHit, n.stations);
    const iHit = this.ite.nearest(shape);
    const iteBase = distance(iHit, n.ite);
    const ite: IteDistance | null = iteBase ? { ...iteBase, line: featureString(n.ite, iHit!.feature, 'code_ligne') } : null;
    return { rn2, waterway, station, rail_km_to_cdg: sHit ? this.roissy.stationKm[sHit.feature] ?? null : null, ite };
  }

  compute(geometry: SiteGeometry): DetailedDistances {
    const shape = prepareSite(geometry, this.scratch);
    if (shape) this.scratch = shape;
    if (!shape) return { rn2: null, waterway: null, station: null, rail_km_to_cdg: null, ite: null };
    return this.computeShape(shape);
  }
}

/**
 * Builds the spatial indexes once; then `compute(geometry)` answers in microseconds.
 * A geometry that cannot be measured (wrong type, non-finite coordinates) gives all nulls.
 */
export function createDistanceCalculator(networks: TransportNetworks, options: DistanceCalculatorOptions = {}): DistanceCalculator {
  return new Calculator(networks, options);
}

/**
 * Rail km to Aéroport CDG 2 TGV for each passenger station (by station name), through the
 * proposed « virgule » (raccordement Roissy–GrandSoissons); null for stations it does not serve.
 */
export function railKmToCdgByStation(networks: TransportNetworks, options: DistanceCalculatorOptions = {}): Map<string, number | null> {
  const model = roissyModel(networks.rail, networks.lgv, networks.roissy, networks.stations, options.roissyLinkKm ?? ROISSY_LINK_KM);
  const out = new Map<string, number | null>();
  networks.stations.features.forEach((_f, i) => out.set(featureName(networks.stations, i) ?? `#${i}`, model.stationKm[i]));
  return out;
}

/**
 * The properties written on each site. Distances are rounded to the metre, the RN2 error
 * is rounded up (it is an upper bound), rail km to 0.1 km.
 */
export function toSiteDistances(d: DetailedDistances): SiteDistances {
  return {
    dist_rn2_m: d.rn2 ? Math.round(d.rn2.distance_m) : null,
    dist_rn2_error_m: d.rn2 && d.rn2.error_m !== null ? Math.ceil(d.rn2.error_m) : null,
    dist_waterway_m: d.waterway ? Math.round(d.waterway.distance_m) : null,
    waterway_name: d.waterway ? d.waterway.name : null,
    dist_station_m: d.station ? Math.round(d.station.distance_m) : null,
    station_name: d.station ? d.station.name : null,
    rail_km_to_cdg: d.rail_km_to_cdg === null ? null : Math.round(d.rail_km_to_cdg * 10) / 10,
    dist_ite_m: d.ite ? Math.round(d.ite.distance_m) : null,
    ite_name: d.ite ? d.ite.name : null,
    ite_line: d.ite ? d.ite.line : null,
  };
}
