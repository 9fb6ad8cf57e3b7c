/**
 * Distances of drafted sites, computed in the distance worker (src/data/distances), never on
 * the UI thread. The result is saved with the draft unless the geometry changed meanwhile.
 * Not an undo step.
 */
import { DISTANCE_KEYS } from '../../domain/site';
import type { Site, SiteProperties } from '../../domain/types';
import { computeDistances } from '../../data/distances/client';
import { mapInSlices } from '../../data/yieldToMain';
import { saveSite } from './persistence';
import { getState, setState } from './store';

export function pickDistances(p: SiteProperties): Partial<SiteProperties> {
  const out: Partial<SiteProperties> = {};
  for (const k of DISTANCE_KEYS) (out as Record<string, unknown>)[k] = p[k] ?? null;
  // Distances other parts of the atlas add (`dist_…_m` and their names) follow too.
  for (const [k, v] of Object.entries(p)) if (/^dist_[a-z0-9_]+_m$/.test(k) || /^ite_/.test(k)) (out as Record<string, unknown>)[k] = v ?? null;
  return out;
}

function addPending(ids: string[]): void {
  setState((s) => ({ distancesPending: [...new Set([...s.distancesPending, ...ids])] }));
}
function dropPending(ids: string[]): void {
  const gone = new Set(ids);
  setState((s) => ({ distancesPending: s.distancesPending.filter((x) => !gone.has(x)) }));
}

/** Computes a drafted site's distances and saves them (if its geometry is still the same). */
export async function refreshDistances(site: Site): Promise<void> {
  const id = site.properties.id;
  addPending([id]);
  try {
    const [withD] = await computeDistances([site]);
    const r = getState().records.get(id);
    if (r && r.status !== 'deleted' && r.site.geometry === site.geometry) {
      void saveSite({ ...r.site, properties: { ...r.site.properties, ...pickDistances(withD.properties) } });
    }
  } catch {
    // Distances stay unknown (null): shown as « non disponible ».
  } finally {
    dropPending([id]);
  }
}

/**
 * The sites with their distances computed (in the worker), for those that have none. On failure
 * the sites are returned as they are (distances unknown).
 */
export async function withDistances(sites: Site[]): Promise<Site[]> {
  const todo = sites.filter((s) => s.properties.dist_rn2_m == null);
  if (!todo.length) return sites;
  const ids = todo.map((s) => s.properties.id);
  addPending(ids);
  try {
    const out = await computeDistances(todo);
    const byId = new Map(out.map((s) => [s.properties.id, s] as const));
    // In slices (100,000 imported sites: no main-thread task over ~200 ms).
    return await mapInSlices(sites, (s) => {
      const d = byId.get(s.properties.id);
      return d ? { ...s, properties: { ...s.properties, ...pickDistances(d.properties) } } : s;
    });
  } catch {
    return sites;
  } finally {
    dropPending(ids);
  }
}
