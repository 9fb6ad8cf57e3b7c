/**
 * Zone outlines digitised in curation: each drawn or edited outline is written at once to
 * IndexedDB (the curation database, stores `zoneDrafts` / `zoneHistory`) and shown by the
 * atlas through the store's `zoneDrafts` → `zones` (map, zones panel, exports, and the sites
 * attached to the outlines). Drafts are restored at start-up by `initCuration`.
 *
 * The outline is shown at once, before the write completes; if the write fails, it stays
 * on screen for this page and the error is kept in `useZoneDraftStatus` (French text).
 */
import { create } from 'zustand';
import type { ZoneRecord } from '../domain/types';
import { isDigitisableZone, type ZoneDraft, type ZoneOutline } from '../domain/zoneDrafts';
import { normalizeGeometry } from '../data/import';
import type { ZoneDraftRecord, ZoneHistoryEntry } from '../data/drafts';
import { curationDraftStore, initCuration, useCuration } from './curation';
import { loadZoneAttach, useAtlas } from './store';

export interface ZoneDraftStatus {
  /** Incremented after each write: history views reload. */
  revision: number;
  /** Zone ids being written. */
  saving: string[];
  /** The last write error (French), null when the last write succeeded. */
  error: string | null;
}

export const useZoneDraftStatus = create<ZoneDraftStatus>()(() => ({ revision: 0, saving: [], error: null }));

const status = useZoneDraftStatus.setState;

/** Writes run one after the other, in the order they were asked. */
let queue: Promise<unknown> = Promise.resolve();

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function publishedZone(zoneId: string): ZoneRecord {
  const a = useAtlas.getState();
  const z = a.publishedZones.find((x) => x.zone_id === zoneId) ?? a.zones.find((x) => x.zone_id === zoneId);
  if (!z) throw new Error(`Zone inconnue du registre : « ${zoneId} ».`);
  if (!isDigitisableZone(z)) throw new Error(`« ${z.name} » est un regroupement territorial, pas une zone : il n’a pas de périmètre à numériser.`);
  return z;
}

/**
 * Checks a drawn outline: polygon rings of at least 4 positions (closed), finite WGS84
 * coordinates. Returns a French message naming the problem, or null when it is usable.
 */
export function outlineProblem(g: ZoneOutline | null | undefined): string | null {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return 'le périmètre doit être un polygone.';
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!polygons.length) return 'le périmètre est vide.';
  for (const rings of polygons) {
    if (!rings.length) return 'le périmètre est vide.';
    for (const ring of rings) {
      if (ring.length < 4) return 'le périmètre doit avoir au moins trois sommets.';
      for (const p of ring) {
        if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
          return 'le périmètre a des coordonnées invalides.';
        }
      }
    }
  }
  return null;
}

function showDraft(draft: ZoneDraft): void {
  const a = useAtlas.getState();
  const rest = a.zoneDrafts.filter((d) => d.zone_id !== draft.zone_id);
  a.setZoneDrafts([...rest, draft]);
}

function hideDraft(zoneId: string, published: ZoneRecord): void {
  const a = useAtlas.getState();
  const rest = a.zoneDrafts.filter((d) => d.zone_id !== zoneId);
  // A published outline removed in a draft: the draft says "no outline".
  a.setZoneDrafts(published.geometry ? [...rest, { zone_id: zoneId, geometry: null, updated_at: new Date().toISOString() }] : rest);
}

async function write<T>(zoneId: string, body: () => Promise<T>): Promise<T> {
  status((s) => ({ saving: [...s.saving, zoneId] }));
  const job = queue.then(async () => {
    await initCuration();
    const db = curationDraftStore();
    if (!db) {
      const why = useCuration.getState().storageError;
      throw new Error(`Le périmètre est affiché mais ne pourra pas être conservé : le stockage du navigateur n’est pas disponible${why ? ` (${why})` : ''}.`);
    }
    return body();
  });
  queue = job.catch(() => undefined);
  try {
    const r = await job;
    status((s) => ({ revision: s.revision + 1, error: null }));
    return r;
  } catch (e) {
    status({ error: errorText(e) });
    throw e;
  } finally {
    status((s) => {
      const i = s.saving.indexOf(zoneId);
      return { saving: i < 0 ? s.saving : [...s.saving.slice(0, i), ...s.saving.slice(i + 1)] };
    });
  }
}

/** Reloads the drafts from IndexedDB into the atlas (the stored truth). */
async function reloadFromDb(): Promise<void> {
  const db = curationDraftStore();
  if (db) useAtlas.getState().setZoneDrafts(await db.listZoneDrafts());
}

/**
 * Saves a drawn or edited outline for a zone of the register (rounded to 7 decimals like
 * imported sites). Shown at once; resolves when written. Throws a French message for an
 * unknown zone, a territory-level grouping, a broken outline or a storage failure.
 */
export async function saveZoneOutline(zoneId: string, drawn: ZoneOutline): Promise<ZoneDraftRecord> {
  const zone = publishedZone(zoneId);
  const problem = outlineProblem(drawn);
  if (problem) throw new Error(`Périmètre de « ${zone.name} » refusé : ${problem}`);
  const outline = normalizeGeometry(drawn);
  showDraft({ zone_id: zoneId, geometry: outline, updated_at: new Date().toISOString() });
  const author = useCuration.getState().author.trim() || null;
  return write(zoneId, async () => {
    const { draft } = await curationDraftStore()!.putZoneOutline(zone, outline, { author });
    await reloadFromDb();
    // Resolve once the sites are attached to the new outline.
    await loadZoneAttach();
    return draft;
  });
}

/** Removes a zone's drafted outline (the removed outline stays in the history). */
export async function removeZoneOutline(zoneId: string): Promise<void> {
  const zone = publishedZone(zoneId);
  hideDraft(zoneId, zone);
  const author = useCuration.getState().author.trim() || null;
  await write(zoneId, async () => {
    await curationDraftStore()!.removeZoneOutline(zone, { author });
    await reloadFromDb();
  });
}

/** The outline history of a zone, oldest first (empty when storage is unavailable). */
export async function loadZoneHistory(zoneId: string): Promise<ZoneHistoryEntry[]> {
  await queue;
  await initCuration();
  const db = curationDraftStore();
  return db ? db.listZoneHistory(zoneId) : [];
}
