/** Types of the distances engine (re-exported by ./index.ts, which is the public entry). */
import type { FeatureCollection, LineString, MultiLineString, Point } from 'geojson';
import type { NetworkDistance, SiteGeometry } from '../types';
import type { SiteShape } from './siteShape';

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
  /** Rail siding connection points (ITE), grouped by point (see ../ite.ts). */
  ite: FeatureCollection<Point>;
}

/** Distance to the nearest rail siding point, with its SNCF line code. */
export interface IteDistance extends NetworkDistance {
  /** SNCF line code (code_ligne), e.g. "229000". */
  line: string | null;
}

export interface DetailedDistances {
  rn2: NetworkDistance | null;
  waterway: NetworkDistance | null;
  station: NetworkDistance | null;
  rail_km_to_cdg: number | null;
  ite: IteDistance | null;
}

export interface DistanceCalculator {
  compute(geometry: SiteGeometry): DetailedDistances;
  /** Same, for a site already prepared with prepareSite (the CLI prepares each site once). */
  computeShape(shape: SiteShape): DetailedDistances;
}

export interface DistanceCalculatorOptions {
  /**
   * Half-width (m) of the corridor around the straight line between two RN2 gap ends in
   * which the missing road is assumed to run. Default RN2_GAP_CORRIDOR_M (200 m).
   */
  rn2GapCorridorM?: number;
  /** Length (km) added for the proposed « virgule » (Roissy–GrandSoissons link). Default ROISSY_LINK_KM (1.5 km). */
  roissyLinkKm?: number;
  /** 'ellipsoid' (default, WGS84 geodesics) or 'sphere' (Turf's sphere; benches and comparisons). */
  model?: 'ellipsoid' | 'sphere';
}
