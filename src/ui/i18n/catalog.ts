/** Registry of all message files. Each feature adds its own `messages.ts` here. */
import type { Locale } from '../../domain/types';
import { messages as app } from '../app/messages';
import { messages as search } from '../search/messages';
import { messages as zones } from '../zones/messages';
import { messages as charts } from '../shared/charts/messages';
import { messages as curation } from '../curation/messages';
import { messages as common } from '../common/messages';
import { messages as sheet } from '../sheet/messages';
import { messages as compare } from '../compare/messages';
import { messages as pages } from '../pages/messages';
import { messages as dashboard } from '../dashboard/messages';
import { messages as print } from '../print/messages';
import { messages as map } from '../map/messages';
import { messages as shared } from '../shared/messages';
import { messages as publication } from '../publication/messages';
import { messages as offline } from '../offline/messages';

export interface FeatureMessages {
  fr: Record<string, string>;
  en: Record<string, string>;
}

const FEATURES: FeatureMessages[] = [app, search, zones, charts, curation, common, sheet, compare, pages, dashboard, print, map, shared, publication, offline];

export const CATALOG: Record<Locale, Record<string, string>> = {
  fr: Object.assign({}, ...FEATURES.map((f) => f.fr)),
  en: Object.assign({}, ...FEATURES.map((f) => f.en)),
};

export const FEATURE_CATALOGS = FEATURES;
