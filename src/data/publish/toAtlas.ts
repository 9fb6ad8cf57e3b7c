/**
 * Valid publication packages → what the public atlas shows:
 * - each TERRAIN-ECO becomes a site (kind `plot`, or `friche` when `atlas_type` says so), read by
 *   the import's own mapping (terr_id, site_id → zone, terr_surf_brute, atlas_* extensions…),
 *   then: availability and occupation from the official lists (src/domain/cnig/mapping.ts),
 *   commune and EPCI from the geometry, zone from `site_id` (the published SITE-ECO or the
 *   register zone), the producer's contact and date (`publication`), the official values (`cnig`);
 * - each SITE-ECO becomes a zone with its outline: the register zone of the same id or name
 *   (its sourced facts stay), or a new zone; with the L318-8-2 figures of its plots.
 * Distances are added by the caller (the data build runs the distance engine on every site).
 * Pure (Turf only).
 */
import { area } from '@turf/area';
import type { MultiPolygon, Polygon } from 'geojson';
import { availabilityOf, CNIG_STANDARD, inventoryFigures, occupationOf, type CnigClass } from '../../domain/cnig';
import { roundGeometry } from '../../domain/roundGeometry';
import { publicationContactText } from '../../domain/publication';
import type { PublicationInfo, PublicationSummary, Site, SiteGeometry, ZoneInventory, ZoneRecord } from '../../domain/types';
import { assignCommune, type CommunesLayer } from '../import/assignCommune';
import { toSiteDetailed } from '../import/toSite';
import { matchRegisterZone } from './merge';
import type { CnigRow, ParsedPackage, PublicationMeta } from './types';

export function publicationInfo(meta: PublicationMeta, packageName: string): PublicationInfo {
  return {
    producer: meta.producteur.nom,
    producer_siren: meta.producteur.siren,
    contact: { name: meta.contact.nom, email: meta.contact.courriel, phone: meta.contact.telephone, url: meta.contact.page_web },
    date: meta.date,
    licence: meta.licence,
    package: packageName,
    fictitious: meta.atlas_fictif === true,
  };
}

/** The official (non-extension, non-geometry) values of a row, scalars only, nulls dropped. */
export function officialValues(cls: CnigClass, row: CnigRow): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const f of CNIG_STANDARD.classes[cls].fields) {
    const v = row.values[f.name];
    if (typeof v === 'string' || typeof v === 'number') out[f.name] = v;
  }
  return out;
}

const sourceOf = (p: PublicationInfo) => `${p.producer}, publication du ${p.date} (standard CNIG « Sites économiques »)`;

export interface PublishedAtlas {
  /** Plots (and friches) of every package, without distances. */
  plots: Site[];
  /** The register with the published outlines merged in, then the published zones that are new. */
  zones: ZoneRecord[];
  /** Per package: producer, date, counts (for the manifest). */
  summaries: PackageSummary[];
}

/** One package, for the manifest. */
export type PackageSummary = PublicationSummary;

const isArea = (g: unknown): g is Polygon | MultiPolygon => !!g && typeof g === 'object' && ['Polygon', 'MultiPolygon'].includes((g as { type: string }).type);

