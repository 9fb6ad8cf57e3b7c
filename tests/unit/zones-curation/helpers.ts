/** Fixtures of the zone-outline curation tests (tests/fixtures/zones-curation, hand-made, fictitious). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Polygon } from 'geojson';
import { expectGoldenFile } from '../golden';
import { emptyReadiness } from '../../../src/domain/readiness';
import type { Site, SiteGeometry, ZoneRecord } from '../../../src/domain/types';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/zones-curation');

export function fixture<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** Compares with a golden JSON file; UPDATE_GOLDEN=1 rewrites it (review the diff). */
export function expectGolden(name: string, value: unknown): void {
  expectGoldenFile(FIXTURES, name, value);
}

export const register = (): ZoneRecord[] => fixture<ZoneRecord[]>('register.json');
export const outlineZT1 = (): Polygon => fixture<Polygon>('outline-zt1.json');

export interface SiteSpec {
  id: string;
  geometry: SiteGeometry;
  zone_id: string | null;
  zone_name: string | null;
}

export function makeSite(spec: SiteSpec): Site {
  return {
    type: 'Feature',
    geometry: spec.geometry,
    properties: {
      id: spec.id, name: spec.id, kind: 'plot', zone_id: spec.zone_id, zone_name: spec.zone_name, insee: null, commune: null,
      epci_siren: null, epci_name: null, declared_surface_m2: null, computed_surface_m2: null, availability: 'inconnu',
      occupation: 'inconnu', sectors: [], readiness: emptyReadiness(), price_eur_m2: null, contact: null, notes: null,
      friche_status: null, friche_type: null, source_url: null, source: 'test', updated_at: null, fictitious: true,
    },
  };
}

export const attachSites = (): Site[] => fixture<{ sites: SiteSpec[] }>('attach.in.json').sites.map(makeSite);
