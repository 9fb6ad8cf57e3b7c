/**
 * What Cartofriches already knows about a friche, in plain terms, for the site sheet: a readable
 * short name for funding-application titles, the former activity, the owners (names of legal
 * persons only), the buildings and asbestos, the cadastral parcels, the last sale, the Fonds friches
 * / Fonds vert application, Cerema's own rail distance, and what each date is. Pure; never invents
 * a value (what the record does not say stays null). Mapping: data/cartofriches-mapping.md.
 *
 * Privacy: natural persons are masked in the source (« _X_ ») and stay masked. The free-text
 * description written by a funding applicant (`activite_libelle` of a « fond friche » record) can
 * name private individuals, so it is not carried (`former_activity_withheld`), nor in `raw`.
 * Per-dossier financial figures (`ff_deficit`, `ff_*_ht`) are left out as well (SOURCES.md §2:
 * to be checked before republishing).
 */

import { isoDate, list, num, str } from './recordValues';

/** Date of the Cartofriches extract the atlas reads (« données Cartofriches de mars 2024 »). */
export const CARTOFRICHES_DATA_DATE = '2024-03';

export interface FricheOwnerCategory {
  /** Fichiers fonciers `catpro3` code, e.g. « P5a ». */
  code: string;
  /** French label, e.g. « commune ». */
  label: string;
  /** Public owner (State, region, department, intercommunality, commune, EPF, EPA…). */
  public: boolean;
}

export interface FricheOwners {
  categories: FricheOwnerCategory[];
  /** Names of the legal persons, as in the source (natural persons are masked there and never listed). */
  legal_names: string[];
  /** At least one owner is a natural person (name masked at the source). */
  natural_persons: boolean;
  /** Whether the owners are public: all, some, none; null when no category is known. */
  public_owner: 'all' | 'some' | 'none' | null;
}

export interface FricheFunding {
  /** The call, e.g. « Fonds friches – Recyclage foncier 2021 », « Fonds vert 2023 – mesure recyclage foncier ». */
  call: string | null;
  /** The edition when the call has several, e.g. « 1re édition », « 2nde édition ». */
  edition: string | null;
  dossier: string | null;
  /** true: laureate; false: not selected; null: not stated. */
  laureate: boolean | null;
  /** Nature of the friche as declared in the application (`ff_nat_friche`). */
  nature: string | null;
}

export interface FricheDetails {
  /** The site name exactly as delivered (`site_nom`). */
  full_name: string | null;
  /** The call named in a funding-application title, e.g. « Appel à projet Recyclage Foncier 2021 2nde édition »; null otherwise. */
  application_title: string | null;
  /** Cartofriches source family (`nature`): « MTE non vérifié », « MTE », « fond friche »… */
  source_category: string | null;
  /** Former activity (`activite_libelle`, a BASIAS activity label); null when absent or withheld. */
  former_activity: string | null;
  /** The record holds an applicant's free-text description that is not shown (it may name private persons). */
  former_activity_withheld: boolean;
  owners: FricheOwners | null;
  /** Number of buildings on the land unit (Fichiers fonciers), or null. */
  buildings: number | null;
  /** true when the source flags asbestos in the buildings (`bati_pollution`); null when not stated. */
  asbestos: boolean | null;
  /** Cadastral parcels (`l_idpar`, 14-character ids). */
  parcels: string[];
  /** Year of the last sale (`date_mutation`), e.g. « 2020 », or null. */
  last_sale_year: string | null;
  funding: FricheFunding | null;
  /** Cerema's rail distance (`desserte_distance_ferroviaire`, m): to any SNCF station record, closed and freight ones included. */
  cerema_rail_distance_m: number | null;
  /** When the site was identified in Cartofriches (`site_identif_date`, ISO). */
  identified_on: string | null;
  /** `identified_on` is the technical import date of a BASIAS/BASOL record, not a field observation. */
  identified_is_import: boolean;
  /** Last update of the record in Cartofriches (`site_actu_date`, ISO). */
  source_updated_on: string | null;
  /** Date of the Cartofriches extract (« 2024-03 »). */
  data_date: string;
  /** Source fields, as delivered, for the « données source » block (withheld fields left out). */
  raw: Record<string, string | number | boolean>;
}

function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

// ---------- readable name of funding-application titles ----------

export interface ReadableName {
  /** Short title shown as the site's name. */
  short: string;
  /** The call named in the title, e.g. « Appel à projet Recyclage Foncier 2021 ». */
  call: string;
  dossier: string | null;
}

const DEP_CODE = /^(\d{2,3}|2[AB])$/;

