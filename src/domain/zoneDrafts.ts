/**
 * Zone outlines digitised in curation ("zone drafts") applied to the published register.
 *
 * The register (zones.json) gives real zones with sourced facts but no outline
 * (`geometry: null`, `needs_digitising: true`). An EPCI team draws the outline in the
 * browser; until it is published, the outline lives as a draft. `applyZoneDrafts` gives the
 * zones as the atlas shows them: a drafted outline replaces the published one (or removes
 * it, when the draft's geometry is null). Sourced facts are never touched.
 *
 * Pure: no IndexedDB, no React.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { ZoneRecord } from './types';

export type ZoneOutline = Polygon | MultiPolygon;

/** What the atlas needs of a zone draft (the stored record has more: see src/data/drafts). */
export interface ZoneDraft {
  zone_id: string;
  /** The drafted outline; null = the published outline is removed in this draft. */
  geometry: ZoneOutline | null;
  /** ISO timestamp of the last write. */
  updated_at: string;
  /**
   * CNIG « Sites économiques » values typed for the zone (`site_type`, `site_vocadomi`, network
   * and vocation flags…), applied over the published zone's `cnig`. Absent or empty: none typed.
   */
  cnig?: ZoneCnigValues | null;
  /** Revision of the stored record (absent before revisions: 0). */
  rev?: number;
  /** Set when exported for publication: when, which file or package, at which revision. */
  exported?: { at: string; package: string | null; rev: number } | null;
}

/**
 * The package (or file) a zone draft was exported in, when it has not changed since:
 * « exporté, en attente de publication ». Null when not exported, or edited after the export.
 */
export function pendingExport(d: Pick<ZoneDraft, 'exported' | 'rev'> | undefined): string | null {
  return d?.exported && d.exported.rev === (d.rev ?? 0) ? (d.exported.package ?? '') : null;
}

/** Official values of a zone (SITE-ECO field → value). */
export type ZoneCnigValues = Record<string, string | number | null>;

function hasCnig(d: Pick<ZoneDraft, 'cnig'>): boolean {
  return !!d.cnig && Object.keys(d.cnig).length > 0;
}

/** Same typed CNIG values (absent ≡ empty; key order ignored). */
export function sameZoneCnig(a: ZoneCnigValues | null | undefined, b: ZoneCnigValues | null | undefined): boolean {
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b ?? {}, k) && (a ?? {})[k] === (b ?? {})[k]);
}

/**
 * Three-way merge of typed CNIG values when another tab wrote the zone since `known` (the version
 * this tab started from): the fields this tab changed are taken from `mine`, every other field
 * from `theirs`. `clashes` lists the fields both tabs changed to different values (mine is kept).
 */
export function mergeZoneCnig(
  known: ZoneCnigValues | null | undefined,
  mine: ZoneCnigValues | null | undefined,
  theirs: ZoneCnigValues | null | undefined,
): { cnig: ZoneCnigValues; clashes: string[] } {
  const k = known ?? {};
  const m = mine ?? {};
  const out: ZoneCnigValues = { ...(theirs ?? {}) };
  const clashes: string[] = [];
  for (const f of new Set([...Object.keys(k), ...Object.keys(m)])) {
    if (m[f] === k[f]) continue;
    if (out[f] !== k[f] && out[f] !== m[f]) clashes.push(f);
    if (m[f] === undefined) delete out[f];
    else out[f] = m[f];
  }
  return { cnig: out, clashes };
}

/**
 * Entries of the register that are territory-level groupings (facts about an EPCI, a
 * commune or the PETR as a whole), not zones: they have no outline to draw.
 * Recognised by their id (`T_…`) or their kind (« niveau EPCI / commune / PETR »).
 */
export function isDigitisableZone(z: Pick<ZoneRecord, 'zone_id' | 'kind'>): boolean {
  return !/^T_/i.test(z.zone_id) && !/^\s*niveau\b/i.test(z.kind ?? '');
}

/**
 * The zones with their drafts applied, in the register's order. A zone without draft is
 * returned as the same object; with no draft at all, the same array. Drafts for zones that
 * are not in the register (or cannot be digitised) are ignored here (they stay stored).
 */
export function applyZoneDrafts(published: readonly ZoneRecord[], drafts: readonly ZoneDraft[]): ZoneRecord[] {
  if (!drafts.length) return published as ZoneRecord[];
  const byId = new Map(drafts.map((d) => [d.zone_id, d] as const));
  let changed = false;
  const out = published.map((z) => {
    const d = byId.get(z.zone_id);
    if (!d || !isDigitisableZone(z)) return z;
    changed = true;
    const out = { ...z, geometry: d.geometry, needs_digitising: d.geometry === null };
    return hasCnig(d) ? { ...out, cnig: { ...(z.cnig ?? {}), ...d.cnig } } : out;
  });
  return changed ? out : (published as ZoneRecord[]);
}
