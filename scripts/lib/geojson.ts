/**
 * Small pure helpers of the data build: coordinate rounding, property selection, filters.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { FeatureFilter } from './config';

export const COORD_DECIMALS = 6;

/** Rounds to `decimals` places; the result prints with at most that many decimals. */
export function roundNumber(v: number, decimals = COORD_DECIMALS): number {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

function roundPositions(c: unknown, decimals: number): unknown {
  if (!Array.isArray(c)) return c;
  if (c.length > 0 && typeof c[0] === 'number') return (c as Position).map((v) => roundNumber(v, decimals));
  return c.map((x) => roundPositions(x, decimals));
}

/** Returns a copy of the geometry with every coordinate rounded (bbox dropped). */
export function roundGeometry<G extends Geometry | null>(g: G, decimals = COORD_DECIMALS): G {
  if (g === null) return g;
  if (g.type === 'GeometryCollection') {
    return { type: g.type, geometries: g.geometries.map((x) => roundGeometry(x, decimals)) } as G;
  }
  return { type: g.type, coordinates: roundPositions(g.coordinates, decimals) } as G;
}

/** Keeps the listed properties (in that order), or all of them with '*'. Missing ones become null. */
export function pickProperties(
  props: Record<string, unknown> | null,
  keep: readonly string[] | '*',
): Record<string, unknown> {
  const source = props ?? {};
  if (keep === '*') return { ...source };
  const out: Record<string, unknown> = {};
  for (const k of keep) out[k] = source[k] ?? null;
  return out;
}

export function matchesFilter(props: Record<string, unknown> | null, filter: FeatureFilter | undefined): boolean {
  if (!filter) return true;
  const v = (props ?? {})[filter.property];
  const list = Array.isArray(filter.value) ? filter.value : [filter.value];
  switch (filter.op) {
    case '==':
      return v === filter.value;
    case '!=':
      return v !== filter.value;
    case 'in':
      return list.includes(v as string);
    case 'not_in':
      return !list.includes(v as string);
    default:
      throw new Error(`Opérateur de filtre inconnu : ${String((filter as { op: unknown }).op)}`);
  }
}

/** A compact output feature: same id (when any), rounded geometry, selected properties. */
export function compactFeature(
  f: Feature,
  keep: readonly string[] | '*',
  extra?: (props: Record<string, unknown>) => Record<string, unknown>,
): Feature {
  const base = pickProperties(f.properties as Record<string, unknown> | null, keep);
  const properties = extra ? extra(base) : base;
  const out: Feature = { type: 'Feature', properties, geometry: roundGeometry(f.geometry) };
  if (f.id !== undefined) return { type: 'Feature', id: f.id, properties, geometry: out.geometry };
  return out;
}

export function featureCollection(features: Feature[], extra?: Record<string, unknown>): FeatureCollection {
  return { type: 'FeatureCollection', ...(extra ?? {}), features } as FeatureCollection;
}

/** Largest number of decimals among the coordinates of a geometry (for checks and tests). */
export function maxDecimals(g: Geometry | null): number {
  let max = 0;
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    for (const x of c) {
      if (typeof x === 'number') {
        const s = String(x);
        const i = s.indexOf('.');
        if (s.includes('e')) max = Math.max(max, 99);
        else if (i >= 0) max = Math.max(max, s.length - i - 1);
      } else walk(x);
    }
  };
  if (g === null) return 0;
  if (g.type === 'GeometryCollection') return Math.max(0, ...g.geometries.map(maxDecimals));
  walk(g.coordinates);
  return max;
}