/**
 * Funding-application titles become a short title plus the call:
 * - « Appel à projet Recyclage Foncier 2021 (Dossier N° 3293573) - Hauts-de-France - 02 - Aisne -
 *   Billy-sur-Aisne » → « Dossier n° 3293573 – Billy-sur-Aisne »;
 * - « … - Soissons (02200) - friche: 57 rue Saint-Martin » → « 57 rue Saint-Martin – Soissons »;
 * - « Appel à projet Fonds Vert 2023 -BSL2 et SNCF » → « BSL2 et SNCF ».
 * Any other name → null (it is already readable).
 */
export function readableFricheName(name: string | null): ReadableName | null {
  if (!name) return null;
  const m = /^(appel (?:à|a) projets?\b.*?)\s*(?:\(\s*dossier\s*n\s*°?\s*([\w-]+)\s*\))?(?:\s+-\s*|\s*-\s+)(.+)$/i.exec(name.trim());
  if (!m) return null;
  const call = m[1].trim();
  const dossier = m[2] ?? null;
  const parts = m[3].split(/\s+-\s+/).map((s) => s.trim()).filter(Boolean);
  let place: string | null = null;
  let rest: string[] = parts;
  // « Région - 02 - Département - Commune (code postal) [- friche: libellé] »
  if (parts.length >= 4 && DEP_CODE.test(parts[1])) {
    place = parts[3].replace(/\s*\(\d{5}\)\s*$/, '').trim() || null;
    rest = parts.slice(4);
  }
  const label = rest
    .join(' – ')
    .replace(/^friche\s*:\s*/i, '')
    .trim();
  let short: string;
  if (label && place) short = `${label} – ${place}`;
  else if (label) short = label;
  else if (place) short = dossier ? `Dossier n° ${dossier} – ${place}` : place;
  else return null;
  return { short, call, dossier };
}

// ---------- owners ----------

/** Labels of the Fichiers fonciers owner categories (`catpro3`), written for the atlas. */
const OWNER_LABELS: Record<string, string> = {
  X1a: 'personne physique',
  P1a: 'État étranger',
  P1b: 'État',
  P2a: 'région',
  P3a: 'département',
  P4a: 'intercommunalité',
  P4b: 'syndicat intercommunal',
  P4c: 'syndicat mixte',
  P4d: 'syndicat intercommunal',
  P5a: 'commune',
  F1a: 'organisme de logement social',
  F2a: "établissement public foncier d'État",
  F2b: 'établissement public foncier local',
  F4a: "société d'économie mixte",
  F5a: 'aménageur foncier',
  F5b: "établissement public d'aménagement",
  F6a: 'promoteur immobilier',
  F6b: 'constructeur',
  F6c: 'société civile de construction-vente',
  G1a: 'société civile immobilière (SCI)',
  G1b: 'société civile de construction',
  G1c: "société civile d'investissement",
  G1d: 'société civile',
  G2a: 'copropriété',
  M1a: 'autre personne morale',
  M2a: 'autre personne morale publique',
  R2a: 'SNCF',
  Z1a: 'établissement industriel',
  Z2a: 'grande distribution',
  Z2b: 'commerce de gros',
  Z2c: 'commerce de détail',
};

/** Public owners: State, region, department, intercommunality, commune (P…), EPF (F2…), EPA (F5b), other public legal person (M2a). */
export function isPublicOwnerCode(code: string): boolean {
  return /^P\d/.test(code) || /^F2/.test(code) || code === 'F5b' || code === 'M2a';
}

function sentenceCase(s: string): string {
  const l = s.toLowerCase();
  return l.charAt(0).toUpperCase() + l.slice(1);
}

export function fricheOwners(p: Record<string, unknown>): FricheOwners | null {
  const codes = list(p.proprio_type);
  const labels = list(p.l_catpro3txt);
  const personne = fold(str(p.proprio_personne) ?? '');
  const names = list(p.proprio_nom);
  if (codes.length === 0 && names.length === 0 && !personne) return null;
  const categories = codes.map((code) => ({
    code,
    // The label lists are sorted on their own; a lone code can take the lone source label.
    label: OWNER_LABELS[code] ?? (codes.length === 1 && labels.length === 1 ? sentenceCase(labels[0]) : `catégorie ${code}`),
    public: isPublicOwnerCode(code),
  }));
  const natural = personne.includes('physique') || codes.some((c) => c.startsWith('X')) || names.some((n) => /^_+x_+$/i.test(n));
  const legal_names = names.filter((n) => !/^_+x_+$/i.test(n) && !/_X_/i.test(n));
  const nPublic = categories.filter((c) => c.public).length;
  return {
    categories,
    legal_names,
    natural_persons: natural,
    public_owner: categories.length === 0 ? null : nPublic === 0 ? 'none' : nPublic === categories.length ? 'all' : 'some',
  };
}

// ---------- funding ----------

