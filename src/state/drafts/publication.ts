/**
 * No button deletes unpublished work. An export marks its drafts « exporté, en attente de
 * publication » (`markExported`: when, which file or package, at which revision); a draft is
 * cleared only when the public data loaded by the atlas holds an identical version of it
 * (`reconcileWithPublished`, run at start-up once the public data is loaded; the comparison
 * is defined in domain/publication.ts). The cleared draft stays in the history (« publication »).
 */
import { isPublishedOutline, isPublishedVersion, isPublishedZoneCnig } from '../../domain/publication';
import type { Site } from '../../domain/types';
import { useAtlas } from '../store';
import { draftDb, markSitesExported, markZonesExported, removeSite, removeZoneAsPublished } from './persistence';
import { getState, nowIso } from './store';

export interface ExportMark {
  /** ISO timestamp of the export (default: now). */
  at?: string;
  /** The file(s) or package the drafts went into. */
  packageName?: string | null;
  /** Zone outline drafts exported with them (zone ids). */
  zoneIds?: readonly string[];
}

/**
 * Records that these drafts were exported for publication. Returns how many site drafts were
 * marked (ids without a draft are ignored). Called by every export that publishes drafts.
 */
export async function markExported(ids: readonly string[], mark: ExportMark = {}): Promise<number> {
  const m = { at: mark.at ?? nowIso(), package: mark.packageName ?? null };
  const records = getState().records;
  const n = ids.filter((id) => records.has(id)).length;
  await Promise.all([markSitesExported(ids, m), mark.zoneIds?.length ? markZonesExported(mark.zoneIds, m) : Promise.resolve()]);
  return n;
}

export interface Reconciliation {
  /** Site drafts cleared: the public data holds them. */
  sites: string[];
  /** Zone outline drafts cleared. */
  zones: string[];
}

/** Resolves once the public data is loaded (true) or failed to load (false). */
export function whenAtlasReady(): Promise<boolean> {
  const status = useAtlas.getState().status;
  if (status !== 'loading') return Promise.resolve(status === 'ready');
  return new Promise((resolve) => {
    const off = useAtlas.subscribe((s) => {
      if (s.status === 'loading') return;
      off();
      resolve(s.status === 'ready');
    });
  });
}

/**
 * Clears the drafts the public data now holds (identical version; a deletion once the site is
 * gone from the public data, for an exported deletion only). Nothing happens before the public
 * data is loaded, nor when it failed to load.
 */
let running: Promise<Reconciliation> | null = null;

export function reconcileWithPublished(): Promise<Reconciliation> {
  running ??= reconcile().finally(() => {
    running = null;
  });
  return running;
}

async function reconcile(): Promise<Reconciliation> {
  const out: Reconciliation = { sites: [], zones: [] };
  if (!(await whenAtlasReady()) || !draftDb()) return out;
  const atlas = useAtlas.getState();
  const published = new Map<string, Site>(atlas.sites.map((s) => [s.properties.id, s]));
  const jobs: Promise<void>[] = [];
  for (const r of getState().records.values()) {
    if (r.conflicts?.length) continue;
    const pub = published.get(r.id);
    const done = r.status === 'deleted' ? !pub && !!r.exported && !r.base?.properties.fictitious : !!pub && isPublishedVersion(r.site, pub);
    if (!done) continue;
    out.sites.push(r.id);
    jobs.push(removeSite(r.id, { site_id: r.id, action: 'publish', changes: [], snapshot: r.site }));
  }
  const zones = new Map(atlas.publishedZones.map((z) => [z.zone_id, z] as const));
  for (const r of Object.values(getState().zoneRecords)) {
    const z = zones.get(r.zone_id);
    if (!z || !isPublishedOutline(r.geometry, z.geometry) || !isPublishedZoneCnig(r.cnig, z.cnig)) continue;
    out.zones.push(r.zone_id);
    jobs.push(removeZoneAsPublished(r.zone_id, r.zone_name));
  }
  await Promise.all(jobs);
  return out;
}
