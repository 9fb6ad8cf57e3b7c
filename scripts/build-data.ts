/**
 * Data build: `npm run data` (tsx scripts/build-data.ts).
 *
 * Reads the open data listed in data/sources.json from the sources folder (default
 * ../shared/opendata beside the repository; env ATLAS_SOURCES or --sources DIR), validates
 * every input, and writes compact layers, sites.geojson, zones.json and manifest.json to
 * public/data/ (or --out DIR), atomically. Any missing file or error-level issue stops the
 * build (exit code 1) with French messages naming the file, the feature and the problem.
 *
 * Publication packages (CNIG « Sites économiques », one folder per producer) are read from
 * --published DIR (env ATLAS_PUBLISHED, default data/published/), validated like any source, and
 * merged: their plots go to sites.geojson (with distances), their zones to zones.json, and the
 * manifest lists each package (`publications`). `--check` validates everything and writes nothing
 * (the CI step before a deployment).
 *
 * Options: --sources DIR, --out DIR, --config FILE (default data/sources.json), --published DIR,
 * --check, --help.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import {
  hasErrors,
  parseJsonText,
  validateFeatureCollection,
  type ValidationIssue,
} from '../src/data/validation/index';
import { LAYER_IDS, type DataManifest, type LayerManifestEntry } from '../src/domain/types';
import {
  checkConfig,
  ConfigError,
  rulesOf,
  type GeojsonLayerSource,
  type LayerSource,
  type SourcesConfig,
} from './lib/config';
import { compactFeature, featureCollection, matchesFilter } from './lib/geojson';
import { formatBytes, StagingDir, type WrittenFile } from './lib/output';
import { buildSites, SitesDataError } from './lib/sites';
import { waterwayPartOf } from '../src/domain/waterway';
import { groupSidings } from '../src/domain/ite';
import { buildZones } from './lib/zones';
import { publishedAtlas, readPackageFolders, validatePublished } from './lib/published';
import type { PackageSummary } from '../src/data/publish/index';
import type { CommunesLayer } from '../src/data/import/assignCommune';
import type { ZoneRecord } from '../src/domain/types';
import { compactName, compactSites } from '../src/data/compactSites';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SOURCES = path.resolve(REPO_ROOT, '../shared/opendata');
export const DEFAULT_OUT = path.resolve(REPO_ROOT, 'public/data');
export const DEFAULT_CONFIG = path.resolve(REPO_ROOT, 'data/sources.json');
export const DEFAULT_PUBLISHED = path.resolve(REPO_ROOT, 'data/published');

/** Most issues printed per file before "… et N autres". */
const MAX_PRINTED_PER_FILE = 50;

export interface BuildOptions {
  sourcesDir: string;
  outDir: string;
  configPath: string;
  /** Folder of the publication packages (one sub-folder per producer). */
  publishedDir: string;
  /** Validate only: nothing is written. */
  check?: boolean;
}

export interface Output {
  log: (line: string) => void;
  error: (line: string) => void;
}

export class UsageError extends Error {}

const HELP = `Usage : npm run data -- [--sources DOSSIER] [--out DOSSIER] [--config FICHIER]
  --sources DOSSIER  dossier des données ouvertes (défaut : ../shared/opendata, ou variable ATLAS_SOURCES)
  --out DOSSIER      dossier de sortie (défaut : public/data)
  --config FICHIER   manifeste des sources (défaut : data/sources.json)
  --published DOSSIER  paquets de publication des EPCI, un sous-dossier par producteur
                     (défaut : data/published, ou variable ATLAS_PUBLISHED)
  --check            valide les sources et les paquets sans rien écrire (CI avant déploiement)`;

export function parseArgs(argv: string[], env: Record<string, string | undefined>, cwd = process.cwd()): BuildOptions | 'help' {
  const opts: BuildOptions = {
    sourcesDir: env.ATLAS_SOURCES ? path.resolve(cwd, env.ATLAS_SOURCES) : DEFAULT_SOURCES,
    outDir: DEFAULT_OUT,
    configPath: DEFAULT_CONFIG,
    publishedDir: env.ATLAS_PUBLISHED ? path.resolve(cwd, env.ATLAS_PUBLISHED) : DEFAULT_PUBLISHED,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`L'option ${flag} attend une valeur.\n${HELP}`);
      return path.resolve(cwd, v);
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--check') opts.check = true;
    else if (flag === '--sources') opts.sourcesDir = value();
    else if (flag === '--out') opts.outDir = value();
    else if (flag === '--config') opts.configPath = value();
    else if (flag === '--published') opts.publishedDir = value();
    else throw new UsageError(`Option inconnue : ${arg}\n${HELP}`);
  }
  return opts;
}

