/**
 * Writes a publication package from the atlas (the Édition tab's « Publier »): the producer's
 * plots and outlined zones in the CNIG « Sites économiques » standard (GeoJSON, Lambert-93, the
 * standard's reference system), and publication.json. The same files are then validated with
 * validatePackage, so the report shows exactly what the data build would refuse.
 *
 * What goes in: the plots (kind `plot`, with an outline) of the producer's EPCI, and the zones
 * with an outline of that EPCI. Friches come from Cartofriches (Cerema) and points cannot be
 * TERRAIN-ECO (a surface is required): both are listed in `skipped` with the reason.
 * Pure.
 */
import type { Site, ZoneRecord } from '../../domain/types';
import { toCnigSitesEconomiques } from '../export/cnig';
import { PUBLICATION_FILE } from './validate';
import type { PackageInput, PublicationMeta } from './types';

export interface WrittenPackage extends PackageInput {
  /** True when the package is marked `atlas_fictif` (it holds fictitious plots). */
  fictitious: boolean;
  /** Ids of the atlas sites written (plots), for the drafts (« exporté, en attente de publication »). */
  siteIds: string[];
  /** Zone ids written. */
  zoneIds: string[];
  skipped: { kind: 'site' | 'zone'; id: string; name: string; reason: string }[];
}

/** « 240200477-ca-grandsoissons-agglomeration »: the package folder (and zip) name. */
export function packageFolderName(meta: Pick<PublicationMeta, 'producteur'>): string {
  const slug = meta.producteur.nom
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return `${meta.producteur.siren}-${slug || 'producteur'}`;
}

export function buildPackage(sites: readonly Site[], zones: readonly ZoneRecord[], meta: PublicationMeta): WrittenPackage {
  const siren = meta.producteur.siren;
  const skipped: WrittenPackage['skipped'] = [];
  const mine = sites.filter((s) => s.properties.kind !== 'zone' && s.properties.epci_siren === siren);
  const plots: Site[] = [];
  for (const s of mine) {
    if (s.properties.kind === 'friche') {
      skipped.push({ kind: 'site', id: s.properties.id, name: s.properties.name, reason: 'friche de Cartofriches (Cerema) : elle est publiée par sa source, pas par le paquet de l’EPCI.' });
    } else plots.push(s);
  }
  const myZones = zones.filter((z) => z.geometry && z.epci_siren.includes(siren));
  const out = toCnigSitesEconomiques(plots, myZones, {
    crs: meta.crs,
    producer: meta.producteur.nom,
    date: meta.date,
    epci: { name: meta.producteur.nom, siren },
  });
  skipped.push(...out.skipped);
  // Fictitious data is never mixed silently with real data: one fictitious plot makes the whole
  // package a test package (`atlas_fictif`), shown « Exemple fictif » wherever it is published.
  const fictitious = meta.atlas_fictif === true || plots.some((s) => s.properties.fictitious);
  const folder = packageFolderName(meta);
  const written = { format: 'CNIG Sites économiques v1.0.1', ...meta, ...(fictitious ? { atlas_fictif: true } : {}) };
  const files = [{ name: PUBLICATION_FILE, text: `${JSON.stringify(written, null, 2)}\n` }];
  if (out.siteEco.features.length) files.push({ name: 'site_eco.geojson', text: `${JSON.stringify(out.siteEco)}\n` });
  if (out.terrainEco.features.length) files.push({ name: 'terrain_eco.geojson', text: `${JSON.stringify(out.terrainEco)}\n` });
  return {
    name: folder,
    fictitious,
    files,
    siteIds: out.terrainEco.features.map((f) => String(f.properties.terr_id)),
    zoneIds: out.siteEco.features.map((f) => String(f.properties.site_id)),
    skipped,
  };
}

/** The files of a package as one zip (fflate, loaded on demand): `<folder>/<file>`. */
export async function zipPackage(pkg: PackageInput): Promise<Uint8Array> {
  const { zipSync, strToU8 } = await import('fflate');
  const entries: Record<string, Uint8Array> = {};
  for (const f of pkg.files) entries[`${pkg.name}/${f.name}`] = strToU8(f.text);
  return zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}
