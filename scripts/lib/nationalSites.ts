/**
 * The ~24,000 national Cartofriches friches mapped as atlas sites (`fricheToSite`), for the
 * browser benches: read from ${ATLAS_SOURCES ?? '../shared/opendata'}/friches/friches_france.geojson.
 * Nothing is written to disk.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fricheToSite, type CartofrichesFeature } from '../../src/domain/cartofriches';
import type { Site } from '../../src/domain/types';

export function nationalSourcesDir(): string {
  const i = process.argv.indexOf('--sources');
  return resolve((i >= 0 ? process.argv[i + 1] : null) ?? process.env.ATLAS_SOURCES ?? '../shared/opendata');
}

export function loadNationalSites(): Site[] {
  const file = join(nationalSourcesDir(), 'friches', 'friches_france.geojson');
  const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: CartofrichesFeature[] };
  return fc.features.map((f) => fricheToSite(f));
}

/** The national sites as one GeoJSON text (what the app would fetch as its sites file). */
export function nationalSitesBody(): { sites: Site[]; body: string } {
  const sites = loadNationalSites();
  return { sites, body: JSON.stringify({ type: 'FeatureCollection', features: sites }) };
}
