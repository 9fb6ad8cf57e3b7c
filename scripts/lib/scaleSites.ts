/**
 * Site sets of any size for the scale benches, made from the national Cartofriches friches:
 * the ~24,000 real friches, then copies of them moved by up to ±0.05° (a few km), with new ids
 * and marked fictitious (they do not exist), until `n` sites. Seeded: same `n` and seed, same
 * sites. Nothing is written to disk.
 */
import { mulberry32 } from '../../src/domain/sample';
import type { Site } from '../../src/domain/types';
import { loadNationalSites } from './nationalSites';

let national: Site[] | null = null;

export function scaledNationalSites(n: number, seed = 1): Site[] {
  national ??= loadNationalSites();
  const base = national;
  const out: Site[] = base.slice(0, Math.min(n, base.length));
  const rnd = mulberry32(seed);
  for (let copy = 1; out.length < n; copy++) {
    for (let i = 0; i < base.length && out.length < n; i++) {
      const s = base[i];
      const dx = (rnd() - 0.5) * 0.1;
      const dy = (rnd() - 0.5) * 0.1;
      const g = s.geometry;
      const geometry = g.type === 'Point' ? { type: 'Point' as const, coordinates: [round(g.coordinates[0] + dx), round(g.coordinates[1] + dy)] } : g;
      const id = `${s.properties.id}~${copy}`;
      out.push({ ...s, id, geometry, properties: { ...s.properties, id, fictitious: true } } as Site);
    }
  }
  return out;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The sites as one GeoJSON text (what the app would fetch as its sites file). */
export function sitesBody(sites: readonly Site[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features: sites });
}
