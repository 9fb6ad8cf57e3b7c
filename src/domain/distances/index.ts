/**
 * Distances from a site to the RN2, the Aisne waterway and the Paris–Laon stations
 * (with the rail distance to Roissy-CDG). STUB: replaced by the distances work (issue #4).
 * Signatures are the contract.
 */
import type { FeatureCollection, LineString, MultiLineString, Point } from 'geojson';
import type { NetworkDistance, SiteDistances, SiteGeometry } from '../types';

export interface Rn2Gap {
  from_lonlat: [number, number];
  to_lonlat: [number, number];
  straight_distance_m: number;
}

/** The network layers as written by the data build in public/data/. */
export interface TransportNetworks {
  rn2: FeatureCollection<LineString | MultiLineString>;
  rn2Gaps: Rn2Gap[];
  /** Navigable parts only (kind != river_not_navigable). */
  waterway: FeatureCollection<LineString | MultiLineString>;
  rail: FeatureCollection<LineString | MultiLineString>;
  /** Passenger stations of the Paris–Laon line. */
  stations: FeatureCollection<Point>;
  lgv: FeatureCollection<LineString | MultiLineString>;
  /** The computed junction (kind computed_line_crossing) and CDG 2 TGV (kind station_reference). */
  roissy: FeatureCollection<Point>;
}

export interface DetailedDistances {
  rn2: NetworkDistance | null;
  waterway: NetworkDistance | null;
  station: NetworkDistance | null;
  rail_km_to_cdg: number | null;
}

export interface DistanceCalculator {
  compute(geometry: SiteGeometry): DetailedDistances;
}

export function createDistanceCalculator(_networks: TransportNetworks): DistanceCalculator {
  throw new Error('createDistanceCalculator: not implemented yet');
}

export function toSiteDistances(d: DetailedDistances): SiteDistances {
  return {
    dist_rn2_m: d.rn2 ? d.rn2.distance_m : null,
    dist_rn2_error_m: d.rn2 ? d.rn2.error_m : null,
    dist_waterway_m: d.waterway ? d.waterway.distance_m : null,
    waterway_name: d.waterway ? d.waterway.name : null,
    dist_station_m: d.station ? d.station.distance_m : null,
    station_name: d.station ? d.station.name : null,
    rail_km_to_cdg: d.rail_km_to_cdg,
  };
}
