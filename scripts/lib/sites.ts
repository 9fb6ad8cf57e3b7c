/**
 * Builds sites.geojson: the Cartofriches points mapped to the Site model by
 * `fricheToSite` (src/domain/cartofriches.ts), with the distances to the networks from
 * `createDistanceCalculator` + `toSiteDistances` (src/domain/distances).
 *
 * Those modules may still be stubs that throw "not implemented": the build then warns
 * and writes what it can (sites without distances, or no site at all) instead of crashing.
 * Any other error is a real bug and is re-thrown.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Point } from 'geojson';
import { fricheToSite, type CartofrichesFeature } from '../../src/domain/cartofriches';
import * as distances from '../../src/domain/distances/index';
import type { Rn2Gap, TransportNetworks } from '../../src/domain/distances/index';
import type { Site, SiteCollection } from '../../src/domain/types';
import { roundGeometry } from './geojson';

export function isNotImplemented(e: unknown): boolean {
  return e instanceof Error && /not implemented/i.test(e.message);
}

type Lines = FeatureCollection<LineString | MultiLineString>;

/** The TransportNetworks from the build's own outputs (same shape as public/data/*.geojson). */
export function networksFromOutputs(layers: Record<string, FeatureCollection>): TransportNetworks {
  const rn2 = layers.rn2 as Lines & { metadata?: { gaps_without_geometry?: unknown[] } };
  const gaps = (rn2.metadata?.gaps_without_geometry ?? []) as Record<string, unknown>[];
  const rn2Gaps: Rn2Gap[] = gaps.map((g) => ({
    from_lonlat: g.from_lonlat as [number, number],
    to_lonlat: g.to_lonlat as [number, number],
    straight_distance_m: Number(g.straight_distance_m),
  }));
  return {
    rn2,
    rn2Gaps,
    waterway: layers.waterway as Lines,
    rail: layers.rail as Lines,
    stations: layers.stations as FeatureCollection<Point>,
    lgv: layers.lgv as Lines,
    roissy: layers.roissy as FeatureCollection<Point>,
  };
}

/** Uses `networksFromLayers` from src/domain/distances/networks.ts when that module exists. */
async function loadNetworks(layers: Record<string, FeatureCollection>): Promise<TransportNetworks> {
  const modulePath = '../../src/domain/distances/networks';
  try {
    const mod = (await import(/* @vite-ignore */ modulePath)) as {
      networksFromLayers?: (l: Record<string, FeatureCollection>) => TransportNetworks;
    };
    if (typeof mod.networksFromLayers === 'function') return mod.networksFromLayers(layers);
  } catch (e) {
    if (!(e instanceof Error && /Cannot find module|ERR_MODULE_NOT_FOUND/.test(`${(e as { code?: string }).code ?? ''} ${e.message}`))) {
      if (!isNotImplemented(e)) throw e;
    }
  }
  return networksFromOutputs(layers);
}

export interface SitesResult {
  collection: SiteCollection;
  warnings: string[];
  /** True when distances were computed. */
  withDistances: boolean;
}

export async function buildSites(
  friches: FeatureCollection,
  layers: Record<string, FeatureCollection>,
): Promise<SitesResult> {
  const warnings: string[] = [];
  let sites: Site[];
  try {
    sites = friches.features.map((f) => fricheToSite(f as CartofrichesFeature));
  } catch (e) {
    if (!isNotImplemented(e)) throw e;
    warnings.push(
      `sites.geojson : fricheToSite (src/domain/cartofriches.ts) n'est pas encore implémenté ; sites.geojson est écrit vide (0 site). Relancez « npm run data » quand il le sera.`,
    );
    return { collection: { type: 'FeatureCollection', features: [] }, warnings, withDistances: false };
  }

  let withDistances = false;
  try {
    const calculator = distances.createDistanceCalculator(await loadNetworks(layers));
    sites = sites.map((s) => ({
      ...s,
      properties: { ...s.properties, ...distances.toSiteDistances(calculator.compute(s.geometry)) },
    }));
    withDistances = true;
  } catch (e) {
    if (!isNotImplemented(e)) throw e;
    warnings.push(
      `sites.geojson : le calcul des distances (src/domain/distances) n'est pas encore implémenté ; les sites sont écrits sans distances. Relancez « npm run data » quand il le sera.`,
    );
  }
  const features = sites.map((s) => ({ ...s, geometry: roundGeometry(s.geometry) }) as Feature as Site);
  return { collection: { type: 'FeatureCollection', features }, warnings, withDistances };
}
