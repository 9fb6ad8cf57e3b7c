/**
 * Maps a Cartofriches record (CNIG "Standard Friches" fields, plus the normalised fields
 * written by the data build) onto the atlas site model. Pure; never invents a value.
 *
 * | Site field            | from the Cartofriches record                                                    |
 * |-----------------------|---------------------------------------------------------------------------------|
 * | id                    | `id`, else `site_id`, else the feature id                                       |
 * | name                  | `name`, else `site_nom`, else « Friche sans nom – <id> »; a funding-application  |
 * |                       | title becomes its short readable form (readableFricheName, fricheDetails.ts)    |
 * | kind / occupation     | always `friche` / `friche`                                                      |
 * | insee, commune        | `insee` / `commune`, else `comm_insee` / `comm_nom`                             |
 * | epci_siren, epci_name | `epci_siren` / `epci_name` (added by the data build), else null                 |
 * | declared_surface_m2   | `surface_m2`, else `site_surface` (m², finite number), else null                |
 * | computed_surface_m2   | null (the geometry is a point)                                                  |
 * | availability          | `inconnu` (Cartofriches does not say whether the land is for sale)              |
 * | sectors               | [] (never invented)                                                             |
 * | price, contact, notes | null                                                                            |
 * | friche_status         | `status`, else `site_statut`                                                    |
 * | friche_type           | `type`, else `site_type`                                                        |
 * | source_url            | first URL of `site_url` (several are separated by `|`), else null               |
 * | source                | « Cartofriches (Cerema) – mise à jour février/mars 2024 – <producer> »          |
 * |                       | producer = `nom_prodcartofriches`, else `source_nom`, else `source` minus prefix |
 * | updated_at            | `site_actu_date` when an ISO date, else null                                    |
 * | fictitious            | false                                                                           |
 * | friche_details        | fricheDetails(record): what Cartofriches adds, in plain terms (fricheDetails.ts) |
 * | readiness             | every item `inconnu`, except `planning` and `soil_pollution` (below), and a     |
 * |                       | sourced hint (status still `inconnu`) on `land_control` when an owner is public |
 *
 * Readiness item `planning` (source « Géoportail de l'urbanisme via Cartofriches »): `fait` only
 * when the PLU/PLUi zone's code or label says economic activity (UI…, UX, UY, UZ, UE, 1AUi, AUx…,
 * or a label such as « activités industrielles »); every other case, a missing zone included, is
 * `a_verifier`, with the zone quoted and the reason. Rule and basis: src/domain/planningRule.ts
 * and data/planning-rule.md. `date` = `urba_datappro` (month of approval, "MM/YYYY") as the
 * reduced-precision ISO date "YYYY-MM"; null when absent. The note ends with the source fields.
 *
 * Readiness item `soil_pollution` (source « Cartofriches (Cerema) »), from `sol_pollution_existe`:
 * | value                                                         | status    |
 * |---------------------------------------------------------------|-----------|
 * | pollution avérée, pollution supposée                          | `a_faire` |
 * | pollution traitée, pollution inexistante, pollution peu probable | `fait`  |
 * | inconnu, anything else, missing                               | `inconnu` |
 * ("supposée": suspected pollution is neither known nor treated, a diagnosis is to do.)
 *
 * Every derived item quotes the exact source fields in `note`.
 */
import type { Feature, Point } from 'geojson';
import { fricheDetails, readableFricheName, type FricheDetails } from './fricheDetails';
import { classifyPlanningZone } from './planningRule';
import { isoDate, num, str } from './recordValues';
import { emptyReadiness } from './readiness';
import type { ItemStatus, ReadinessItem, Site } from './types';

export type CartofrichesFeature = Feature<Point, Record<string, unknown>>;

export const CARTOFRICHES_SOURCE = 'Cartofriches (Cerema) – mise à jour février/mars 2024';
export const PLANNING_SOURCE = "Géoportail de l'urbanisme via Cartofriches";
export const SOIL_SOURCE = 'Cartofriches (Cerema)';

/** "09/2020" → "2020-09"; "2020-09-15" → "2020-09-15"; otherwise null. */
function approvalDate(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const mmyyyy = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (mmyyyy) {
    const month = Number(mmyyyy[1]);
    if (month >= 1 && month <= 12) return `${mmyyyy[2]}-${String(month).padStart(2, '0')}`;
    return null;
  }
  return isoDate(s) ?? (/^\d{4}-\d{2}$/.test(s) ? s : null);
}

function quote(field: string, v: unknown): string {
  const s = str(v);
  return s === null ? `${field} non renseigné` : `${field} = « ${s} »`;
}

function firstUrl(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  for (const part of s.split('|')) {
    const t = part.trim();
    if (t) return t;
  }
  return null;
}

function producer(p: Record<string, unknown>): string | null {
  const named = str(p.nom_prodcartofriches) ?? str(p.source_nom);
  if (named) return named;
  const src = str(p.source);
  if (!src) return null;
  const m = /^Cartofriches \(Cerema\)\s*[-–]\s*(.+)$/.exec(src);
  return m ? m[1].trim() : src;
}

