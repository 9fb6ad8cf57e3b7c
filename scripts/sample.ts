/**
 * Fictitious sample: `npm run sample -- [--count N] [--seed S] [--out FILE] [--points]`.
 *
 * Generates N fictitious plots (default 300, seed 1) inside the real communes of the PETR and
 * writes them to public/data/sample.geojson (or --out FILE). Communes are read from
 * public/data/communes.geojson (data build) if present, else from
 * ${ATLAS_SOURCES ?? '../shared/opendata'}/admin/communes.geojson.
 * Distances to the RN2, the waterway and the stations are added when the transport layers
 * are available (public/data, else the sources folder); otherwise a warning is printed.
 * The output carries the foreign members `"fictitious": true` and `"generator"`.
 * Same options → same file (no timestamp inside).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSamplePlots, type CommuneCollection } from '../src/domain/sample';
import type { Site } from '../src/domain/types';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Usage : npm run sample -- [--count N] [--seed S] [--out FICHIER] [--points]
  --count N       nombre de terrains fictifs (défaut : 300)
  --seed S        graine du générateur, entier (défaut : 1) ; même graine = même fichier
  --out FICHIER   fichier de sortie (défaut : public/data/sample.geojson)
  --points        des points au lieu de polygones (pour les bancs d'essai)`;

interface Args {
  count: number;
  seed: number;
  out: string;
  points: boolean;
}

export function parseArgs(argv: string[]): Args | 'help' {
  const a: Args = { count: 300, seed: 1, out: path.join(REPO_ROOT, 'public/data/sample.geojson'), points: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--help' || k === '-h') return 'help';
    if (k === '--points') a.points = true;
    else if (k === '--count' || k === '--seed') {
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < (k === '--count' ? 0 : -2147483648)) {
        throw new Error(`Option ${k} : entier attendu, reçu « ${v ?? ''} ».`);
      }
      if (k === '--count') a.count = n;
      else a.seed = n;
      i++;
    } else if (k === '--out') {
      if (!v) throw new Error('Option --out : chemin de fichier attendu.');
      a.out = path.resolve(v);
      i++;
    } else throw new Error(`Option inconnue « ${k} ». ${HELP}`);
  }
  return a;
}

function readCommunes(): { fc: CommuneCollection; file: string } {
  const sources = process.env.ATLAS_SOURCES ?? path.resolve(REPO_ROOT, '../shared/opendata');
  const candidates = [path.join(REPO_ROOT, 'public/data/communes.geojson'), path.join(sources, 'admin/communes.geojson')];
  for (const file of candidates) {
    if (!fs.existsSync(file)) continue;
    try {
      return { fc: JSON.parse(fs.readFileSync(file, 'utf8')) as CommuneCollection, file };
    } catch {
      throw new Error(`Le fichier des communes « ${file} » n'est pas du JSON valide.`);
    }
  }
  throw new Error(`Communes introuvables (cherchées dans : ${candidates.join(', ')}). Lancez « npm run data » ou définissez ATLAS_SOURCES.`);
}

async function addDistances(sites: Site[]): Promise<{ sites: Site[]; from: string | null; warning: string | null }> {
  try {
    const dist = await import('../src/domain/distances/index');
    const node = await import('./lib/networkFiles');
    const dirs = [path.join(REPO_ROOT, 'public/data'), process.env.ATLAS_SOURCES ?? path.resolve(REPO_ROOT, '../shared/opendata')];
    const dir = dirs.find((d) => node.resolveTransportDir(d) !== null);
    if (!dir) return { sites, from: null, warning: 'couches de transport introuvables (lancez « npm run data »)' };
    const calc = dist.createDistanceCalculator(node.loadNetworksFromSources(dir));
    const out = sites.map((s) => ({ ...s, properties: { ...s.properties, ...dist.toSiteDistances(calc.compute(s.geometry)) } }));
    return { sites: out, from: path.relative(REPO_ROOT, dir) || '.', warning: null };
  } catch (e) {
    return { sites, from: null, warning: e instanceof Error ? e.message : String(e) };
  }
}

async function main(): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  if (args === 'help') {
    console.log(HELP);
    return 0;
  }
  const t0 = performance.now();
  const { fc, file } = readCommunes();
  let sites = generateSamplePlots({ count: args.count, seed: args.seed, communes: fc, geometry: args.points ? 'point' : 'polygon' });
  const t1 = performance.now();
  const d = await addDistances(sites);
  sites = d.sites;
  if (d.warning) console.warn(`Attention : distances non calculées (${d.warning}). Le fichier est écrit sans distances.`);
  const t2 = performance.now();
  const collection = {
    type: 'FeatureCollection',
    name: 'sample',
    fictitious: true,
    generator: {
      command: `npm run sample -- --count ${args.count} --seed ${args.seed}${args.points ? ' --points' : ''}`,
      script: 'scripts/sample.ts',
      seed: args.seed,
      count: args.count,
      geometry: args.points ? 'point' : 'polygon',
      communes: path.relative(REPO_ROOT, file),
      distances: d.from,
      note: 'Données fictives : aucun de ces terrains n’existe.',
    },
    features: sites,
  };
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  const tmp = `${args.out}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(collection) + '\n');
  fs.renameSync(tmp, args.out);
  const bytes = fs.statSync(args.out).size;
  console.log(
    `${sites.length} sites fictifs (graine ${args.seed}) écrits dans ${path.relative(process.cwd(), args.out)} ` +
      `(${(bytes / 1024).toFixed(0)} Kio ; génération ${(t1 - t0).toFixed(0)} ms, distances ${d.warning ? 'non calculées' : `${(t2 - t1).toFixed(0)} ms`}).`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
