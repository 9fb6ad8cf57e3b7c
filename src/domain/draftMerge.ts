/**
 * Merging two versions of one draft written by two tabs (three-way, field by field).
 *
 * A tab writes its version `ours`, built from the version `base` it last read; the database
 * already holds a newer version `theirs` written meanwhile by another tab. Then:
 * - a field changed on one side only takes that side's value: different fields merge;
 * - a field changed on both sides to the same value is no conflict;
 * - a field changed on both sides to different values is a CONFLICT: the writer's value
 *   (`ours`, what the user is typing right now) goes into the site, and the other value is
 *   kept beside it (`DraftConflict.other`) until the user chooses. Nothing is dropped.
 *
 * Fields are the paths of `diffSites` (`name`, `sectors`, `readiness.planning.status`,
 * `geometry`…). Values computed from the geometry (commune, surface, distances) follow the
 * geometry: they never make a conflict of their own.
 *
 * Pure.
 */
import { diffSites, jsonEqual, type FieldChange } from './diff';
import { applyChanges } from './history';
import { DISTANCE_KEYS } from './site';
import type { Site } from './types';

/** A field typed differently in two tabs: the site holds one value, `other` is the one not kept (yet). */
export interface DraftConflict {
  field: string;
  /** The value written by the other tab. */
  other: unknown;
  /** ISO timestamp of the detection. */
  at: string;
}

/** Computed from the geometry: they follow it, never a conflict on their own. */
export const GEOMETRY_DERIVED_FIELDS: readonly string[] = [
  'computed_surface_m2',
  'insee',
  'commune',
  'epci_siren',
  'epci_name',
  ...DISTANCE_KEYS,
];

function isDerived(field: string): boolean {
  return GEOMETRY_DERIVED_FIELDS.includes(field) || /^dist_[a-z0-9_]+_m$/.test(field);
}

export interface MergeResult {
  merged: Site;
  /** New conflicts found by this merge (the caller adds them to those already recorded). */
  conflicts: DraftConflict[];
}

/**
 * Merges `ours` (written now, built on `base`) into `theirs` (the newer stored version).
 * `base` null: the record did not exist when this tab started (both created it): every field
 * counts as changed on both sides.
 */
export function mergeDraftSites(base: Site | null, ours: Site, theirs: Site, at: string): MergeResult {
  const mine = diffSites(base, ours);
  const others = new Map<string, FieldChange>(diffSites(base, theirs).map((c) => [c.field, c]));
  const conflicts: DraftConflict[] = [];
  for (const c of mine) {
    const o = others.get(c.field);
    if (!o || isDerived(c.field)) continue;
    if (!jsonEqual(normal(c.field, c.new), normal(c.field, o.new))) conflicts.push({ field: c.field, other: o.new ?? null, at });
  }
  // Our changes applied over theirs: our fields win (the conflicting ones are kept in `conflicts`).
  const merged = applyChanges(theirs, mine, 'forward');
  return { merged, conflicts };
}

function normal(field: string, v: unknown): unknown {
  return field === 'sectors' && Array.isArray(v) ? [...new Set(v.map(String))].sort() : v;
}

/** The value of a conflict's field in a site (a property, a checklist value or the geometry). */
export function fieldValue(site: Site, field: string): unknown {
  if (field === 'geometry') return site.geometry;
  const props = site.properties as unknown as Record<string, unknown>;
  const m = /^readiness\.([a-z_]+)\.([a-z]+)$/.exec(field);
  if (m) return ((props.readiness as Record<string, Record<string, unknown>> | undefined)?.[m[1]] ?? {})[m[2]] ?? null;
  return props[field] ?? null;
}

/**
 * The conflicts still open after a write: a new conflict replaces an older one on the same
 * field; a conflict whose other value is now the site's value is settled.
 */
export function openConflicts(site: Site, previous: readonly DraftConflict[], added: readonly DraftConflict[]): DraftConflict[] {
  const byField = new Map<string, DraftConflict>();
  for (const c of previous) byField.set(c.field, c);
  for (const c of added) byField.set(c.field, c);
  return [...byField.values()].filter((c) => !jsonEqual(normal(c.field, fieldValue(site, c.field)), normal(c.field, c.other)));
}

/** The changes from `a` to `b` (for undo / redo kept as changes rather than whole versions). */
export function changesBetween(a: Site, b: Site): FieldChange[] {
  return diffSites(a, b);
}
