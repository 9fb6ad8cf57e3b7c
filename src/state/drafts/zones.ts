/**
 * Zone outlines digitised in curation, through the drafts owner like site drafts: each drawn
 * or edited outline is committed to memory (shown at once by the map, the zones panel, the
 * exports and the sites attached to it) and handed to IndexedDB in the same task
 * (./persistence.ts). If the write fails, the outline stays on screen, the error is kept in
 * `useZoneDraftStatus` (French text) and the write is tried again at the next change.
 */
import { create } from 'zustand';
import type { ZoneRecord } from '../../domain/types';
import { isDigitisableZone, type ZoneCnigValues, type ZoneOutline } from '../../domain/zoneDrafts';
import { normalizeGeometry } from '../../data/import';
import { readHistory, type HistoryRead, type ZoneDraftRecord, type ZoneHistoryEntry } from '../../data/drafts';
import { loadZoneAttach, useAtlas } from '../store';
import { draftDb, errorText, flush, initDrafts, removeZone, saveZone } from './persistence';
import { getState, nowIso } from './store';
import { ZONE_CNIG_STOPGAP_KEY } from './notice';

export interface ZoneDraftStatus {
  /** Incremented after each write: history views reload. */
  revision: number;
  /** Zone ids being written. */
  saving: string[];
  /** The last write error (French), null when the last write succeeded. */
  error: string | null;
  /** Said once: an outline changed in another tab was replaced here (the other one is in the history). */
  notice: string | null;
}

export const useZoneDraftStatus = create<ZoneDraftStatus>()(() => ({ revision: 0, saving: [], error: null, notice: null }));

const status = useZoneDraftStatus.setState;

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

