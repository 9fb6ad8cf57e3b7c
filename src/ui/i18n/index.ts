/**
 * Translations. Every string shown to users lives in one place per locale: each feature
 * folder has a `messages.ts` exporting `{ fr, en }`, registered in ./catalog.ts.
 * French is the default; English sits behind the language toggle.
 */
import { useCallback } from 'react';
import { useAtlas } from '../../state/store';
import type { Locale } from '../../domain/types';
import { CATALOG } from './catalog';

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: string, params?: Params): string {
  const table = CATALOG[locale];
  let text = table[key] ?? CATALOG.fr[key] ?? key;
  if (params) {
    for (const [k, v] of Object.entries(params)) text = text.split(`{${k}}`).join(String(v));
  }
  return text;
}

export type TFunction = (key: string, params?: Params) => string;

export function useT(): TFunction {
  const locale = useAtlas((s) => s.locale);
  return useCallback((key: string, params?: Params) => translate(locale, key, params), [locale]);
}

/** French number formatting, e.g. 12 345,6. */
export { formatNumber } from '../../domain/format';