export function planningItem(p: Record<string, unknown>): ReadinessItem {
  const zone = str(p.urba_zone_type);
  const doc = str(p.urba_doc_type);
  const lib = str(p.urba_zone_lib);
  const fields = [quote('urba_zone_type', zone), quote('urba_doc_type', doc)];
  if (lib) fields.push(quote('urba_zone_lib', lib));
  const use = [str(p.urba_zone_formdomi), str(p.urba_zone_formdomi_txt)].filter(Boolean).join(' ') || null;
  if (use) fields.push(quote('urba_zone_formdomi', use));
  if (str(p.urba_datappro)) fields.push(quote('urba_datappro', p.urba_datappro));
  const decision = classifyPlanningZone({ zoneType: zone, zoneLabel: lib, docType: doc, dominantUse: use });
  const status: ItemStatus = decision.outcome;
  return {
    status,
    date: approvalDate(p.urba_datappro),
    source: zone || doc || lib ? PLANNING_SOURCE : null,
    note: `${decision.reason} (Cartofriches : ${fields.join(', ')}.)`,
  };
}

const SOIL_DONE = new Set(['pollution traitee', 'traitee', 'pollution inexistante', 'inexistante', 'pollution peu probable', 'peu probable']);
const SOIL_TODO = new Set(['pollution averee', 'averee', 'pollution supposee', 'supposee']);

export function soilPollutionItem(p: Record<string, unknown>): ReadinessItem {
  const raw = str(p.sol_pollution_existe);
  const fields = [quote('sol_pollution_existe', raw)];
  if (str(p.sol_pollution_annee)) fields.push(quote('sol_pollution_annee', p.sol_pollution_annee));
  const note = `Cartofriches : ${fields.join(', ')}.`;
  const key = raw
    ? raw
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/\s+/g, ' ')
    : '';
  let status: ItemStatus = 'inconnu';
  if (SOIL_TODO.has(key)) status = 'a_faire';
  else if (SOIL_DONE.has(key)) status = 'fait';
  return { status, date: null, source: raw ? SOIL_SOURCE : null, note };
}

export const LAND_CONTROL_HINT_SOURCE = 'Fichiers fonciers (DGFiP, retraités par le Cerema) via Cartofriches, données de mars 2024';

/**
 * Readiness item `land_control`: a public owner (commune, intercommunality, EPF…) is a HINT that
 * the land may be controlled by a public body, never a proof: the status stays `inconnu`, the
 * note says what the source says and the source is named.
 */
export function landControlItem(details: FricheDetails): ReadinessItem {
  const owners = details.owners;
  if (!owners || (owners.public_owner !== 'all' && owners.public_owner !== 'some')) return { status: 'inconnu', date: null, source: null, note: null };
  const publicLabels = [...new Set(owners.categories.filter((c) => c.public).map((c) => c.label))];
  const which = owners.public_owner === 'all' ? 'propriétaire public' : 'propriétaires en partie publics';
  return {
    status: 'inconnu',
    date: null,
    source: LAND_CONTROL_HINT_SOURCE,
    note: `Indice, pas une maîtrise foncière établie : ${which} selon les Fichiers fonciers (${publicLabels.join(', ')}). Une promesse de vente, une convention ou un portage restent à vérifier auprès du propriétaire.`,
  };
}

export function fricheToSite(f: CartofrichesFeature): Site {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  const id = str(p.id) ?? str(p.site_id) ?? (f.id !== undefined ? String(f.id) : '');
  const delivered = str(p.name) ?? str(p.site_nom);
  const name = readableFricheName(delivered)?.short ?? delivered ?? `Friche sans nom – ${id}`;
  const prod = producer(p);
  const details = fricheDetails(p);
  const readiness = emptyReadiness();
  readiness.land_control = landControlItem(details);
  readiness.planning = planningItem(p);
  readiness.soil_pollution = soilPollutionItem(p);
  const coords = f.geometry?.coordinates ?? [];
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [...coords] },
    properties: {
      id,
      name,
      kind: 'friche',
      zone_id: null,
      zone_name: null,
      insee: str(p.insee) ?? str(p.comm_insee),
      commune: str(p.commune) ?? str(p.comm_nom),
      epci_siren: str(p.epci_siren),
      epci_name: str(p.epci_name),
      declared_surface_m2: num(p.surface_m2) ?? num(p.site_surface),
      computed_surface_m2: null,
      availability: 'inconnu',
      occupation: 'friche',
      sectors: [],
      readiness,
      price_eur_m2: null,
      contact: null,
      notes: null,
      friche_status: str(p.status) ?? str(p.site_statut),
      friche_type: str(p.type) ?? str(p.site_type),
      source_url: firstUrl(p.site_url),
      source: prod ? `${CARTOFRICHES_SOURCE} – ${prod}` : CARTOFRICHES_SOURCE,
      updated_at: isoDate(p.site_actu_date),
      fictitious: false,
      friche_details: details,
    },
  };
}