export function fricheFunding(p: Record<string, unknown>): FricheFunding | null {
  const editionLabel = str(p.ff_edition);
  const dossier = str(p.ff_num_dossier);
  const laureateRaw = str(p.ff_laureat_fv);
  if (!editionLabel && !dossier && !laureateRaw) return null;
  let call: string | null = editionLabel;
  let edition: string | null = null;
  if (editionLabel) {
    const e = /\s*\(([^()]*édition[^()]*)\)\s*$/i.exec(editionLabel);
    if (e) {
      edition = e[1].trim();
      call = editionLabel.slice(0, e.index).trim();
    }
    call = call ? call.replace(/\s+-\s+/g, ' – ') : null;
  }
  const l = laureateRaw ? fold(laureateRaw) : null;
  return {
    call,
    edition,
    dossier,
    laureate: l === 'oui' || l === 'true' ? true : l === 'non' || l === 'false' ? false : null,
    nature: str(p.ff_nat_friche),
  };
}

// ---------- the whole record ----------

/** Fields copied to `raw` (the « données source » block), in this order, when present. */
export const RAW_FIELDS = [
  'site_id',
  'site_nom',
  'id_from_file',
  'nature',
  'source_nom',
  'source_producteur',
  'site_statut',
  'site_type',
  'site_occupation',
  'site_identif_date',
  'site_actu_date',
  'date_creation',
  'activite_libelle',
  'activite_code',
  'activite_fin_annee',
  'proprio_personne',
  'proprio_type',
  'l_catpro3txt',
  'proprio_nom',
  'bati_nombre',
  'bati_surface',
  'bati_type',
  'bati_pollution',
  'bati_vacance',
  'bati_etat',
  'l_idpar',
  'l_idtup',
  'unite_fonciere_surface',
  'date_mutation',
  'local_ancienne_annee',
  'local_recent_annee',
  'sol_pollution_existe',
  'urba_doc_type',
  'urba_zone_type',
  'urba_zone_lib',
  'urba_zone_formdomi',
  'urba_zone_formdomi_txt',
  'urba_datappro',
  'desserte_distance_ferroviaire',
  'ff_edition',
  'ff_num_dossier',
  'ff_laureat_fv',
  'ff_nat_friche',
  'ff_logique_intervention',
  'ff_intervention',
  'ff_mo_requal',
  'ff_site_area',
  'ff_friche_area',
] as const;

function isFundingRecord(p: Record<string, unknown>): boolean {
  const nature = fold(str(p.nature) ?? str(p.source_category) ?? '');
  return nature === 'fond friche' || str(p.ff_num_dossier) !== null;
}

function isBasiasImport(p: Record<string, unknown>): boolean {
  const nature = fold(str(p.nature) ?? str(p.source_category) ?? '');
  return nature === 'mte' || nature === 'mte non verifie';
}

export function fricheDetails(p: Record<string, unknown>): FricheDetails {
  const fullName = str(p.site_nom) ?? str(p.name);
  const readable = readableFricheName(fullName);
  const funding = isFundingRecord(p);
  const activity = str(p.activite_libelle);
  const withheld = funding && activity !== null;
  const pollution = str(p.bati_pollution);
  const raw: Record<string, string | number | boolean> = {};
  for (const k of RAW_FIELDS) {
    if (k === 'activite_libelle' && withheld) continue;
    const v = p[k];
    if (typeof v === 'string' ? v.trim() !== '' : typeof v === 'number' ? Number.isFinite(v) : typeof v === 'boolean') raw[k] = v as string | number | boolean;
  }
  return {
    full_name: fullName,
    application_title: readable?.call ?? null,
    source_category: str(p.nature) ?? str(p.source_category),
    former_activity: withheld ? null : activity,
    former_activity_withheld: withheld,
    owners: fricheOwners(p),
    buildings: num(p.bati_nombre),
    asbestos: pollution && /amiante/i.test(pollution) ? true : null,
    parcels: list(p.l_idpar),
    last_sale_year: str(p.date_mutation),
    funding: funding ? fricheFunding(p) : null,
    cerema_rail_distance_m: num(p.desserte_distance_ferroviaire),
    identified_on: isoDate(p.site_identif_date),
    identified_is_import: isBasiasImport(p),
    source_updated_on: isoDate(p.site_actu_date),
    data_date: CARTOFRICHES_DATA_DATE,
    raw,
  };
}

/** Cadastral parcel id « 02722000CP0023 » → { insee: '02722', section: 'CP', number: '23' }; null when not 14 characters. */
export function readParcelId(id: string): { insee: string; section: string; number: string } | null {
  const m = /^(\d[\dAB]\d{3})(\d{3})([0-9A-Z]{2})(\d{4})$/.exec(id.trim());
  if (!m) return null;
  return { insee: m[1], section: m[3].replace(/^0/, ''), number: String(Number(m[4])) };
}
