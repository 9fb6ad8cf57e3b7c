/** The English messages of every feature (a chunk of its own, loaded by `loadLocale('en')`). */
import { en as app } from '../app/messages.en';
import { en as search } from '../search/messages.en';
import { en as zones } from '../zones/messages.en';
import { en as charts } from '../shared/charts/messages.en';
import { en as curation } from '../curation/messages.en';
import { en as common } from '../common/messages.en';
import { en as sheet } from '../sheet/messages.en';
import { en as compare } from '../compare/messages.en';
import { en as pages } from '../pages/messages.en';
import { en as dashboard } from '../dashboard/messages.en';
import { en as print } from '../print/messages.en';
import { en as map } from '../map/messages.en';
import { en as shared } from '../shared/messages.en';
import { en as publication } from '../publication/messages.en';
import { en as offline } from '../offline/messages.en';
import type { FeatureName, Messages } from './catalog';

/** The same features as FR_FEATURES (./catalog.ts), in English (the type makes a missing one an error). */
export const EN_FEATURES: Record<FeatureName, Messages> = { app, search, zones, charts, curation, common, sheet, compare, pages, dashboard, print, map, shared, publication, offline };