async function written(zoneId: string, job: Promise<void>): Promise<void> {
  status((s) => ({ saving: [...s.saving, zoneId] }));
  try {
    await job;
    if (getState().unsavedZones.includes(zoneId)) {
      const why = getState().storageError;
      throw new Error(`Le périmètre est affiché mais ne pourra pas être conservé : le stockage du navigateur n’est pas disponible${why ? ` (${why})` : ''}.`);
    }
    status((s) => ({ revision: s.revision + 1, error: null }));
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

function overwritten(name: string): void {
  status({ notice: `Le périmètre de « ${name} » avait été modifié dans un autre onglet : votre version le remplace, l’autre reste dans l’historique du périmètre.` });
}

/**
 * Saves a drawn or edited outline for a zone of the register (rounded to 7 decimals like
 * imported sites). Shown at once; resolves when written. Throws a French message for an
 * unknown zone, a territory-level grouping, a broken outline or a storage failure.
 */
export async function saveZoneOutline(zoneId: string, drawn: ZoneOutline, opts: { cnig?: ZoneCnigValues | null } = {}): Promise<ZoneDraftRecord> {
  const zone = publishedZone(zoneId);
  const problem = outlineProblem(drawn);
  if (problem) throw new Error(`Périmètre de « ${zone.name} » refusé : ${problem}`);
  const outline = normalizeGeometry(drawn) as ZoneOutline;
  const prev = getState().zoneRecords[zoneId];
  const base = prev ? prev.base : (zone.geometry ?? null);
  const record: ZoneDraftRecord = {
    ...(prev ?? {}),
    zone_id: zoneId,
    zone_name: zone.name,
    geometry: outline,
    base,
    status: base ? 'modified' : 'new',
    updated_at: nowIso(),
  };
  if (opts.cnig) record.cnig = withCnigPatch(prev?.cnig, opts.cnig);
  await written(zoneId, saveZone(record, overwritten));
  // Resolve once the sites are attached to the new outline.
  await loadZoneAttach();
  return getState().zoneRecords[zoneId] ?? record;
}

/** `cnig` with `patch` applied: a null or empty value clears the field (the published value shows again). */
function withCnigPatch(cnig: ZoneCnigValues | null | undefined, patch: ZoneCnigValues): ZoneCnigValues | null {
  const next: ZoneCnigValues = { ...(cnig ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === '' || (typeof v === 'number' && !Number.isFinite(v))) delete next[k];
    else next[k] = v;
  }
  return Object.keys(next).length ? next : null;
}

/**
 * Sets (or clears, with null or '') CNIG « Sites économiques » values of a zone with an outline
 * (`site_type`, `site_vocadomi`, network and vocation flags…). They are part of the zone's draft:
 * same write path, tabs merge (field by field), history, backups and publication as its outline.
 * Shown at once; resolves when written. Throws a French message for an unknown zone or a zone
 * without outline.
 */
export async function saveZoneCnig(zoneId: string, patch: ZoneCnigValues): Promise<ZoneDraftRecord> {
  const zone = publishedZone(zoneId);
  const prev = getState().zoneRecords[zoneId];
  const geometry = prev ? prev.geometry : (zone.geometry ?? null);
  if (!geometry) throw new Error(`Valeurs CNIG de « ${zone.name} » refusées : la zone n’a pas de périmètre (dessinez-le d’abord).`);
  const cnig = withCnigPatch(prev?.cnig, patch);
  const record: ZoneDraftRecord = prev
    ? { ...prev, cnig, updated_at: nowIso() }
    : { zone_id: zoneId, zone_name: zone.name, geometry, base: zone.geometry ?? null, status: 'modified', cnig, updated_at: nowIso() };
  await written(zoneId, saveZone(record, overwritten));
  return getState().zoneRecords[zoneId] ?? record;
}

function isValues(v: unknown): v is ZoneCnigValues {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => x === null || typeof x === 'string' || typeof x === 'number');
}

/**
 * One-time move of the CNIG values the « Publier » form kept in localStorage
 * (`atlas-zone-cnig`, a stopgap before zone drafts held them) into the zone drafts. Each zone's
 * values leave the key only once written to its draft; values that cannot be moved (unknown
 * zone, zone without outline, storage failure) stay in the key, and are tried again at the next
 * start. The key is removed when empty. Returns the zone ids moved.
 */
export async function migrateZoneCnigStopgap(): Promise<string[]> {
  let storage: Storage | null = null;
  try {
    storage = typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return [];
  }
  const raw = storage?.getItem(ZONE_CNIG_STOPGAP_KEY);
  if (!storage || !raw) return [];
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return []; // unreadable: left as it is
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return [];
  const left: Record<string, unknown> = { ...(stored as Record<string, unknown>) };
  const moved: string[] = [];
  for (const [zoneId, values] of Object.entries(stored as Record<string, unknown>)) {
    if (!isValues(values)) continue;
    if (!Object.keys(values).length) {
      delete left[zoneId];
      continue;
    }
    try {
      // Values already typed in the draft win over the stopgap's older ones.
      const draft = getState().zoneRecords[zoneId]?.cnig ?? {};
      const patch = Object.fromEntries(Object.entries(values).filter(([k]) => !(k in draft)));
      if (Object.keys(patch).length) await saveZoneCnig(zoneId, patch);
      if (getState().unsavedZones.includes(zoneId)) continue;
      delete left[zoneId];
      moved.push(zoneId);
    } catch {
      /* kept in the key */
    }
  }
  try {
    if (Object.keys(left).length) storage.setItem(ZONE_CNIG_STOPGAP_KEY, JSON.stringify(left));
    else storage.removeItem(ZONE_CNIG_STOPGAP_KEY);
  } catch {
    /* the next start tries again; the drafts already hold what moved */
  }
  return moved;
}

/** Removes a zone's drafted outline (the removed outline stays in the history). */
export async function removeZoneOutline(zoneId: string): Promise<void> {
  const zone = publishedZone(zoneId);
  const prev = getState().zoneRecords[zoneId];
  const base = prev ? prev.base : (zone.geometry ?? null);
  if (base) {
    // A published outline removed in a draft: the draft says "no outline".
    const record: ZoneDraftRecord = { ...(prev ?? {}), zone_id: zoneId, zone_name: zone.name, geometry: null, base, status: 'deleted', updated_at: nowIso() };
    await written(zoneId, saveZone(record, overwritten));
  } else {
    await written(zoneId, removeZone(zoneId, zone.name));
  }
}

/**
 * The outline history of a zone, oldest first (empty when storage is unavailable); damaged
 * entries apart, as for sites (`loadHistory`).
 */
export async function loadZoneHistory(zoneId: string): Promise<HistoryRead<ZoneHistoryEntry>> {
  await initDrafts();
  await flush();
  const db = draftDb();
  return readHistory<ZoneHistoryEntry>(db ? await db.listZoneHistory(zoneId) : [], 'zone_id');
}
