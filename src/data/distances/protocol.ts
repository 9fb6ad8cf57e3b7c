/**
 * Messages between the UI thread (client.ts) and the distances Web Worker (worker.ts),
 * and the worker's request handler as a plain function (testable in Node).
 *
 * Request:  { id, geometries, base?, detailed? }
 *   base: absolute URL of the data folder (the page's ./data/), sent by the client because a
 *         worker resolves relative URLs against its own script URL, not the page.
 * Response: { id, distances: SiteDistances[] }            (detailed false/absent)
 *           { id, detailed: DetailedDistances[] }          (detailed true)
 *           { id, error: string }                          (French message)
 */
import type { FeatureCollection } from 'geojson';
import {
  createDistanceCalculator,
  networksFromLayers,
  toSiteDistances,
  TRANSPORT_LAYER_IDS,
  type DetailedDistances,
  type DistanceCalculator,
} from '../../domain/distances';
import type { SiteDistances, SiteGeometry } from '../../domain/types';

export interface DistanceRequest {
  id: number;
  geometries: (SiteGeometry | null)[];
  base?: string;
  detailed?: boolean;
}

export type DistanceResponse =
  | { id: number; distances: SiteDistances[] }
  | { id: number; detailed: DetailedDistances[] }
  | { id: number; error: string };

export const EMPTY_DETAILED: DetailedDistances = { rn2: null, waterway: null, station: null, rail_km_to_cdg: null, ite: null };

/** Loads one network layer file (e.g. "rn2.geojson") from a data folder URL. */
export type LayerLoader = (file: string, base: string) => Promise<FeatureCollection>;

/**
 * Returns the worker's handler: loads the seven network layers once (per data folder),
 * builds the calculator, then answers each request. A geometry that cannot be measured
 * gets null distances; it never fails the whole batch.
 */
export function createDistanceHandler(load: LayerLoader, defaultBase = './data/'): (req: DistanceRequest) => Promise<DistanceResponse> {
  let current: { base: string; calc: Promise<DistanceCalculator> } | null = null;
  const calculatorFor = (base: string): Promise<DistanceCalculator> => {
    if (!current || current.base !== base) {
      const calc = (async () => {
        const entries = await Promise.all(TRANSPORT_LAYER_IDS.map(async (id) => [id, await load(`${id}.geojson`, base)] as const));
        return createDistanceCalculator(networksFromLayers(Object.fromEntries(entries)));
      })();
      current = { base, calc };
      // A failed load is not cached: the next request retries.
      calc.catch(() => {
        if (current?.calc === calc) current = null;
      });
    }
    return current.calc;
  };
  return async (req) => {
    const id = req.id;
    try {
      if (!Array.isArray(req.geometries)) return { id, error: 'Requête de calcul des distances invalide (géométries absentes).' };
      const calc = await calculatorFor(req.base ?? defaultBase);
      const detailed = req.geometries.map((g) => {
        try {
          return g ? calc.compute(g) : EMPTY_DETAILED;
        } catch {
          return EMPTY_DETAILED;
        }
      });
      return req.detailed ? { id, detailed } : { id, distances: detailed.map(toSiteDistances) };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { id, error: `Calcul des distances impossible : ${msg}` };
    }
  };
}
