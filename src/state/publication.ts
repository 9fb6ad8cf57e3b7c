/**
 * What « Publier » needs besides the drafts:
 * - the publication form (producer EPCI, contact for investors, licence), remembered in this
 *   browser (localStorage `atlas-publication`: public information, no secret) so an EPCI team does
 *   not type it again;
 * - `setZoneCnig`: the CNIG values typed for a zone (`site_type`, `site_vocadomi`, network and
 *   vocation flags…). They belong to the zone's draft (drafts owner, src/state/drafts/zones.ts),
 *   with the same no-loss guarantees as its outline; the atlas's `zones` carry them. (They were
 *   kept in localStorage `atlas-zone-cnig` before; the drafts owner moves that key once.)
 * - `markExported`: the adapter to the drafts owner after a package is downloaded.
 */
import { create } from 'zustand';
import { markExported as markDraftsExported, saveZoneCnig } from './drafts';
import type { ZoneCnigValues } from '../domain/zoneDrafts';

export type { ZoneCnigValues } from '../domain/zoneDrafts';

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

interface PublicationState {
  form: PublicationForm;
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

export const usePublication = create<PublicationState>()(() => ({
  form: readStored(FORM_KEY, EMPTY_FORM, isForm),
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

/**
 * Sets (or clears, with null or '') official values of a zone, in its draft (drafts owner).
 * Resolves when written; rejects with a French message (unknown zone, no outline, storage).
 */
export function setZoneCnig(zoneId: string, patch: ZoneCnigValues): Promise<unknown> {
  return saveZoneCnig(zoneId, patch);
}

/**
 * Adapter to the drafts owner (issue 10), called after a package is downloaded: the drafts are
 * marked « exporté, en attente de publication » (state/drafts/publication.ts), and cleared only
 * once the public data loaded by the app holds an identical version.
 */
export function markExported(ids: string[], opts: { at: string; packageName: string; zoneIds?: readonly string[] }): Promise<number> {
  return markDraftsExported(ids, opts);
}