interface FileReport {
  /** Path relative to the sources folder, as named in messages. */
  file: string;
  absolute: string;
  issues: ValidationIssue[];
}

export interface BuildResult {
  ok: boolean;
  reports: FileReport[];
  warnings: string[];
  written: WrittenFile[];
  manifest: DataManifest | null;
  durationMs: number;
}

function readText(absolute: string): string | null {
  try {
    return fs.readFileSync(absolute, 'utf8');
  } catch {
    return null;
  }
}

function missingFileIssue(file: string, absolute: string, layerId: string): ValidationIssue {
  return {
    level: 'error',
    code: 'missing-file',
    featureIndex: null,
    featureLabel: null,
    message: `${file} : fichier source introuvable (${absolute}), requis pour la couche « ${layerId} ».`,
  };
}

function fileIssue(file: string, code: string, message: string): ValidationIssue {
  return { level: 'error', code, featureIndex: null, featureLabel: null, message: `${file} : ${message}` };
}

/** The collection as published: only `publicProperties` when the layer narrows them. */
function publicCollection(fc: FeatureCollection, publicProperties: string[] | undefined): FeatureCollection {
  if (!publicProperties) return fc;
  return { ...fc, features: fc.features.map((f) => compactFeature(f, publicProperties)) };
}

/** Transforms one validated GeoJSON source into its compact output collection. */
function transformLayer(layer: GeojsonLayerSource, source: FeatureCollection & { metadata?: unknown }, issues: ValidationIssue[]): FeatureCollection {
  const kept = source.features.filter((f) => matchesFilter(f.properties as Record<string, unknown> | null, layer.filter));
  let features: Feature[];
  if (layer.id === 'waterway') {
    features = [];
    kept.forEach((f) => {
      const props = (f.properties ?? {}) as Record<string, unknown>;
      const part = waterwayPartOf(props);
      if (part === null) {
        const index = source.features.indexOf(f);
        const label = String(props.name ?? props.osm_id ?? '');
        issues.push({
          level: 'error',
          code: 'unknown-waterway-part',
          featureIndex: index,
          featureLabel: label || null,
          message: `${layer.file}, entité n° ${index + 1}${label ? ` (« ${label} »)` : ''} : impossible de rattacher ce tronçon navigable à l'Aisne canalisée, au canal latéral à l'Aisne ou au canal de l'Oise à l'Aisne (ref « ${String(props.ref ?? '')} », kind « ${String(props.kind ?? '')} »).`,
        });
        return;
      }
      features.push(compactFeature(f, layer.keep_properties, () => ({ name: part, osm_name: props.name ?? null, kind: props.kind ?? null })));
    });
  } else if (layer.id === 'ite') {
    // 49 siding records at 26 points: one feature per connection point (src/domain/ite.ts).
    features = groupSidings(featureCollection(kept)).features.map((f) => compactFeature(f, layer.keep_properties));
  } else {
    features = kept.map((f) => compactFeature(f, layer.keep_properties));
  }
  let extra: Record<string, unknown> | undefined;
  if (layer.keep_metadata && layer.keep_metadata.length > 0) {
    const meta = (typeof source.metadata === 'object' && source.metadata !== null ? source.metadata : {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of layer.keep_metadata) {
      if (meta[key] === undefined) {
        issues.push(fileIssue(layer.file, 'missing-metadata', `le membre « metadata.${key} » est absent ; il est requis (couche « ${layer.id} »).`));
      } else out[key] = meta[key];
    }
    extra = { metadata: out };
  }
  return featureCollection(features, extra);
}

function manifestEntry(layer: LayerSource, file: WrittenFile, count: number, extraCaveats: string[] = []): LayerManifestEntry {
  const caveats = [...(layer.caveats ?? []), ...extraCaveats];
  const entry: LayerManifestEntry & { derived_from?: string[] } = {
    id: layer.id,
    file: file.file,
    title: layer.title,
    producer: layer.producer,
    licence: layer.licence,
    licence_url: layer.licence_url,
    date: layer.date,
    ...(layer.date_kind ? { date_kind: layer.date_kind } : {}),
    source_url: layer.source_url,
    attribution: layer.attribution,
    count,
    bytes: file.bytes,
    sha256: file.sha256,
    ...(caveats.length > 0 ? { caveats } : {}),
  };
  if (layer.type === 'sites') entry.derived_from = layer.derived_from;
  return entry;
}

/** A layer fed by publication packages credits their producers (attribution and producer). */
function withPublications(entry: LayerManifestEntry, credits: string[]): LayerManifestEntry {
  if (!credits.length) return entry;
  return { ...entry, producer: `${entry.producer} ; publications des EPCI : ${credits.join(' ; ')}`, attribution: `${entry.attribution} ; ${credits.join(' ; ')}` };
}

function orderedIds(ids: string[]): string[] {
  const known = LAYER_IDS.filter((id) => ids.includes(id)) as string[];
  return [...known, ...ids.filter((id) => !known.includes(id))];
}

/** Runs the build. Never throws on bad data: problems are returned in the result. */
export async function runBuild(opts: BuildOptions, out: Output): Promise<BuildResult> {
  const started = performance.now();
  const reports: FileReport[] = [];
  const warnings: string[] = [];
  const result = (ok: boolean, written: WrittenFile[] = [], manifest: DataManifest | null = null): BuildResult => ({
    ok,
    reports,
    warnings,
    written,
    manifest,
    durationMs: performance.now() - started,
  });

  const configText = readText(opts.configPath);
  if (configText === null) throw new ConfigError(`Manifeste des sources introuvable : ${opts.configPath}`);
  const parsedConfig = parseJsonText(configText, opts.configPath);
  if (parsedConfig.issues.length > 0) throw new ConfigError(parsedConfig.issues[0].message);
  const config: SourcesConfig = checkConfig(parsedConfig.value, opts.configPath);

  // 1. Read and validate every input.
  const outputs = new Map<string, FeatureCollection>();
  const zonesLayers: { layer: Extract<LayerSource, { type: 'zones_csv' }>; zones: unknown[] }[] = [];
  for (const layer of config.layers) {
    if (layer.type === 'geojson') {
      const absolute = path.join(opts.sourcesDir, layer.file);
      const report: FileReport = { file: layer.file, absolute, issues: [] };
      reports.push(report);
      const text = readText(absolute);
      if (text === null) {
        report.issues.push(missingFileIssue(layer.file, absolute, layer.id));
        continue;
      }
      const parsed = parseJsonText(text, layer.file);
      report.issues.push(...parsed.issues);
      if (parsed.issues.length > 0) continue;
      report.issues.push(...validateFeatureCollection(parsed.value, layer.file, rulesOf(layer)));
      if (hasErrors(report.issues)) continue;
      outputs.set(layer.id, transformLayer(layer, parsed.value as FeatureCollection, report.issues));
    } else if (layer.type === 'zones_csv') {
      const indexAbs = path.join(opts.sourcesDir, layer.file);
      const factsAbs = path.join(opts.sourcesDir, layer.facts_file);
      const indexReport: FileReport = { file: layer.file, absolute: indexAbs, issues: [] };
      const factsReport: FileReport = { file: layer.facts_file, absolute: factsAbs, issues: [] };
      reports.push(indexReport, factsReport);
      const indexText = readText(indexAbs);
      const factsText = readText(factsAbs);
      if (indexText === null) indexReport.issues.push(missingFileIssue(layer.file, indexAbs, layer.id));
      if (factsText === null) factsReport.issues.push(missingFileIssue(layer.facts_file, factsAbs, layer.id));
      if (indexText === null || factsText === null) continue;
      const built = buildZones(indexText, factsText, layer.file, layer.facts_file);
      for (const issue of built.issues) {
        (issue.message.startsWith(layer.facts_file) ? factsReport : indexReport).issues.push(issue);
      }
      zonesLayers.push({ layer, zones: built.zones });
    }
  }

  // 1b. Publication packages: validated against the PETR outline and the zones register.
  const register = (zonesLayers[0]?.zones ?? []) as ZoneRecord[];
  const packageInputs = readPackageFolders(opts.publishedDir);
  const pub = validatePublished(packageInputs, (outputs.get('petr') as never) ?? null, register);
  for (const input of packageInputs) {
    const issues = pub.issues.filter((i) => i.file.startsWith(`${input.name}/`));
    reports.push({ file: input.name, absolute: path.join(opts.publishedDir, input.name), issues });
  }

  const allIssues = reports.flatMap((r) => r.issues);
  if (hasErrors(allIssues)) return result(false);
  let published: ReturnType<typeof publishedAtlas> | null = null;
  if (pub.packages.length) {
    try {
      published = publishedAtlas(pub.packages, register, (outputs.get('communes') as CommunesLayer | undefined) ?? null, Object.fromEntries(outputs));
    } catch (e) {
      reports.push({ file: opts.publishedDir, absolute: opts.publishedDir, issues: [fileIssue(opts.publishedDir, 'published-derivation', e instanceof Error ? e.message : String(e))] });
      return result(false);
    }
  }
  if (opts.check) {
    if (published) for (const s of published.summaries) out.log(`Paquet valide : ${s.package} — ${s.producer}, ${s.date} (${s.counts.site_eco} site(s), ${s.counts.terrain_eco} terrain(s), ${s.counts.etablissement} établissement(s))${s.fictitious ? ' — FICTIF' : ''}`);
    return result(true);
  }
  const summaries: PackageSummary[] = published?.summaries ?? [];
  const pubAttribution = summaries.map((s) => `${s.producer} (publication du ${s.date}, ${s.licence})${s.fictitious ? ' — données fictives de test' : ''}`);

  // 2. Derived layers and outputs.
  const staging = new StagingDir(opts.outDir);
  try {
    const layerIds = config.layers.map((l) => l.id);
    const entries: Record<string, LayerManifestEntry> = {};
    for (const layer of config.layers) {
      if (layer.type === 'geojson') {
        const fc = publicCollection(outputs.get(layer.id)!, layer.public_properties);
        const w = staging.write(layer.output, JSON.stringify(fc));
        entries[layer.id] = manifestEntry(layer, w, fc.features.length);
      } else if (layer.type === 'zones_csv') {
        const z = zonesLayers.find((x) => x.layer.id === layer.id)!;
        const zones = published && z === zonesLayers[0] ? published.zones : z.zones;
        const w = staging.write(layer.output, JSON.stringify(zones));
        entries[layer.id] = withPublications(manifestEntry(layer, w, zones.length), pubAttribution);
      } else if (layer.type === 'sites') {
        const missing = layer.derived_from.filter((id) => !outputs.has(id));
        if (missing.length > 0) {
          throw new ConfigError(`Couche « ${layer.id} » : dérivée de couches inconnues (${missing.join(', ')}).`);
        }
        const layers = Object.fromEntries(layer.derived_from.map((id) => [id, outputs.get(id)!]));
        let sites: Awaited<ReturnType<typeof buildSites>>;
        try {
          sites = await buildSites(outputs.get(layer.derived_from[0])!, layers, published?.plots ?? []);
        } catch (e) {
          if (!(e instanceof SitesDataError)) throw e;
          reports.push({
            file: layer.output,
            absolute: path.join(opts.outDir, layer.output),
            issues: [fileIssue(layer.output, 'sites-derivation', e.message)],
          });
          staging.discard();
          return result(false);
        }
        warnings.push(...sites.warnings);
        const extra: string[] = [];
        if (!sites.withDistances) extra.push('Distances aux réseaux non calculées dans cette version des données.');
        const w = staging.write(layer.output, JSON.stringify(sites.collection));
        // The page reads the compact copy (about 4.6 times fewer bytes at 24,000 friches); the GeoJSON stays the reference.
        const c = staging.write(compactName(layer.output), JSON.stringify(compactSites(sites.collection)));
        entries[layer.id] = { ...withPublications(manifestEntry(layer, w, sites.collection.features.length, extra), pubAttribution), compact: { file: c.file, bytes: c.bytes, sha256: c.sha256 } };
      }
    }
    const manifest: DataManifest = {
      generated_at: new Date().toISOString(),
      layers: Object.fromEntries(orderedIds(layerIds).map((id) => [id, entries[id]])),
      publications: summaries,
    };
    staging.write('manifest.json', JSON.stringify(manifest, null, 2));
    const written = staging.files();
    const carried = staging.commit();
    if (carried.length > 0) out.log(`Fichiers conservés de la version précédente : ${carried.join(', ')}`);
    return result(true, written, manifest);
  } catch (e) {
    staging.discard();
    throw e;
  }
}

function printIssues(res: BuildResult, out: Output): void {
  for (const report of res.reports) {
    const errors = report.issues.filter((i) => i.level === 'error');
    const warnings = report.issues.filter((i) => i.level === 'warning');
    if (errors.length > 0) {
      out.error(`\n✗ ${report.absolute} : ${errors.length} erreur(s)`);
      for (const i of errors.slice(0, MAX_PRINTED_PER_FILE)) out.error(`  - ${i.message}`);
      if (errors.length > MAX_PRINTED_PER_FILE) out.error(`  … et ${errors.length - MAX_PRINTED_PER_FILE} autre(s) erreur(s).`);
    }
    if (warnings.length > 0) {
      out.log(`\n! ${report.absolute} : ${warnings.length} avertissement(s)`);
      for (const i of warnings.slice(0, MAX_PRINTED_PER_FILE)) out.log(`  - ${i.message}`);
      if (warnings.length > MAX_PRINTED_PER_FILE) out.log(`  … et ${warnings.length - MAX_PRINTED_PER_FILE} autre(s) avertissement(s).`);
    }
  }
}

/** CLI entry point; returns the exit code (0 ok, 1 bad data, 2 usage or configuration). */
export async function main(argv: string[], env: Record<string, string | undefined> = process.env, out: Output = { log: console.log, error: console.error }): Promise<number> {
  let opts: BuildOptions | 'help';
  try {
    opts = parseArgs(argv, env);
  } catch (e) {
    if (e instanceof UsageError) {
      out.error(e.message);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    out.log(HELP);
    return 0;
  }
  if (!fs.existsSync(opts.sourcesDir) || !fs.statSync(opts.sourcesDir).isDirectory()) {
    out.error(
      `Dossier des données ouvertes introuvable : ${opts.sourcesDir}\n` +
        `Indiquez où se trouvent les données avec la variable d'environnement ATLAS_SOURCES ` +
        `(ATLAS_SOURCES=/chemin/vers/opendata npm run data) ou l'option --sources ` +
        `(npm run data -- --sources /chemin/vers/opendata).`,
    );
    return 2;
  }
  out.log(`Données ouvertes : ${opts.sourcesDir}`);
  out.log(opts.check ? 'Vérification seule (--check) : rien ne sera écrit.' : `Sortie : ${opts.outDir}`);
  out.log(`Paquets publiés : ${opts.publishedDir}`);
  let res: BuildResult;
  try {
    res = await runBuild(opts, out);
  } catch (e) {
    if (e instanceof ConfigError) {
      out.error(e.message);
      return 2;
    }
    throw e;
  }
  printIssues(res, out);
  for (const w of res.warnings) out.log(`\n! ${w}`);
  const seconds = (res.durationMs / 1000).toFixed(2).replace('.', ',');
  if (!res.ok) {
    const n = res.reports.flatMap((r) => r.issues).filter((i) => i.level === 'error').length;
    out.error(`\nÉchec de la construction des données : ${n} erreur(s), rien n'a été écrit (${seconds} s).`);
    return 1;
  }
  if (opts.check) {
    out.log(`\nDonnées et paquets valides (${seconds} s) : rien n'a été écrit.`);
    return 0;
  }
  out.log('');
  const counts = new Map(Object.values(res.manifest!.layers).map((l) => [l.file, l.count]));
  const width = Math.max(...res.written.map((w) => w.file.length));
  let total = 0;
  for (const w of res.written) {
    total += w.bytes;
    const count = counts.has(w.file) ? `${counts.get(w.file)} entité(s)` : '';
    out.log(`  ${w.file.padEnd(width)}  ${formatBytes(w.bytes).padStart(10)}  ${count}`);
  }
  out.log(`  ${'total'.padEnd(width)}  ${formatBytes(total).padStart(10)}  ${res.written.length} fichier(s)`);
  out.log(`\nDonnées construites en ${seconds} s dans ${opts.outDir}`);
  return 0;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error('Erreur inattendue pendant la construction des données :', e);
      process.exitCode = 1;
    },
  );
}
