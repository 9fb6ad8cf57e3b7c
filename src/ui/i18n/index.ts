/**
 * Translations. Every string shown to users lives in one place per locale: each feature
 * folder has a `messages.ts` (French) and a `messages.en.ts` (English), registered in
 * ./catalog.ts and ./catalog.en.ts. French is the default and is in the start-up code; English
 * sits behind the language toggle and is loaded the first time it is asked for.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useAtlas } from '../../state/store';
import type { Locale } from '../../domain/types';
import { CATALOG } from './catalog';
import { retryingImport } from '../shared/chunkRetry';

export type Params = Record<string, string | number>;

/** The text of `key` in `locale` (French when that locale lacks it or is not loaded yet, then the key). */
export function translate(locale: Locale, key: string, params?: Params): string {
  const table = CATALOG[locale];
  let text = table[key] ?? CATALOG.fr[key] ?? key;
  if (params) {
    for (const [k, v] of Object.entries(params)) text = text.split(`{${k}}`).join(String(v));
  }
  return text;
}

export type TFunction = (key: string, params?: Params) => string;

const loaded = new Set<Locale>(['fr']);
let loading: Promise<void> | null = null;
/** Bumped when a locale's messages arrive: the components showing it render again. */
let catalogVersion = 0;
const listeners = new Set<() => void>();

/** The messages of `locale` are here (French always is). */
export function isLocaleLoaded(locale: Locale): boolean {
  return loaded.has(locale);
}

/** The English messages' chunk, asked again under a new URL after a failed download (../shared/chunkRetry.ts). */
const importEnglish = retryingImport(() => import('./catalog.en'), 'EN_FEATURES');

/**
 * Loads the messages of `locale` (English: its own chunk, fetched once). Rejects when the chunk
 * cannot be fetched (offline before the atlas was ever saved for offline use); a later call
 * tries again.
 */
export function loadLocale(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return Promise.resolve();
  loading ??= importEnglish().then(
    (features) => {
      CATALOG.en = Object.assign({}, ...Object.values(features));
      loaded.add('en');
      catalogVersion++;
      for (const cb of [...listeners]) cb();
    },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/**
 * Switches the atlas to `locale` once its messages are here, so the page never shows a mix of
 * the two languages. Rejects, leaving the locale as it was, when they cannot be loaded.
 */
export async function switchLocale(locale: Locale): Promise<void> {
  await loadLocale(locale);
  useAtlas.getState().setLocale(locale);
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

const getVersion = () => catalogVersion;

export function useT(): TFunction {
  const locale = useAtlas((s) => s.locale);
  const version = useSyncExternalStore(subscribe, getVersion, getVersion);
  // A locale set without switchLocale (the browser's back button to an English URL): French
  // until its messages arrive, then a new render.
  useEffect(() => {
    if (!loaded.has(locale)) loadLocale(locale).catch(() => undefined);
  }, [locale]);
  // `version`: a new function once the messages arrive, so memoised users translate again.
  return useCallback((key: string, params?: Params) => translate(locale, key, params), [locale, version]);
}

/** French number formatting, e.g. 12 345,6. */
export { formatNumber } from '../../domain/format';
