/**
 * The columns the site tiles worker cuts (./messages.ts SiteColumns), built straight from the
 * sites on the main thread: one walk, no feature object per site. The same columns as
 * `toColumns(siteFeatures(sites, fid, opts))` (../sources.ts, ./columns.ts), which the unit test
 * checks; both take what the map draws of a site from ../sources.ts (siteMapGeometry,
 * siteStyleProps).
 */
import type { Site } from '../../domain/types';
import { siteMapGeometry, siteStyleProps } from '../sources';
import { PropCoder, transferOf } from './columns';
import type { SiteColumns } from './messages';

/**
 * The columns of the sites the map draws (a zone's marker with `zoneMarkers`, see siteMapGeometry),
 * with `fidByIndex[i]` the feature id (`_fid`) of `sites[i]`, and the buffers to transfer.
 */
export function siteColumns(sites: readonly Site[], fidByIndex: Int32Array, opts: { zoneMarkers?: boolean } = {}): { columns: SiteColumns; transfer: ArrayBuffer[] } {
  const m = sites.length;
  const zoneMarkers = opts.zoneMarkers === true;
  let fid = new Int32Array(m);
  let xy = new Float64Array(2 * m);
  const shapes: SiteColumns['shapes'] = [];
  const id: string[] = new Array<string>(m);
  const name: (string | null)[] = new Array<string | null>(m);
  const coder = new PropCoder(m);
  /** Features so far (sites with nothing drawn are skipped). */
  let n = 0;
  const set = (key: string, value: string | boolean) => coder.set(n, key, value);
  for (let k = 0; k < m; k++) {
    const s = sites[k];
    const g = siteMapGeometry(s, zoneMarkers);
    if (!g) continue;
    if (g.type === 'Point') {
      xy[2 * n] = g.coordinates[0];
      xy[2 * n + 1] = g.coordinates[1];
    } else {
      xy[2 * n] = NaN;
      xy[2 * n + 1] = NaN;
      shapes.push({ i: n, g });
    }
    const p = s.properties;
    id[n] = String(p.id);
    name[n] = typeof p.name === 'string' ? p.name : null;
    siteStyleProps(p, set);
    fid[n] = fidByIndex[k];
    n++;
  }
  if (n < m) {
    fid = fid.slice(0, n);
    xy = xy.slice(0, 2 * n);
    id.length = n;
    name.length = n;
  }
  const columns: SiteColumns = { n, fid, xy, shapes, id, name, coded: coder.columns(n) };
  return { columns, transfer: transferOf(columns) };
}
