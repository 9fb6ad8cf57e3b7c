/**
 * Sorts imported sites into new / identical / changed (with the field changes) against
 * the sites already in the atlas (published and drafts), using the domain's
 * `compareWithExisting`. Changed sites start undecided: the user must choose.
 */
import { compareWithExisting } from '../../domain/diff';
import type { Site } from '../../domain/types';
import type { ImportDiff } from '../../state/curation';

export function compareImport(imported: Site[], existing: ReadonlyMap<string, Site>): ImportDiff {
  const out: ImportDiff = { fresh: [], identical: [], changed: [] };
  const rows = compareWithExisting(imported, existing);
  rows.forEach((r, i) => {
    const site = imported[i];
    if (r.status === 'new') out.fresh.push(site);
    else if (r.status === 'identical') out.identical.push(site);
    else out.changed.push({ imported: site, existing: existing.get(r.id)!, changes: r.changes, choice: null });
  });
  return out;
}
