/**
 * The atlas's own values ↔ the official code lists of the CNIG « Sites économiques » standard.
 *
 * | atlas `availability` | `terr_stade_comm` (written)            | read back from                                                        |
 * |----------------------|----------------------------------------|-----------------------------------------------------------------------|
 * | disponible           | en vente                               | en vente, en vente avec contraintes                                   |
 * | sous_option          | réservé par option de réservation      | réservé par option de réservation, réservé par une délibération de l'EPCI |
 * | vendu_occupe         | vendu, commercialisation achevée       | vendu, commercialisation achevée                                      |
 * | inconnu              | inconnu                                | every other value (non commercialisé, non commercialisable, autre…)   |
 *
 * | atlas `occupation` | `terr_etat_occup` (written) | read back from          |
 * |--------------------|-----------------------------|-------------------------|
 * | occupe             | occupé                      | occupé                  |
 * | inoccupe           | inoccupé                    | inoccupé, vacant        |
 * | en_transition      | occupation transitoire      | occupation transitoire  |
 * | friche             | friche                      | friche                  |
 * | inconnu            | inconnu                     | inconnu, autre, sans objet |
 *
 * A finer official value kept on the site (`cnig.terr_stade_comm`, e.g. « en vente avec
 * contraintes ») is written as it is while it still reads back to the site's atlas value;
 * otherwise the atlas value wins (it was edited since). Required coded fields the atlas does not
 * know are written « inconnu », as the standard asks.
 */
import type { Availability, Occupation } from '../types';
import { CNIG_STANDARD } from './standard';

export const UNKNOWN = 'inconnu';

const STADE_COMM_OF: Record<Availability, string> = {
  disponible: 'en vente',
  sous_option: 'réservé par option de réservation',
  vendu_occupe: 'vendu, commercialisation achevée',
  inconnu: UNKNOWN,
};

const AVAILABILITY_OF: Record<string, Availability> = {
  'en vente': 'disponible',
  'en vente avec contraintes': 'disponible',
  'réservé par option de réservation': 'sous_option',
  "réservé par une délibération de l'EPCI": 'sous_option',
  'vendu, commercialisation achevée': 'vendu_occupe',
};

const ETAT_OCCUP_OF: Record<Occupation, string> = {
  occupe: 'occupé',
  inoccupe: 'inoccupé',
  en_transition: 'occupation transitoire',
  friche: 'friche',
  inconnu: UNKNOWN,
};

const OCCUPATION_OF: Record<string, Occupation> = {
  occupé: 'occupe',
  inoccupé: 'inoccupe',
  vacant: 'inoccupe',
  'occupation transitoire': 'en_transition',
  friche: 'friche',
};

export const stadeCommOf = (a: Availability): string => STADE_COMM_OF[a] ?? UNKNOWN;
export const availabilityOf = (v: string | null | undefined): Availability => (v ? AVAILABILITY_OF[v] : undefined) ?? 'inconnu';
export const etatOccupOf = (o: Occupation): string => ETAT_OCCUP_OF[o] ?? UNKNOWN;
export const occupationOf = (v: string | null | undefined): Occupation => (v ? OCCUPATION_OF[v] : undefined) ?? 'inconnu';

/** The value to write: the kept official value while it agrees with the atlas value, else the mapped one. */
export function stadeCommFor(a: Availability, kept: string | null | undefined): string {
  return kept && isInList('terrain_eco', 'terr_stade_comm', kept) && availabilityOf(kept) === a ? kept : stadeCommOf(a);
}
export function etatOccupFor(o: Occupation, kept: string | null | undefined): string {
  return kept && isInList('terrain_eco', 'terr_etat_occup', kept) && occupationOf(kept) === o ? kept : etatOccupOf(o);
}

/** The official list of a coded field, or null when the field has none. */
export function codeList(cls: 'site_eco' | 'terrain_eco' | 'etablissement', field: string): readonly string[] | null {
  return CNIG_STANDARD.classes[cls].codelists[field] ?? CNIG_STANDARD.classes[cls].fields.find((f) => f.name === field)?.enum ?? null;
}

export function isInList(cls: 'site_eco' | 'terrain_eco' | 'etablissement', field: string, value: string): boolean {
  return codeList(cls, field)?.includes(value) ?? false;
}
