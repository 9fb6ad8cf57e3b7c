/**
 * Sorting the list of sites. Stable (equal keys keep their input order); sites whose key is
 * unknown (no name, no surface, no distance) always come last, in ascending and descending
 * order alike. Names use French collation with numeric ordering (« n° 2 » before « n° 12 »).
 * Surface = declared, else computed (see surface.ts). Returns a new array.
 */
import { prepareSites } from './filters';
import { siteSurfaceM2 } from './surface';
import { collationKey } from './text';
import type { Site, SiteProperties, SortState } from './types';

const COLLATOR = new Intl.Collator('fr', { numeric: true });

function numKey(s: SortState['key'], p: SiteProperties): number | null {
  let v: unknown;
  switch (s) {
    case 'surface':
      return siteSurfaceM2(p);
    case 'dist_rn2':
      v = p.dist_rn2_m;
      break;
    case 'dist_waterway':
      v = p.dist_waterway_m;
      break;
    case 'dist_station':
      v = p.dist_station_m;
      break;
    case 'dist_ite':
      v = p.dist_ite_m;
      break;
    default:
      return null;
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function sortSites(sites: readonly Site[], s: SortState): Site[] {
  const sign = s.dir === 'desc' ? -1 : 1;
  const idx: number[] = [];
  const unknown: Site[] = [];
  if (s.key === 'name') {
    // Fast path: compare precomputed primary keys as plain strings; Intl.Collator breaks ties.
    const prepared = prepareSites(sites);
    const keys: string[] = new Array(sites.length);
    const names: string[] = new Array(sites.length);
    for (let i = 0; i < sites.length; i++) {
      const n = sites[i].properties.name;
      if (typeof n === 'string' && n.trim() !== '') {
        const ps = prepared[i];
        keys[i] = ps.nameKey ??= collationKey(n);
        names[i] = n.trim();
        idx.push(i);
      } else unknown.push(sites[i]);
    }
    idx.sort((a, b) => {
      const ka = keys[a];
      const kb = keys[b];
      if (ka !== kb) return ka < kb ? -sign : sign;
      return sign * COLLATOR.compare(names[a], names[b]) || a - b;
    });
  } else {
    const keys = new Float64Array(sites.length);
    for (let i = 0; i < sites.length; i++) {
      const v = numKey(s.key, sites[i].properties);
      if (v === null) unknown.push(sites[i]);
      else {
        keys[i] = v;
        idx.push(i);
      }
    }
    idx.sort((a, b) => sign * (keys[a] - keys[b]) || a - b);
  }
  const out: Site[] = new Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = sites[idx[i]];
  return out.concat(unknown);
}
