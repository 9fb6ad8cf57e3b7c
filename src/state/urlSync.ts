/**
 * The URL holds the whole state: filters, sort, selection, map view, visible layers,
 * shortlist, sample, locale and page (encoding in src/domain/urlState.ts).
 *
 * - On start, the URL is decoded into the store before the first render of the map, so
 *   the map's first view is the shared one.
 * - On store change: `pushState` for everything but map moves (so Back/Forward step
 *   through filter, selection, page… changes; rapid changes such as typing are
 *   coalesced by a short debounce), `replaceState` for map view moves alone.
 * - On `popstate`, the store is restored from the URL without pushing again.
 */
import { useEffect, useState } from 'react';
import { decodeUrlState, encodeUrlState, roundView } from '../domain/urlState';
import type { UrlState } from '../domain/types';
import { isSamplePending, loadSample, removeSample } from './sample';
import { DEFAULT_LAYERS, useAtlas, type AtlasState } from './store';

/** Debounce before writing history (ms). */
export const URL_DEBOUNCE_MS = 250;
/**
 * Continuous inputs (typing a name, a number, dragging a slider): a change of the same field
 * less than this (ms) after its previous change replaces the history entry that typing created
 * instead of adding one, so a word typed slowly is still one step for Back.
 */
export const COALESCE_MS = 1500;
const CONTINUOUS_FIELDS = ['text', 'surfaceMin', 'surfaceMax', 'maxDistRn2Km', 'maxDistWaterwayKm', 'maxDistStationKm', 'maxDistIteKm'] as const;

/** The state written to the URL, besides the filters. */
const URL_FIELDS_BESIDES_FILTERS = ['sort', 'selectedId', 'page', 'visibleLayers', 'shortlist', 'sampleLoaded', 'locale'] as const;

/** Whether any URL state other than the filters changed. */
function changedBesidesFilters(s: AtlasState, prev: AtlasState): boolean {
  return URL_FIELDS_BESIDES_FILTERS.some((k) => s[k] !== prev[k]);
}

/** Which continuous filter fields changed alone, as a key (null when anything else changed). */
function continuousKey(s: AtlasState, prev: AtlasState): string | null {
  if (changedBesidesFilters(s, prev)) return null;
  const changed = (Object.keys(s.filters) as Array<keyof typeof s.filters>).filter((k) => s.filters[k] !== prev.filters[k]);
  if (!changed.length || changed.some((k) => !(CONTINUOUS_FIELDS as readonly string[]).includes(k))) return null;
  return changed.sort().join(',');
}

export function urlStateFromStore(s: AtlasState): UrlState {
  const defaultLayers = s.visibleLayers.length === DEFAULT_LAYERS.length && DEFAULT_LAYERS.every((l) => s.visibleLayers.includes(l));
  return {
    page: s.page,
    filters: s.filters,
    sort: s.sort,
    selectedId: s.selectedId,
    view: s.view ? roundView(s.view) : null,
    layers: defaultLayers ? null : s.visibleLayers,
    shortlist: s.shortlist,
    // A load started from the URL keeps `sample=1` while it runs.
    sample: s.sampleLoaded || isSamplePending(),
    locale: s.locale,
  };
}

/** Puts a decoded URL state into the store (and loads or removes the sample to match). */
export function applyUrlState(u: UrlState): void {
  const s = useAtlas.getState();
  useAtlas.setState({
    page: u.page,
    filters: u.filters,
    sort: u.sort,
    selectedId: u.selectedId,
    // Keep the current view when the URL has none (the map keeps its place).
    view: u.view ?? s.view,
    visibleLayers: u.layers ?? DEFAULT_LAYERS,
    shortlist: u.shortlist,
    locale: u.locale,
  });
  if (u.sample && !s.sampleLoaded) {
    loadSample().catch(() => {
      /* the sample panel shows the error (useSampleStatus) */
    });
  } else if (!u.sample && s.sampleLoaded) {
    removeSample();
  }
}

