/**
 * Adds the distances to the RN2, the Aisne waterway and the Paris–Laon stations (with the
 * rail km to Roissy-CDG) to every feature of a GeoJSON file.
 *
 *   npm run distances -- --in plots.geojson --out out.geojson [--sources DIR]
 *
 * Input: WGS84 or Lambert-93 (EPSG:2154, from the legacy `crs` member or the coordinate
 * ranges). Output: the same file (same CRS and geometries) with the properties
 * dist_rn2_m, dist_rn2_error_m, dist_waterway_m, waterway_name, dist_station_m,
 * station_name, rail_km_to_cdg. Without --out, the result goes to standard output.
 * --sources: the open-data folder (or its transport/ subfolder, or a built public/data);
 * default $ATLAS_SOURCES, else ../shared/opendata, else public/data.
 *
 * Exit code: 0 when at least one feature was measured; 1 when none was; 2 when the input
 * cannot be read (not JSON, not GeoJSON, unknown CRS) or the arguments are wrong.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDistanceCalculator } from '../src/domain/distances/index';
import { annotateCollection, InputError, parseGeojson } from '../src/domain/distances/annotate';
import { defaultSourcesDir, loadNetworksFromSources, resolveTransportDir } from '../src/domain/distances/node';

const USAGE = 'Usage : npm run distances -- --in entree.geojson [--out sortie.geojson] [--sources DOSSIER]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseArgs(argv: string[]): { input: string; output: string | null; sources: string | null } {
  let input: string | null = null;
  let output: string | null = null;
  let sources: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`Option ${a} : valeur manquante.\n${USAGE}`, 2);
      return v;
    };
    if (a === '--in') input = value();
    else if (a === '--out') output = value();
    else if (a === '--sources') sources = value();
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`Option inconnue : ${a}\n${USAGE}`, 2);
  }
  if (!input) fail(`Fichier d'entrée manquant (--in).\n${USAGE}`, 2);
  return { input, output, sources };
}

function sourcesDir(explicit: string | null): string {
  if (explicit) return resolve(explicit);
  const candidates = [defaultSourcesDir(), join(process.cwd(), 'public', 'data')];
  return candidates.find((d) => resolveTransportDir(d) !== null) ?? candidates[0];
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let text: string;
  try {
    text = readFileSync(args.input, 'utf8');
  } catch {
    fail(`Impossible de lire le fichier d'entrée « ${args.input} ».`, 2);
  }
  let calc;
  try {
    calc = createDistanceCalculator(loadNetworksFromSources(sourcesDir(args.sources)));
  } catch (e) {
    fail(`Réseaux de transport illisibles : ${e instanceof Error ? e.message : String(e)}`, 2);
  }
  let result;
  try {
    result = annotateCollection(parseGeojson(text, args.input), calc);
  } catch (e) {
    if (e instanceof InputError) fail(e.message, 2);
    throw e;
  }
  for (const m of result.messages) process.stderr.write(`${m}\n`);
  const json = JSON.stringify(result.output);
  if (args.output) writeFileSync(args.output, json + '\n');
  else process.stdout.write(json + '\n');
  process.stderr.write(
    `${result.read} entité(s) lue(s) (${result.crs === 'EPSG:2154' ? 'Lambert-93' : 'WGS84'} : ${result.crsReason}), ` +
      `${result.measured} mesurée(s), ${result.rejected} rejetée(s)` +
      (args.output ? ` ; résultat écrit dans « ${args.output} ».\n` : '.\n'),
  );
  if (result.measured === 0) fail('Aucune entité valide : aucune distance calculée.', 1);
}

main();
