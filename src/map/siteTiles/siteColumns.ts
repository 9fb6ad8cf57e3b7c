/**
 * The columns the site tiles worker cuts (./messages.ts SiteColumns), built straight from the
 * sites on the main thread: one walk, no feature object per site. The same columns as
 * `toColumns(siteFeatures(sites, fid, opts))` (../sources.ts, ./columns.ts), which the unit test
 * checks; both take what the map draws of a site from ../sources.ts (siteMapGeometry,
 * siteStyleProps). And whether two arrays of sites draw the same (sameOnMap): most edited fields
 * (surface, description, price…) are not on the map, and need no new cut.
 */
import { sameGeometry } from '../../domain/sameGeometry';
import type { SliceClock } from '../../domain/sliceClock';
import type { Site } from '../../domain/types';
import { siteMapGeometry, siteStyleProps } from '../sources';
import { PropCoder, ShapeWriter, transferOf } from './columns';
import type { SiteColumns } from './messages';

/**
 * The columns of the sites the map draws (a zone's marker with `zoneMarkers`, see siteMapGeometry),
 * with `fidByIndex[i]` the feature id (`_fid`) of `sites[i]`, and the buffers to transfer.
 */
export function siteColumns(sites: readonly Site[], fidByIndex: Int32Array, opts: { zoneMarkers?: boolean } = {}): { columns: SiteColumns; transfer: ArrayBuffer[] } {
  const b = columnsBuilder(sites, fidByIndex, opts.zoneMarkers === true);
  for (let k = 0; k < sites.length; k++) b.row(k);
  return b.done();
}

/**
 * `siteColumns` built in slices: `clock.due(k)` before site k says when to `await clock.yield()`
 * (src/data/yieldToMain.ts sliceClock: the browser runs other tasks in between). The same columns:
 * for 100,000 sites, whose build would otherwise be one long task of the page.
 */
export async function siteColumnsInSlices(
  sites: readonly Site[],
  fidByIndex: Int32Array,
  opts: { zoneMarkers?: boolean },
  clock: SliceClock,
): Promise<{ columns: SiteColumns; transfer: ArrayBuffer[] }> {
  const b = columnsBuilder(sites, fidByIndex, opts.zoneMarkers === true);
  for (let k = 0; k < sites.length; k++) {
    if (clock.due(k)) await clock.yield();
    b.row(k);
  }
  return b.done();
}

/** The columns of `sites`, site by site (`row(k)` for every k in order, then `done()`). */
function columnsBuilder(sites: readonly Site[], fidByIndex: Int32Array, zoneMarkers: boolean): { row(k: number): void; done(): { columns: SiteColumns; transfer: ArrayBuffer[] } } {
  const m = sites.length;
  let fid = new Int32Array(m);
  let xy = new Float64Array(2 * m);
  const shapes = new ShapeWriter();
  const id: string[] = new Array<string>(m);
  const name: (string | null)[] = new Array<string | null>(m);
  const coder = new PropCoder(m);
  /** Features so far (sites with nothing drawn are skipped). */
  let n = 0;
  const set = (key: string, value: string | boolean) => coder.set(n, key, value);
  const row = (k: number): void => {
    const s = sites[k];
    const g = siteMapGeometry(s, zoneMarkers);
    if (!g) return;
    if (g.type === 'Point') {
      xy[2 * n] = g.coordinates[0];
      xy[2 * n + 1] = g.coordinates[1];
    } else {
      xy[2 * n] = NaN;
      xy[2 * n + 1] = NaN;
      shapes.add(n, g);
    }
    const p = s.properties;
    id[n] = String(p.id);
    name[n] = typeof p.name === 'string' ? p.name : null;
    siteStyleProps(p, set);
    fid[n] = fidByIndex[k];
    n++;
  };
  const done = () => {
    if (n < m) {
      fid = fid.slice(0, n);
      xy = xy.slice(0, 2 * n);
      id.length = n;
      name.length = n;
    }
    const columns: SiteColumns = { n, fid, xy, polygons: shapes.polygons(), shapes: shapes.shapes(), id, name, coded: coder.columns(n) };
    return { columns, transfer: transferOf(columns) };
  };
  return { row, done };
}

/** What the map draws of one site is the same for `a` and `b`: id, name, style properties, geometry. */
export function sameSiteOnMap(a: Site, b: Site): boolean {
  const p = a.properties;
  const q = b.properties;
  if (p.id !== q.id || p.name !== q.name) return false;
  const props: unknown[] = [];
  siteStyleProps(p, (key, value) => props.push(key, value));
  let j = 0;
  let same = true;
  siteStyleProps(q, (key, value) => (same = same && props[j++] === key && props[j++] === value));
  if (!same || j !== props.length) return false;
  return sameGeometry(a.geometry, b.geometry);
}

/**
 * Whether the map draws the sites `b` as it draws `a` (so that their tiles need no new cut, and the
 * feature ids of `a` fit `b`): same length, and at each index the same site object or one the map
 * draws the same (siteMapGeometry and siteStyleProps read nothing else, and a zone's marker follows
 * its geometry). Site objects shared by both, most of them after an edit, are not looked into.
 */
export function sameOnMap(a: readonly Site[], b: readonly Site[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameSiteOnMap(a[i], b[i])) return false;
  return true;
}