function currentSuffix(): string {
  return window.location.search + window.location.hash;
}

function urlFor(suffix: string): string {
  return window.location.pathname + suffix;
}

/** Normalises `?` / `#` leftovers so equal states compare equal. */
function canon(suffix: string): string {
  let s = suffix;
  if (s.endsWith('#')) s = s.slice(0, -1);
  if (s === '?' || s.startsWith('?#')) s = s.slice(1);
  return s;
}

let initialised = false;

/** Decodes the current URL into the store, once (safe to call again). */
export function initFromLocation(): void {
  if (initialised) return;
  initialised = true;
  try {
    applyUrlState(decodeUrlState(window.location.search, window.location.hash));
  } catch {
    /* a broken URL gives the default state */
  }
}

type Kind = 'push' | 'replace';

/** Starts syncing store → URL and URL → store. Returns the stop function. */
export function startUrlSync(): () => void {
  initFromLocation();
  let applying = false;
  let pending: Kind | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Continuous field changed by the pending batch of pushes ('' when anything else changed). */
  let pendingField: string | null = null;
  /** The pending batch continues the typing that created the current history entry. */
  let pendingChain = false;
  /** Continuous field whose typing created the current history entry. */
  let entryField: string | null = null;
  /** Last continuous field changed, and when (to chain keystrokes). */
  let lastField: string | null = null;
  let lastFieldTime = 0;

  const flush = () => {
    timer = null;
    const kind = pending;
    const field = pendingField;
    const chain = pendingChain;
    pending = null;
    pendingField = null;
    pendingChain = false;
    if (!kind) return;
    const next = canon(encodeUrlState(urlStateFromStore(useAtlas.getState())));
    if (next === canon(currentSuffix())) return;
    if (kind === 'push' && !(chain && field && field === entryField)) {
      window.history.pushState(null, '', urlFor(next));
      entryField = field || null;
    } else {
      window.history.replaceState(null, '', urlFor(next));
    }
  };

  const schedule = (kind: Kind, field: string | null, chain: boolean) => {
    if (kind === 'push') {
      if (pending !== 'push') {
        pendingField = field ?? '';
        pendingChain = chain;
      } else if (pendingField !== field) {
        pendingField = '';
      }
    }
    pending = pending === 'push' || kind === 'push' ? 'push' : 'replace';
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, URL_DEBOUNCE_MS);
  };

  const unsubscribe = useAtlas.subscribe((s, prev) => {
    if (applying) return;
    const others = s.filters !== prev.filters || changedBesidesFilters(s, prev);
    if (others) {
      const field = continuousKey(s, prev);
      const now = Date.now();
      const chain = field !== null && field === lastField && now - lastFieldTime < COALESCE_MS;
      lastField = field;
      lastFieldTime = now;
      schedule('push', field, chain);
    } else if (s.view !== prev.view) schedule('replace', null, false);
  });

  const onPopState = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
    pendingField = null;
    pendingChain = false;
    entryField = null;
    lastField = null;
    applying = true;
    try {
      applyUrlState(decodeUrlState(window.location.search, window.location.hash));
    } catch {
      /* keep the current state */
    } finally {
      applying = false;
    }
  };
  window.addEventListener('popstate', onPopState);

  // Write the canonical form of the start URL without adding a history entry.
  const start = canon(encodeUrlState(urlStateFromStore(useAtlas.getState())));
  if (start !== canon(currentSuffix())) window.history.replaceState(null, '', urlFor(start));

  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPopState);
    if (timer) {
      clearTimeout(timer);
      flush();
    }
  };
}

/**
 * Mount once, at the top of App: decodes the URL into the store during the first render
 * (before the map mounts), then keeps store and URL in sync.
 */
export function useUrlSync(): void {
  useState(initFromLocation);
  useEffect(() => startUrlSync(), []);
}
