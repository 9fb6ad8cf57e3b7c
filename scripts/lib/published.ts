/**
 * The data build's side of publication: reads every package folder under the published folder
 * (`--published DIR`, env ATLAS_PUBLISHED, default data/published/), validates each with the same
 * code as the app (src/data/publish), checks them together (ids claimed twice, plots whose zone
 * is unknown), and turns them into plots and zones (src/data/publish/toAtlas.ts).
 *
 * A package is a sub-folder holding a publication.json (or any class file). Files directly in the
 * published folder (its README) are not packages.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import * as distances from '../../src/domain/distances/index';
import type { Site, ZoneRecord } from '../../src/domain/types';
import type { CommunesLayer } from '../../src/data/import/assignCommune';
import type { TerritoryInput } from '../../src/data/import/territory';
import {
  classOfFile,
  crossPackageIssues,
  packageHasErrors,
  PUBLICATION_FILE,
  publishedToAtlas,
  validatePackage,
  type PackageInput,
  type PackageIssue,
  type ParsedPackage,
  type PublishedAtlas,
} from '../../src/data/publish/index';

export interface PublishedRead {
  packages: ParsedPackage[];
  /** Every issue: per package, then between packages. */
  issues: PackageIssue[];
}

/** The package folders of `dir` (sorted), read as text. A missing folder holds no package. */
export function readPackageFolders(dir: string): PackageInput[] {
  if (!fs.existsSync(dir)) return [];
  const out: PackageInput[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    if (name.startsWith('.') || !fs.statSync(abs).isDirectory()) continue;
    const files = fs
      .readdirSync(abs)
      .filter((f) => fs.statSync(path.join(abs, f)).isFile())
      .map((f) => ({ name: f, text: fs.readFileSync(path.join(abs, f), 'utf8') }));
    if (!files.some((f) => f.name === PUBLICATION_FILE || classOfFile(f.name))) continue;
    out.push({ name, files });
  }
  return out;
}

export function validatePublished(inputs: PackageInput[], territory: TerritoryInput | null, register: readonly ZoneRecord[]): PublishedRead {
  const packages = inputs.map((p) => validatePackage(p, { territory }));
  const issues = packages.flatMap((p) => p.issues);
  if (!packages.some(packageHasErrors)) issues.push(...crossPackageIssues(packages, register));
  return { packages, issues };
}

/** Plots and zones of valid packages; the outlined published zones get their distances. */
export function publishedAtlas(packages: ParsedPackage[], register: readonly ZoneRecord[], communes: CommunesLayer | null, layers: Record<string, FeatureCollection>): PublishedAtlas {
  const atlas = publishedToAtlas(packages, register, communes);
  if (atlas.zones.some((z) => z.publication && z.geometry)) {
    const calc = distances.createDistanceCalculator(distances.networksFromLayers(layers));
    for (const z of atlas.zones) {
      if (z.publication && z.geometry) z.distances = distances.toSiteDistances(calc.compute(z.geometry));
    }
  }
  return atlas;
}

export type { Site };
