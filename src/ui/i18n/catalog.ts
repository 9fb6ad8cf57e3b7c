/**
 * Registry of all message files. Each feature has a `messages.ts` (French, the default, loaded
 * at start) and a `messages.en.ts` (English, in ./catalog.en.ts, loaded only when a visitor
 * switches to it: about 17 kB gzipped less before the first map idle).
 */
import type { Locale } from '../../domain/types';
import { fr as app } from '../app/messages';
import { fr as search } from '../search/messages';
import { fr as zones } from '../zones/messages';
import { fr as charts } from '../shared/charts/messages';
import { fr as curation } from '../curation/messages';
import { fr as common } from '../common/messages';
import { fr as sheet } from '../sheet/messages';
import { fr as compare } from '../compare/messages';
import { fr as pages } from '../pages/messages';
import { fr as dashboard } from '../dashboard/messages';
import { fr as print } from '../print/messages';
import { fr as map } from '../map/messages';
import { fr as shared } from '../shared/messages';
import { fr as publication } from '../publication/messages';
import { fr as offline } from '../offline/messages';

/** One locale's messages of one feature: key → text, `{name}` for parameters. */
export type Messages = Record<string, string>;

/** Every feature's French messages, by feature; ./catalog.en.ts has the same features in English. */
export const FR_FEATURES = { app, search, zones, charts, curation, common, sheet, compare, pages, dashboard, print, map, shared, publication, offline };

export type FeatureName = keyof typeof FR_FEATURES;

/**
 * The messages of each locale, all features together. English is empty until `loadLocale('en')`
 * (./index.ts) fills it; until then `translate` falls back to French.
 */
export const CATALOG: Record<Locale, Messages> = {
  fr: Object.assign({}, ...Object.values(FR_FEATURES)),
  en: {},
};
