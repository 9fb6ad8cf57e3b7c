/**
 * What « Publier » needs besides the drafts:
 * - the publication form (producer EPCI, contact for investors, licence), remembered in this
 *   browser (localStorage `atlas-publication`: public information, no secret) so an EPCI team does
 *   not type it again;
 * - the CNIG values typed for the zones (`site_type`, `site_vocadomi`, network and vocation
 *   flags…), kept in this browser (localStorage `atlas-zone-cnig`) until the drafts owner
 *   (issue 10) stores them with the zone outline drafts;
 * - `markExported`: the adapter to the drafts owner after a package is downloaded.
 */
import { create } from 'zustand';
import type { ZoneRecord } from '../domain/types';
import { markExported as markDraftsExported } from './drafts';

export interface PublicationForm {
  producerSiren: string;
  contactName: string;
  email: string;
  phone: string;
  web: string;
  licence: string;
}

export const DEFAULT_LICENCE = 'Licence Ouverte 2.0 (Etalab)';
const FORM_KEY = 'atlas-publication';
const ZONE_CNIG_KEY = 'atlas-zone-cnig';

export type ZoneCnigValues = Record<string, string | number | null>;

interface PublicationState {
  form: PublicationForm;
  /** zone_id → official values typed in the zones form. */
  zoneCnig: Record<string, ZoneCnigValues>;
}

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

function readStored<T>(key: string, fallback: T, check: (v: unknown) => v is T): T {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return fallback;
    const v = JSON.parse(raw) as unknown;
    return check(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const EMPTY_FORM: PublicationForm = { producerSiren: '', contactName: '', email: '', phone: '', web: '', licence: DEFAULT_LICENCE };

function isForm(v: unknown): v is PublicationForm {
  return isObject(v) && Object.keys(EMPTY_FORM).every((k) => typeof v[k] === 'string');
}
function isZoneCnig(v: unknown): v is Record<string, ZoneCnigValues> {
  return isObject(v) && Object.values(v).every((z) => isObject(z) && Object.values(z).every((x) => x === null || typeof x === 'string' || typeof x === 'number'));
}

export const usePublication = create<PublicationState>()(() => ({
  form: readStored(FORM_KEY, EMPTY_FORM, isForm),
  zoneCnig: readStored(ZONE_CNIG_KEY, {}, isZoneCnig),
}));

function persist(key: string, value: unknown) {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the values stay for this page */
  }
}

export function setPublicationForm(patch: Partial<PublicationForm>): void {
  const form = { ...usePublication.getState().form, ...patch };
  usePublication.setState({ form });
  persist(FORM_KEY, form);
}

/** Sets (or clears, with null or '') official values of a zone. */
export function setZoneCnig(zoneId: string, patch: ZoneCnigValues): void {
  const all = usePublication.getState().zoneCnig;
  const next: ZoneCnigValues = { ...(all[zoneId] ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === '') delete next[k];
    else next[k] = v;
  }
  const zoneCnig = { ...all, [zoneId]: next };
  usePublication.setState({ zoneCnig });
  persist(ZONE_CNIG_KEY, zoneCnig);
}

/** The zones with the values typed here applied over the published ones. */
export function zonesWithCnig(zones: readonly ZoneRecord[], zoneCnig: Record<string, ZoneCnigValues>): ZoneRecord[] {
  return zones.map((z) => (zoneCnig[z.zone_id] && Object.keys(zoneCnig[z.zone_id]).length ? { ...z, cnig: { ...(z.cnig ?? {}), ...zoneCnig[z.zone_id] } } : z));
}

/**
 * Adapter to the drafts owner (issue 10), called after a package is downloaded: the drafts are
 * marked « exporté, en attente de publication » (state/drafts/publication.ts), and cleared only
 * once the public data loaded by the app holds an identical version.
 */
export function markExported(ids: string[], opts: { at: string; packageName: string }): Promise<number> {
  return markDraftsExported(ids, opts);
}