/** Merges valid packages into the register and builds the plots. Call only when there is no error. */
export function publishedToAtlas(packages: readonly ParsedPackage[], register: readonly ZoneRecord[], communes: CommunesLayer | null): PublishedAtlas {
  const zones: ZoneRecord[] = register.map((z) => ({ ...z }));
  const zoneOfSiteId = new Map<string, ZoneRecord>();
  for (const z of zones) zoneOfSiteId.set(z.zone_id, z);
  const summaries: PackageSummary[] = [];
  const plots: Site[] = [];
  const plotRows = new Map<ZoneRecord, { row: CnigRow; pub: PublicationInfo }[]>();

  for (const p of packages) {
    if (!p.meta) continue;
    const pub = publicationInfo(p.meta, p.name);
    summaries.push({
      package: p.name,
      producer: pub.producer,
      producer_siren: pub.producer_siren,
      date: pub.date,
      licence: pub.licence,
      fictitious: pub.fictitious,
      counts: { site_eco: p.classes.site_eco?.rows.length ?? 0, terrain_eco: p.classes.terrain_eco?.rows.length ?? 0, etablissement: p.classes.etablissement?.rows.length ?? 0 },
    });
    for (const row of p.classes.site_eco?.rows ?? []) {
      if (!isArea(row.geometry)) continue;
      const geometry = roundGeometry(row.geometry, 7);
      const siteId = String(row.values.site_id);
      const name = String(row.values.site_nom ?? siteId);
      const match = matchRegisterZone(siteId, name, register);
      const cnig = officialValues('site_eco', row);
      const where = communes ? assignCommune(geometry, communes) : null;
      let zone: ZoneRecord;
      if (match) {
        zone = zones.find((z) => z.zone_id === match.zone_id)!;
        Object.assign(zone, { geometry, needs_digitising: false, publication: pub, cnig, cnig_site_id: siteId === zone.zone_id ? null : siteId });
      } else {
        zone = {
          zone_id: siteId,
          name,
          kind: String(row.values.site_type ?? ''),
          communes: where ? [where.commune] : row.values.site_comm_nom ? [String(row.values.site_comm_nom)] : [],
          insee: where ? [where.insee] : row.values.site_comm_insee ? [String(row.values.site_comm_insee)] : [],
          epci_siren: [String(where?.epci_siren ?? row.values.site_epci_siren ?? '')].filter(Boolean),
          facts: [],
          needs_digitising: false,
          geometry,
          publication: pub,
          cnig,
          cnig_site_id: null,
        };
        zones.push(zone);
      }
      zoneOfSiteId.set(siteId, zone);
    }
  }

  for (const p of packages) {
    if (!p.meta) continue;
    const pub = publicationInfo(p.meta, p.name);
    for (const row of p.classes.terrain_eco?.rows ?? []) {
      if (!isArea(row.geometry)) continue;
      const { site } = toSiteDetailed(row.values, row.geometry as SiteGeometry, { source: sourceOf(pub) });
      const props = site.properties;
      const zone = zoneOfSiteId.get(String(row.values.site_id)) ?? null;
      props.zone_id = zone?.zone_id ?? null;
      props.zone_name = zone?.name ?? null;
      props.availability = availabilityOf(row.values.terr_stade_comm as string | null);
      props.occupation = occupationOf(row.values.terr_etat_occup as string | null);
      if (!props.name) props.name = `Terrain ${props.id}${zone ? ` — ${zone.name}` : ''}`;
      props.contact ??= publicationContactText(pub);
      props.publication = pub;
      props.cnig = officialValues('terrain_eco', row);
      props.fictitious = pub.fictitious || props.fictitious;
      props.updated_at = (row.values.terr_actu_date as string | null) ?? props.updated_at;
      props.created_at = (row.values.terr_identif_date as string | null) ?? props.created_at ?? null;
      const c = communes ? assignCommune(site.geometry, communes) : null;
      if (c) Object.assign(props, { insee: c.insee, commune: c.commune, epci_siren: c.epci_siren, epci_name: c.epci_name });
      props.computed_surface_m2 = site.geometry.type === 'Point' ? null : Math.round(area(site.geometry) * 100) / 100;
      plots.push(site);
      if (zone) plotRows.set(zone, [...(plotRows.get(zone) ?? []), { row, pub }]);
    }
  }

  for (const [zone, rows] of plotRows) {
    const figures = inventoryFigures(
      rows.map(({ row }) => ({
        terr_etat_occup: (row.values.terr_etat_occup as string | null) ?? null,
        terr_stade_comm: (row.values.terr_stade_comm as string | null) ?? null,
        terr_surf_brute: typeof row.values.terr_surf_brute === 'number' ? row.values.terr_surf_brute : null,
      })),
    );
    const pubs = [...new Map(rows.map((r) => [r.pub.package, r.pub])).values()];
    const inventory: ZoneInventory = {
      ...figures,
      date: pubs.map((x) => x.date).sort().at(-1)!,
      source: pubs.map(sourceOf).join(' ; '),
    };
    zone.inventory = inventory;
  }
  return { plots, zones, summaries };
}
