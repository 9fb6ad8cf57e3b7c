/**
 * The column-mapping step: columns of an imported file that the atlas does not know
 * (« Surface (m²) », « DISPO », « Nom du terrain »…) get a proposed atlas field; the user
 * confirms or changes it, and the choice is remembered for the next file
 * (./columnMemory.ts). Pure.
 */
import type { RawRecord } from './types';
import { knownColumn } from './toSite';
import { isBlank, normalizeKey } from './values';

/** Atlas fields a column can be mapped onto (the key is the field's own column name). */
export const COLUMN_TARGETS = [
  'name',
  'id',
  'kind',
  'zone_name',
  'zone_id',
  'commune',
  'insee',
  'epci_name',
  'epci_siren',
  'declared_surface_m2',
  'declared_surface_ha',
  'availability',
  'occupation',
  'sectors',
  'price_eur_m2',
  'contact',
  'notes',
  'friche_status',
  'friche_type',
  'source',
  'source_url',
  'updated_at',
  'created_at',
  'fictitious',
] as const;
export type ColumnTarget = (typeof COLUMN_TARGETS)[number];

/** Column (as written in the file) → atlas field; null = do not import that column. */
export type ColumnMap = Record<string, ColumnTarget | null>;

export interface ColumnProposal {
  /** The column name, verbatim. */
  column: string;
  /** The field used or proposed; null = none (not imported). */
  target: ColumnTarget | null;
  /** chosen: by the user for this file; remembered: from an earlier file; suggested: proposed, not applied yet. */
  origin: 'chosen' | 'remembered' | 'suggested' | 'none';
  /** Whether `target` is applied to this report. */
  applied: boolean;
  /** A first non-blank value of the column, to help choose. */
  sample: string | null;
}

export function isColumnTarget(v: unknown): v is ColumnTarget {
  return typeof v === 'string' && (COLUMN_TARGETS as readonly string[]).includes(v);
}

/** Words that carry no meaning in column names. */
const STOP = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'en', 'a', 'au', 'aux', 'et', 'of', 'the', 'in', 'par']);

/** « Surface (m²) » → surface_m2, « Prix (€/m²) » → prix_eur_m2. */
export function columnKey(header: string): string {
  return normalizeKey(header.replace(/²/g, '2').replace(/³/g, '3').replace(/€/g, ' eur ').replace(/%/g, ' pct '));
}

/** Extra words that name a field, beyond the import aliases (toSite.ts). */
const WORDS: Partial<Record<ColumnTarget, string[]>> = {
  name: ['nom', 'name', 'libelle', 'intitule', 'designation', 'appellation', 'denomination'],
  id: ['identifiant', 'id', 'code', 'reference', 'ref', 'numero'],
  kind: ['type', 'nature', 'categorie', 'kind'],
  zone_name: ['zone', 'zae', 'parc', 'zac'],
  commune: ['commune', 'ville', 'localite'],
  insee: ['insee'],
  epci_name: ['epci', 'intercommunalite', 'communaute'],
  epci_siren: ['siren'],
  declared_surface_m2: ['surface', 'superficie', 'contenance', 'm2', 'surf'],
  declared_surface_ha: ['hectares', 'ha'],
  availability: ['disponibilite', 'disponible', 'dispo', 'commercialisation', 'statut'],
  occupation: ['occupation', 'occupe', 'vacant', 'vacance'],
  sectors: ['filiere', 'filieres', 'secteur', 'secteurs', 'activite', 'activites'],
  price_eur_m2: ['prix', 'tarif', 'cout', 'eur', 'euros'],
  contact: ['contact', 'interlocuteur', 'referent', 'telephone', 'mail', 'courriel'],
  notes: ['notes', 'remarque', 'remarques', 'commentaire', 'commentaires', 'observation', 'observations', 'description'],
  source: ['source', 'origine', 'producteur'],
  source_url: ['url', 'lien', 'site', 'web'],
  updated_at: ['maj', 'modification', 'actualisation'],
  created_at: ['creation'],
  fictitious: ['fictif', 'fictive', 'exemple'],
};

const tokens = (k: string) => k.split('_').filter((t) => t && !STOP.has(t));
const same = (a: string, b: string) => a === b || (a.length >= 4 && b.startsWith(a)) || (b.length >= 4 && a.startsWith(b));

/** The atlas field a column most likely means, or null. */
export function suggestTarget(header: string): ColumnTarget | null {
  const key = columnKey(header);
  const direct = knownColumn(key);
  if (isColumnTarget(direct)) return direct;
  if (direct === 'declared_surface_ha' || direct === 'cnig_surface_ha') return 'declared_surface_ha';
  const ts = tokens(key);
  if (ts.length === 0) return null;
  let best: ColumnTarget | null = null;
  let bestScore = 0;
  for (const target of COLUMN_TARGETS) {
    const words = WORDS[target] ?? [];
    const matched = ts.filter((t) => words.some((w) => same(t, w))).length;
    // Share of the header's words that name this field; surfaces in hectares win over m².
    let score = matched / ts.length;
    if (target === 'declared_surface_ha' && matched > 0 && ts.includes('ha')) score += 0.5;
    if (score > bestScore) {
      best = target;
      bestScore = score;
    }
  }
  return bestScore >= 0.5 ? best : null;
}

/**
 * The unknown columns of the records, each with the field it is mapped onto: the user's
 * choice for this file, else a remembered one, else a suggestion (not applied).
 * Columns that are always blank are left out.
 */
export function proposeColumns(records: readonly RawRecord[], chosen: ColumnMap = {}, remembered: ColumnMap = {}): ColumnProposal[] {
  const samples = new Map<string, string | null>();
  for (const r of records) {
    for (const k in r.properties) {
      const v = r.properties[k];
      const had = samples.get(k);
      if (had === undefined) samples.set(k, isBlank(v) ? null : String(v));
      else if (had === null && !isBlank(v)) samples.set(k, String(v));
    }
  }
  const out: ColumnProposal[] = [];
  for (const [column, sample] of samples) {
    if (knownColumn(column) !== undefined) continue;
    if (sample === null && !(column in chosen)) continue;
    const short = sample !== null && sample.length > 60 ? `${sample.slice(0, 59)}…` : sample;
    if (column in chosen) out.push({ column, target: chosen[column], origin: 'chosen', applied: true, sample: short });
    else if (columnKey(column) in remembered) out.push({ column, target: remembered[columnKey(column)], origin: 'remembered', applied: true, sample: short });
    else {
      const target = suggestTarget(column);
      out.push({ column, target, origin: target ? 'suggested' : 'none', applied: false, sample: short });
    }
  }
  return out;
}

/** Renames (or drops) the mapped columns of every record, in place. */
export function applyColumnMap(records: RawRecord[], proposals: readonly ColumnProposal[]): void {
  const map = proposals.filter((p) => p.applied);
  if (map.length === 0) return;
  for (const r of records) {
    const props = r.properties;
    for (const p of map) {
      if (!(p.column in props)) continue;
      const v = props[p.column];
      delete props[p.column];
      if (p.target && !isBlank(v)) props[p.target] = v;
    }
  }
}
