/**
 * « A zone as a search result »: every zone of the atlas (the sourced register, with the
 * published or drafted outlines applied) becomes a Site of kind `zone`, so the filters, the list,
 * the map, the sheet and the comparison treat zones like plots and friches.
 *
 * | zone has…                   | location_precision | geometry                              | distances            |
 * |-----------------------------|--------------------|---------------------------------------|----------------------|
 * | an outline (published/drawn) | exact             | the outline                           | from the data build (published), else none |
 * | communes (register)          | commune           | the commune polygon(s): where it lies | none (meaningless at commune level) |
 * | only an EPCI                 | epci              | the EPCI polygon                      | none                 |
 * | nothing (PETR-level facts)   | territoire        | the PETR outline                      | none                 |
 *
 * A zone without an outline is never given an invented point: its geometry is the area it is
 * known to lie in, and `location_precision` says so (the CNIG's own quality level « localisation à
 * la commune »). The map draws such a zone as a distinct « commune » marker and highlights the
 * commune when it is selected.
 *
 * Surface: the published `site_surf_brute` (ha), else the register's latest `surface_totale`
 * fact in hectares — a declared, dated and sourced figure (`zone.surface_fact`) — else the
 * outline's area. Readiness: `readiness_label` when a register fact records the national label
 * « site industriel clés en main » (value « oui… »); the atlas checklist stays empty (unknown).
 * Pure.
 */
import { area } from '@turf/area';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { emptyReadiness } from './readiness';
import { blankSiteProperties } from './site';
import type { LocationPrecision, ReadinessLabel, Site, ZoneFact, ZoneRecord, ZoneSiteInfo } from './types';

export const ZONE_SITE_PREFIX = 'zone:';
export const zoneSiteId = (zoneId: string) => `${ZONE_SITE_PREFIX}${zoneId}`;
export const isZoneSiteId = (id: string) => id.startsWith(ZONE_SITE_PREFIX);

export interface PlaceLayers {
  communes?: FeatureCollection | null;
  epci?: FeatureCollection | null;
  petr?: FeatureCollection | null;
}

/** Register facts that carry a national label, as (attribute, label) pairs. */
const LABEL_ATTRIBUTES: Record<string, string> = {
  label_site_industriel_cle_en_main: 'Site industriel clés en main',
};

export function readinessLabelOf(facts: readonly ZoneFact[]): ReadinessLabel | null {
  const hits = facts.filter((f) => LABEL_ATTRIBUTES[f.attribute] && /^oui\b/i.test(f.value.trim()));
  if (!hits.length) return null;
  const dates = hits.map((f) => f.fact_date).filter((d): d is string => !!d).sort();
  return {
    label: LABEL_ATTRIBUTES[hits[0].attribute],
    date: dates[0] ?? null,
    source_url: hits[0].source_url,
    fact_ids: hits.map((f) => f.fact_id),
    note: hits.find((f) => f.note)?.note ?? null,
  };
}

/** The latest `surface_totale` fact in hectares (declared, dated, sourced). */
export function surfaceFactOf(facts: readonly ZoneFact[]): ZoneSiteInfo['surface_fact'] {
  const hits = facts
    .filter((f) => f.attribute === 'surface_totale' && (f.unit ?? '').trim().toLowerCase() === 'ha')
    .map((f) => ({ f, v: Number(f.value.replace(',', '.')) }))
    .filter((x) => Number.isFinite(x.v) && x.v > 0)
    .sort((a, b) => (b.f.fact_date ?? '').localeCompare(a.f.fact_date ?? ''));
  const h = hits[0];
  return h ? { fact_id: h.f.fact_id, value_ha: h.v, date: h.f.fact_date, source_url: h.f.source_url } : null;
}

type Area = Polygon | MultiPolygon;
const isArea = (g: Geometry | null | undefined): g is Area => !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');

function mergeAreas(parts: Area[]): Area | null {
  if (!parts.length) return null;
  if (parts.length === 1) return parts[0];
  return { type: 'MultiPolygon', coordinates: parts.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)) };
}

/**
 * Per place layer and key, the first feature of each value: built once per layer (the place
 * layers never change once loaded), instead of a scan of the layer for each value of each zone
 * (76 ms of the first start's main thread at load 14, for the whole register).
 */
const placeIndexes = new WeakMap<FeatureCollection, Map<string, Map<string, Feature>>>();

function featuresBy(fc: FeatureCollection | null | undefined, key: string, values: readonly string[]): Feature[] {
  if (!fc) return [];
  let byKey = placeIndexes.get(fc);
  if (!byKey) placeIndexes.set(fc, (byKey = new Map()));
  let index = byKey.get(key);
  if (!index) {
    index = new Map();
    for (const f of fc.features) {
      const v = String(f.properties?.[key] ?? '');
      if (!index.has(v)) index.set(v, f);
    }
    byKey.set(key, index);
  }
  const found = index;
  return values.map((v) => found.get(v)).filter((f): f is Feature => !!f);
}

