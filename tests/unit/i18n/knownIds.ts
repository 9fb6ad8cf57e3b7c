/** The vocabularies whose labels are looked up with computed keys (`level.${id}`…). */
import { READINESS_ITEM_IDS, READINESS_LEVELS, SECTOR_IDS, type Availability, type ItemStatus, type Occupation, type SiteKind } from '../../../src/domain/types';

const AVAILABILITY: Availability[] = ['disponible', 'sous_option', 'vendu_occupe', 'inconnu'];
const OCCUPATION: Occupation[] = ['occupe', 'inoccupe', 'en_transition', 'friche', 'inconnu'];
export const ITEM_STATUSES_FOR_TEST: ItemStatus[] = ['fait', 'en_cours', 'a_faire', 'a_verifier', 'sans_objet', 'inconnu'];
const KINDS: SiteKind[] = ['plot', 'friche'];

export const KNOWN_IDS: Record<string, readonly string[]> = {
  level: READINESS_LEVELS,
  sector: SECTOR_IDS,
  availability: AVAILABILITY,
  occupation: OCCUPATION,
  itemStatus: ITEM_STATUSES_FOR_TEST,
  kind: KINDS,
  readinessItem: READINESS_ITEM_IDS,
};
