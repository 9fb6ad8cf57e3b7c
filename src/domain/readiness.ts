/**
 * The "clé en main" checklist and the readiness level derived from it.
 *
 * The level is always DERIVED from the checklist, never typed by hand. Rules, in order:
 *
 * | level           | rule                                                                                   |
 * |-----------------|----------------------------------------------------------------------------------------|
 * | `cle_en_main`   | at least one applicable item (status ≠ `sans_objet`) and every applicable item `fait`   |
 * | `a_rehabiliter` | otherwise, if the site is a friche (kind `friche`), even when nothing else is known    |
 * | `a_preparer`    | otherwise, if at least one applicable item has a KNOWN status: `fait`, `en_cours`,     |
 * |                 | `a_faire` or `a_verifier` (we know where the plot stands and that work remains)        |
 * | `inconnu`       | otherwise: every applicable item is `inconnu` (or no item is applicable)               |
 *
 * Decisions (documented on purpose):
 * - A friche whose checklist is entirely unknown is `a_rehabiliter`, not `inconnu`: being
 *   listed as a friche (Cartofriches) IS knowledge — the land needs rehabilitation before
 *   use. `inconnu` is kept for plots about which nothing is known.
 * - `a_preparer` needs one known item, not necessarily a `fait` one: a plot whose only known
 *   item is « à faire » (e.g. an N zone in the PLU) is not "unknown", it is to be prepared.
 * - A friche whose whole checklist is `fait` (rehabilitated and ready) is `cle_en_main`.
 * - A missing item (incomplete record) counts as `inconnu`.
 */
import { READINESS_ITEM_IDS, type ItemStatus, type Readiness, type ReadinessItem, type ReadinessLevel, type SiteProperties } from './types';

export function emptyReadinessItem(): ReadinessItem {
  return { status: 'inconnu', date: null, source: null, note: null };
}

/** A checklist where every item is `inconnu`, with no date, source or note. */
export function emptyReadiness(): Readiness {
  const r = {} as Readiness;
  for (const id of READINESS_ITEM_IDS) r[id] = emptyReadinessItem();
  return r;
}

function statusOf(r: Readiness | null | undefined, id: (typeof READINESS_ITEM_IDS)[number]): ItemStatus {
  return r?.[id]?.status ?? 'inconnu';
}

/** Count of `fait` items among the applicable ones (status ≠ `sans_objet`). */
export function readinessProgress(p: Pick<SiteProperties, 'readiness'>): { done: number; applicable: number } {
  let done = 0;
  let applicable = 0;
  for (const id of READINESS_ITEM_IDS) {
    const s = statusOf(p.readiness, id);
    if (s === 'sans_objet') continue;
    applicable++;
    if (s === 'fait') done++;
  }
  return { done, applicable };
}

/**
 * A site with a national label (`readiness_label`, e.g. « Site industriel clés en main ») is
 * `cle_en_main` whatever its checklist says: the label is the source (see the sheet, which keeps
 * the two apart). Otherwise the rules above.
 */
export function readinessLevel(p: Pick<SiteProperties, 'kind' | 'readiness'> & Partial<Pick<SiteProperties, 'readiness_label'>>): ReadinessLevel {
  if (p.readiness_label) return 'cle_en_main';
  let applicable = 0;
  let done = 0;
  let known = 0;
  for (const id of READINESS_ITEM_IDS) {
    const s = statusOf(p.readiness, id);
    if (s === 'sans_objet') continue;
    applicable++;
    if (s === 'fait') done++;
    if (s !== 'inconnu') known++;
  }
  if (applicable > 0 && done === applicable) return 'cle_en_main';
  if (p.kind === 'friche') return 'a_rehabiliter';
  if (known > 0) return 'a_preparer';
  return 'inconnu';
}