/** Where a zone is, as precisely as the data says. null when the place layers are not there yet. */
function placeOf(z: ZoneRecord, places: PlaceLayers): { precision: LocationPrecision; geometry: Area } | null {
  if (isArea(z.geometry)) return { precision: 'exact', geometry: z.geometry };
  if (z.insee.length) {
    const g = mergeAreas(featuresBy(places.communes, 'insee', z.insee).map((f) => f.geometry).filter(isArea));
    return g ? { precision: 'commune', geometry: g } : null;
  }
  if (z.epci_siren.length === 1) {
    const g = mergeAreas(featuresBy(places.epci, 'epci_siren', z.epci_siren).map((f) => f.geometry).filter(isArea));
    return g ? { precision: 'epci', geometry: g } : null;
  }
  const g = mergeAreas((places.petr?.features ?? []).map((f) => f.geometry).filter(isArea));
  return g ? { precision: 'territoire', geometry: g } : null;
}

const REGISTER_SOURCE = 'Registre des zones d’activités : faits sourcés et datés (pages web publiques citées)';

/** One zone → its search-result Site (null until the place layers are loaded). */
export function zoneSite(z: ZoneRecord, places: PlaceLayers): Site | null {
  const place = placeOf(z, places);
  if (!place) return null;
  const epci = featuresBy(places.epci, 'epci_siren', z.epci_siren.slice(0, 1))[0];
  const pub = z.publication ?? null;
  const cnigSurface = typeof z.cnig?.site_surf_brute === 'number' ? z.cnig.site_surf_brute : null;
  const surfaceFact = cnigSurface === null ? surfaceFactOf(z.facts) : null;
  const computed = place.precision === 'exact' ? Math.round(area(place.geometry) * 100) / 100 : null;
  const dated = z.facts.map((f) => f.source_date ?? f.fact_date).filter((d): d is string => !!d).sort();
  const info: ZoneSiteInfo = {
    register_kind: z.kind,
    communes: z.communes,
    surface_fact: surfaceFact,
    facts_count: z.facts.length,
    inventory: z.inventory ?? null,
  };
  const properties = blankSiteProperties({
    id: zoneSiteId(z.zone_id),
    name: z.name,
    kind: 'zone',
    zone_id: z.zone_id,
    zone_name: z.name,
    insee: z.insee[0] ?? null,
    commune: z.communes[0] ?? null,
    epci_siren: z.epci_siren.length === 1 ? z.epci_siren[0] : (epci ? String(epci.properties?.epci_siren) : null),
    epci_name: epci ? String(epci.properties?.epci_name ?? '') || null : null,
    declared_surface_m2: cnigSurface !== null ? cnigSurface * 10000 : surfaceFact ? surfaceFact.value_ha * 10000 : null,
    computed_surface_m2: computed,
    readiness: emptyReadiness(),
    contact: pub ? [pub.contact.name, pub.contact.email, pub.contact.phone, pub.contact.url].filter(Boolean).join(' — ') : null,
    source: pub ? `${pub.producer}, publication du ${pub.date} (standard CNIG « Sites économiques »)${z.facts.length ? ` ; ${REGISTER_SOURCE}` : ''}` : REGISTER_SOURCE,
    updated_at: pub?.date ?? dated.at(-1) ?? null,
    fictitious: pub?.fictitious ?? false,
    ...(place.precision === 'exact' && z.distances ? z.distances : {}),
  });
  properties.location_precision = place.precision;
  properties.publication = pub;
  properties.cnig = z.cnig ?? null;
  properties.readiness_label = readinessLabelOf(z.facts);
  properties.zone = info;
  return { type: 'Feature', geometry: place.geometry, properties };
}

/**
 * A register entry that groups facts about a territory (« niveau EPCI », « niveau commune »,
 * « niveau PETR »: e.g. « (ensemble des parcs de GrandSoissons) ») rather than naming one zone.
 * It is no offer an investor can pick: the Zones tab lists it, search does not.
 */
export function isRegisterGrouping(z: Pick<ZoneRecord, 'kind' | 'geometry'>): boolean {
  return z.geometry == null && /^niveau\b/i.test(z.kind.trim());
}

/**
 * Every zone as a search result, in register order. Left out: zones that cannot be placed yet,
 * and the register's territory-level groupings (isRegisterGrouping).
 */
export function zoneSites(zones: readonly ZoneRecord[], places: PlaceLayers): Site[] {
  const out: Site[] = [];
  for (const z of zones) {
    if (isRegisterGrouping(z)) continue;
    const s = zoneSite(z, places);
    if (s) out.push(s);
  }
  return out;
}
