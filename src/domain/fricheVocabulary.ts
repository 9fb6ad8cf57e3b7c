/**
 * The CNIG « Friches » code lists as the data writes them (Cartofriches `site_statut`,
 * `site_type`; see ../shared/opendata/friches/SOURCES.md §6.2), recognised whatever the case,
 * accents or apostrophes, so the interface can show them in its own language. A value outside
 * the lists gives null: it is then shown as written (French data, `lang="fr"`).
 */

export const FRICHE_STATUS_KEYS = ['potentielle', 'sans_projet', 'avec_projet', 'reconvertie', 'inconnu', 'autre', 'sans_objet'] as const;
export type FricheStatusKey = (typeof FRICHE_STATUS_KEYS)[number];

export const FRICHE_TYPE_KEYS = [
  'industrielle',
  'commerciale',
  'hospitaliere',
  'agro_industrielle',
  'carriere_mine',
  'militaire',
  'habitat',
  'equipement_public',
  'portuaire',
  'aeroportuaire',
  'ferroviaire',
  'logistique',
  'loisir_tourisme',
  'enseignement',
  'cultuelle',
  'mixte',
  'inconnu',
  'autre',
  'sans_objet',
] as const;
export type FricheTypeKey = (typeof FRICHE_TYPE_KEYS)[number];

/** Lower case, no accents, straight apostrophes, single spaces, without a leading « friche ». */
function norm(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^friche /, '');
}

const STATUS: Record<string, FricheStatusKey> = {
  potentielle: 'potentielle',
  'sans projet': 'sans_projet',
  'avec projet': 'avec_projet',
  reconvertie: 'reconvertie',
  inconnu: 'inconnu',
  autre: 'autre',
  'sans objet': 'sans_objet',
};

const TYPE: Record<string, FricheTypeKey> = {
  industrielle: 'industrielle',
  commerciale: 'commerciale',
  hospitaliere: 'hospitaliere',
  'agro-industrielle': 'agro_industrielle',
  'carriere ou mine': 'carriere_mine',
  militaire: 'militaire',
  "d'habitat": 'habitat',
  "d'habitation": 'habitat',
  "d'equipement public": 'equipement_public',
  portuaire: 'portuaire',
  aeroportuaire: 'aeroportuaire',
  ferroviaire: 'ferroviaire',
  logistique: 'logistique',
  'loisir tourisme hotellerie': 'loisir_tourisme',
  touristique: 'loisir_tourisme',
  enseignement: 'enseignement',
  cultuelle: 'cultuelle',
  mixte: 'mixte',
  inconnu: 'inconnu',
  autre: 'autre',
  'sans objet': 'sans_objet',
};

/** « friche sans projet » → 'sans_projet'; null when the value is not in the CNIG list. */
export function fricheStatusOf(value: string | null | undefined): FricheStatusKey | null {
  return typeof value === 'string' ? (STATUS[norm(value)] ?? null) : null;
}

/** « friche d’habitat » → 'habitat', « agro-industrielle » → 'agro_industrielle'; null when not in the CNIG list. */
export function fricheTypeOf(value: string | null | undefined): FricheTypeKey | null {
  return typeof value === 'string' ? (TYPE[norm(value)] ?? null) : null;
}
