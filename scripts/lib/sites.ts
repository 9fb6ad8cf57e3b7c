/**
 * Builds sites.geojson: the Cartofriches points mapped to the Site model by
 * `fricheToSite` (src/domain/cartofriches.ts), with the distances to the networks from
 * `createDistanceCalculator` + `toSiteDistances` (src/domain/distances).
 *
 * Those modules may still be stubs that throw "not implemented": the build then warns
 * and writes what it can (sites without distances, or no site at all) instead of crashing.
 * A NetworkDataError (transport layer rejected) becomes a SitesDataError, reported as a
 * build error; any other error is a real bug and is re-thrown.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { fricheToSite, type CartofrichesFeature } from '../../src/domain/cartofriches';
import * as distances from '../../src/domain/distances/index';
import type { Site, SiteCollection } from '../../src/domain/types';
import { roundGeometry } from './geojson';

export function isNotImplemented(e: unknown): boolean {
  return e instanceof Error && /not implemented/i.test(e.message);
}

/** A data problem found while deriving sites (e.g. a transport layer the distance engine rejects). */
export class SitesDataError extends Error {}

export interface SitesResult {
  collection: SiteCollection;
  warnings: string[];
  /** True when distances were computed. */
  withDistances: boolean;
}

/** `published`: plots of the publication packages, appended after the friches (same distances). */
export async function buildSites(
  friches: FeatureCollection,
  layers: Record<string, FeatureCollection>,
  published: Site[] = [],
): Promise<SitesResult> {
  const warnings: string[] = [];
  let sites: Site[];
  try {
    sites = friches.features.map((f) => fricheToSite(f as CartofrichesFeature)).concat(published);
  } catch (e) {
    if (!isNotImplemented(e)) throw e;
    warnings.push(
      `sites.geojson : fricheToSite (src/domain/cartofriches.ts) n'est pas encore implémenté ; sites.geojson est écrit vide (0 site). Relancez « npm run data » quand il le sera.`,
    );
    return { collection: { type: 'FeatureCollection', features: [] }, warnings, withDistances: false };
  }

  let withDistances = false;
  try {
    let networks: distances.TransportNetworks;
    try {
      networks = distances.networksFromLayers(layers);
    } catch (e) {
      if (e instanceof distances.NetworkDataError) throw new SitesDataError(e.message);
      throw e;
    }
    const calculator = distances.createDistanceCalculator(networks);
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
