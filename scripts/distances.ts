/**
 * Adds the distances to the RN2, the Aisne waterway, the Paris–Laon stations (with the rail
 * km to Roissy-CDG through the proposed « virgule ») and the nearest rail siding (ITE) to every
 * feature of a GeoJSON file, streaming: the input is read and the output written feature by
 * feature, so memory stays flat whatever the size (1,000,000 polygons: see
 * `npm run bench:distances`).
 *
 *   npm run distances -- --in plots.geojson --out out.geojson [--sources DIR] [--format F]
 *
 * Input (`--in FILE`, or `-` for standard input): a FeatureCollection (streamed, never loaded
 * whole), a single Feature, newline-delimited GeoJSON (one Feature per line) or GeoJSON Text
 * Sequences (RFC 8142, records starting with U+001E); WGS84 or Lambert-93 (EPSG:2154, from the
 * legacy `crs` member or the coordinate ranges). Output: the same features, geometries and
 * other members unchanged, with the properties dist_rn2_m, dist_rn2_error_m, dist_waterway_m,
 * waterway_name, dist_station_m, station_name, rail_km_to_cdg, dist_ite_m, ite_name, ite_line;
 * in the input's format unless `--format geojson|ndjson|geojsonseq` says otherwise. Without
 * --out, the result goes to standard output; with --out it is written to a temporary file
 * renamed at the end (no half-written file on error).
 * --sources: the open-data folder (or its transport/ subfolder, or a built public/data);
 * default $ATLAS_SOURCES, else ../shared/opendata, else public/data.
 *
 * Exit code: 0 when at least one feature was measured; 1 when none was; 2 when the input
 * cannot be read (not JSON, not GeoJSON, unknown CRS) or the arguments are wrong.
 */
import { createReadStream, createWriteStream, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { createDistanceCalculator, type DistanceCalculator } from '../src/domain/distances/index';
import { createFeatureAnnotator, detectInputCrs, InputError, type InputCrs } from '../src/domain/distances/annotate';
import { defaultSourcesDir, loadNetworksFromSources, resolveTransportDir } from '../src/domain/distances/node';
import { GeoJsonSplitter, StreamSyntaxError, type StreamEvent } from './lib/geojsonStream';
import type { BatchRequest, BatchResult } from './lib/distancesWorker';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

const USAGE =
  'Usage : npm run distances -- --in entree.geojson|- [--out sortie.geojson] [--sources DOSSIER] [--format geojson|ndjson|geojsonseq] [--jobs N]';

type Format = 'geojson' | 'ndjson' | 'geojsonseq';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

interface Args {
  input: string;
  output: string | null;
  sources: string | null;
  format: Format | null;
  /** Worker threads (0 = all in this thread); null = automatic. */
  jobs: number | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { input: '', output: null, sources: null, format: null, jobs: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v !== '-')) fail(`Option ${k} : valeur manquante.\n${USAGE}`, 2);
      return v;
    };
    if (k === '--in') a.input = value();
    else if (k === '--out') a.output = value();
    else if (k === '--sources') a.sources = value();
    else if (k === '--format') {
      const f = value();
      if (f !== 'geojson' && f !== 'ndjson' && f !== 'geojsonseq') fail(`Option --format : « ${f} » inconnu (geojson, ndjson ou geojsonseq).\n${USAGE}`, 2);
      a.format = f;
    } else if (k === '--jobs') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 64) fail(`Option --jobs : un entier de 0 à 64 est attendu.\n${USAGE}`, 2);
      a.jobs = n;
    } else if (k === '--help' || k === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`Option inconnue : ${k}\n${USAGE}`, 2);
  }
  if (!a.input) fail(`Fichier d'entrée manquant (--in).\n${USAGE}`, 2);
  return a;
}

function sourcesDir(explicit: string | null): string {
  if (explicit) return resolve(explicit);
  const candidates = [defaultSourcesDir(), join(process.cwd(), 'public', 'data')];
  return candidates.find((d) => resolveTransportDir(d) !== null) ?? candidates[0];
}

/** Format implied by a file name (.geojsonl, .ndjson, .jsonl → ndjson; .geojsons, .geojsonseq → geojsonseq). */
function formatOfName(name: string | null): Format | null {
  if (!name) return null;
  if (/\.(geojsonl|ndjson|jsonl|ldgeojson)$/i.test(name)) return 'ndjson';
  if (/\.(geojsons|geojsonseq)$/i.test(name)) return 'geojsonseq';
  return null;
}

/** Buffered writer with back-pressure: strings are joined and written by blocks of ~1 MB. */
class Output {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly stream: NodeJS.WritableStream) {}
  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const block = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(block)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
}

const INVALID = Symbol('invalid JSON');

/** Features per batch sent to a worker thread. */
const BATCH = 1000;

/**
 * Worker threads annotating batches (scripts/lib/distancesWorker.ts); results are written in
 * input order. At most two batches per worker are in flight, so memory stays flat.
 */
class Pool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly ready = new Map<number, BatchResult>();
  private nextSeq = 0;
  private nextWrite = 0;
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private readonly backlog: BatchRequest[] = [];

  constructor(
    jobs: number,
    sources: string,
    crs: InputCrs,
    private readonly write: (r: BatchResult) => Promise<void>,
  ) {
    for (let k = 0; k < jobs; k++) {
      // The worker is TypeScript too: its entry registers tsx's loader, which threads do not inherit.
      const w = new Worker(new URL('./lib/distancesWorkerBoot.mjs', import.meta.url), { workerData: { sources, crs } });
      w.on('message', (r: BatchResult) => {
        this.ready.set(r.seq, r);
        this.inFlight--;
        const next = this.backlog.shift();
        if (next) this.post(w, next);
        else this.idle.push(w);
        this.wake?.();
      });
      w.on('error', (e) => {
        this.failure = e instanceof Error ? e : new Error(String(e));
        this.wake?.();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  private post(w: Worker, m: BatchRequest): void {
    this.inFlight++;
    w.postMessage(m);
  }

  private async waitAndDrain(): Promise<void> {
    if (this.failure) throw this.failure;
    // Results may have arrived while a write was awaited: wait only when none is ready.
    if (!this.ready.has(this.nextWrite)) await new Promise<void>((r) => (this.wake = r));
    this.wake = null;
    if (this.failure) throw this.failure;
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.ready.has(this.nextWrite)) {
      const r = this.ready.get(this.nextWrite)!;
      this.ready.delete(this.nextWrite);
      this.nextWrite++;
      await this.write(r);
    }
  }

  async submit(raws: string[], first: number): Promise<void> {
    const m: BatchRequest = { seq: this.nextSeq++, first, raws };
    const w = this.idle.pop();
    if (w) this.post(w, m);
    else this.backlog.push(m);
    await this.drain();
    while (this.backlog.length + this.inFlight > 2 * this.workers.length) await this.waitAndDrain();
  }

  async close(): Promise<void> {
    while (this.nextWrite < this.nextSeq) await this.waitAndDrain();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Up to this many features are held while the CRS is detected from their coordinates. */
const CRS_SAMPLE_FEATURES = 500;

class Run {
  read = 0;
  measured = 0;
  crs: InputCrs | null = null;
  crsReason = '';
  private annotate: ReturnType<typeof createFeatureAnnotator> | null = null;
  private pending: unknown[] = [];
  private header: string[] = [];
  private rootMembers: { key: string; raw: string }[] = [];
  private trailer: string[] = [];
  private crsMember: unknown = undefined;
  private mode: 'fc' | 'seq' | null = null;
  private firstRecord: { raw: string; separator: string } | null = null;
  private records = 0;
  private sawRs = false;
  private outFormat: Format | null;
  private wroteFeature = false;
  private readonly messages: string[] = [];

  constructor(
    private readonly calc: DistanceCalculator,
    private readonly out: Output,
    private readonly label: string,
    forced: Format | null,
    private readonly jobs: number,
    private readonly sources: string,
  ) {
    this.outFormat = forced;
  }

  private flushMessages(): void {
    if (this.messages.length) {
      process.stderr.write(this.messages.join('\n') + '\n');
      this.messages.length = 0;
    }
  }

  private decideCrs(): void {
    const fc = { type: 'FeatureCollection', features: this.pending, ...(this.crsMember !== undefined ? { crs: this.crsMember } : {}) } as FeatureCollection;
    const { crs, reason } = detectInputCrs(fc);
    this.crs = crs;
    this.crsReason = reason;
    this.annotate = createFeatureAnnotator(this.calc, crs);
  }

  private async writeFeature(f: Feature): Promise<void> {
    await this.writeJson(JSON.stringify(f));
  }

  private async writeJson(json: string): Promise<void> {
    const fmt = this.outFormat!;
    if (fmt === 'geojson') {
      await this.out.write(this.wroteFeature ? `,${json}` : json);
    } else if (fmt === 'ndjson') await this.out.write(`${json}\n`);
    else await this.out.write(`\u001e${json}\n`);
    this.wroteFeature = true;
  }

  private async startOutput(): Promise<void> {
    if (this.outFormat === 'geojson') {
      const members = this.header.length ? this.header : ['"type":"FeatureCollection"'];
      await this.out.write(`{${members.join(',')},"features":[`);
    }
  }

  /** One feature's raw text (an element of `features`, or a record). */
  private async feature(raw: string): Promise<void> {
    this.read++;
    if (this.crs !== null && this.pending.length === 0) {
      await this.queueRaw(raw);
      return;
    }
    const value = this.parse(raw);
    if (value === INVALID) return;
    if (this.crs === null) {
      this.pending.push(value);
      if (this.pending.length >= CRS_SAMPLE_FEATURES) await this.releasePending();
      return;
    }
    await this.processOne(value, this.read - 1);
  }

  /** The feature's value, or INVALID (reported, the feature is dropped) when its JSON is broken. */
  private parse(raw: string): unknown {
    try {
      return JSON.parse(raw);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      process.stderr.write(`entité n° ${this.read} : JSON invalide (${why}) ; entité ignorée, distances non calculées.\n`);
      return INVALID;
    }
  }

  private batch: string[] = [];
  private batchFirst = 0;
  private pool: Pool | null = null;

  /** Raw features after the CRS is known: annotated here, or by batches in worker threads. */
  private async queueRaw(raw: string): Promise<void> {
    if (this.jobs === 0) {
      const value = this.parse(raw);
      if (value !== INVALID) await this.processOne(value, this.read - 1);
      return;
    }
    if (this.batch.length === 0) this.batchFirst = this.read - 1;
    this.batch.push(raw);
    if (this.batch.length >= BATCH) await this.flushBatch();
  }

  private async flushBatch(): Promise<void> {
    if (this.batch.length === 0) return;
    this.pool ??= new Pool(this.jobs, this.sources, this.crs!, (r) => this.writeBatch(r));
    const raws = this.batch;
    this.batch = [];
    await this.pool.submit(raws, this.batchFirst);
  }

  private async writeBatch(r: BatchResult): Promise<void> {
    this.measured += r.measured;
    if (r.messages.length) process.stderr.write(r.messages.join('\n') + '\n');
    for (const json of r.out) if (json !== null) await this.writeJson(json);
  }

  private async processOne(value: unknown, index: number): Promise<void> {
    const r = this.annotate!(value, index, this.messages);
    if (r.measured) this.measured++;
    this.flushMessages();
    await this.writeFeature(r.feature);
  }

  private async releasePending(): Promise<void> {
    if (this.crs === null) this.decideCrs();
    const first = this.read - this.pending.length;
    const pending = this.pending;
    this.pending = [];
    for (let k = 0; k < pending.length; k++) await this.processOne(pending[k], first + k);
  }

  async event(e: StreamEvent): Promise<void> {
    if (e.kind === 'member') {
      // Members of a root object: a collection's header (or trailer), or the members of a lone
      // Feature / of a record, which the splitter cannot tell apart yet (dropped at the record).
      if (e.beforeFeatures) this.rootMembers.push({ key: e.key, raw: e.raw });
      else {
        if (e.key === 'features') throw new InputError(`Le fichier « ${this.label} » n'est pas un GeoJSON valide : le membre « features » (liste) est absent.`);
        this.trailer.push(`${JSON.stringify(e.key)}:${e.raw}`);
        if (e.key === 'crs') {
          process.stderr.write(`avertissement : le membre « crs » est placé après les entités ; le système de coordonnées a été déduit ${this.crs ? `(${this.crsReason})` : 'des coordonnées'}.\n`);
        }
      }
      return;
    }
    if (e.kind === 'features-start') {
      for (const m of this.rootMembers) {
        this.header.push(`${JSON.stringify(m.key)}:${m.raw}`);
        if (m.key === 'crs') {
          try {
            this.crsMember = JSON.parse(m.raw);
          } catch {
            throw new InputError(`Le fichier « ${this.label} » n'est pas du JSON valide (membre « crs »).`);
          }
        }
      }
      this.rootMembers = [];
      this.mode = 'fc';
      this.outFormat ??= 'geojson';
      if (this.crsMember !== undefined) this.decideCrs();
      await this.startOutput();
      return;
    }
    if (e.kind === 'feature') {
      await this.feature(e.raw);
      return;
    }
    // A record: a lone root value or one value of a sequence.
    if (this.rootMembers.some((m) => m.key === 'features')) {
      throw new InputError(`Le fichier « ${this.label} » n'est pas un GeoJSON valide : le membre « features » (liste) est absent.`);
    }
    this.rootMembers = [];
    this.records++;
    if (e.separator === 'rs') this.sawRs = true;
    if (this.records === 1) {
      this.firstRecord = { raw: e.raw, separator: e.separator };
      return;
    }
    if (this.records === 2) {
      this.mode = 'seq';
      this.outFormat ??= this.sawRs ? 'geojsonseq' : 'ndjson';
      await this.startOutput();
      await this.feature(this.firstRecord!.raw);
      this.firstRecord = null;
    }
    await this.feature(e.raw);
  }

  async finish(): Promise<void> {
    if (this.mode === null && this.firstRecord) {
      // A single root value: a Feature (written as a collection, or as asked), else not GeoJSON.
      let value: unknown;
      try {
        value = JSON.parse(this.firstRecord.raw);
      } catch (err) {
        throw new InputError(`Le fichier « ${this.label} » n'est pas du JSON valide (${err instanceof Error ? err.message : String(err)}).`);
      }
      const type = value && typeof value === 'object' && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined;
      if (type === 'FeatureCollection') throw new InputError(`Le fichier « ${this.label} » n'est pas un GeoJSON valide : le membre « features » (liste) est absent.`);
      if (type !== 'Feature') {
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          throw new InputError(`Le fichier « ${this.label} » n'est pas un GeoJSON : un objet FeatureCollection ou Feature est attendu.`);
        }
        throw new InputError(
          `Le fichier « ${this.label} » n'est pas un GeoJSON exploitable : type « ${String(type ?? 'absent')} » (FeatureCollection ou Feature attendu).`,
        );
      }
      this.mode = 'seq';
      this.outFormat ??= this.sawRs ? 'geojsonseq' : 'geojson';
      await this.startOutput();
      await this.feature(this.firstRecord.raw);
    }
    if (this.pending.length || this.crs === null) await this.releasePending();
    await this.flushBatch();
    if (this.pool) await this.pool.close();
    if (this.outFormat === 'geojson') await this.out.write(`]${this.trailer.length ? `,${this.trailer.join(',')}` : ''}}\n`);
    await this.out.flush();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let calc: DistanceCalculator;
  const sources = sourcesDir(args.sources);
  try {
    calc = createDistanceCalculator(loadNetworksFromSources(sources));
  } catch (e) {
    fail(`Réseaux de transport illisibles : ${e instanceof Error ? e.message : String(e)}`, 2);
  }
  const label = args.input === '-' ? 'entrée standard' : args.input;
  const input = args.input === '-' ? process.stdin : createReadStream(args.input, { highWaterMark: 1 << 20 });
  const tmp = args.output ? `${args.output}.${process.pid}.part` : null;
  const sink: NodeJS.WritableStream = tmp ? createWriteStream(tmp) : process.stdout;
  const out = new Output(sink);
  // Worker threads only pay off on large inputs (each one loads the networks, ~0.5 s).
  let size = 0;
  try {
    size = args.input === '-' ? 0 : statSync(args.input).size;
  } catch {
    /* reported when the file is opened */
  }
  const jobs = args.jobs ?? (size > 20e6 ? Math.min(4, availableParallelism()) : 0);
  const run = new Run(calc, out, label, args.format ?? formatOfName(args.output) ?? null, jobs, sources);
  const events: StreamEvent[] = [];
  const splitter = new GeoJsonSplitter((e) => events.push(e));
  const decoder = new TextDecoder('utf-8');
  let first = true;
  const cleanup = () => {
    if (tmp) rmSync(tmp, { force: true });
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let text = decoder.decode(chunk, { stream: true });
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      splitter.push(text);
      for (const e of events) await run.event(e);
      events.length = 0;
    }
    splitter.push(decoder.decode());
    splitter.end();
    for (const e of events) await run.event(e);
    events.length = 0;
    await run.finish();
  } catch (e) {
    cleanup();
    if ((e as NodeJS.ErrnoException)?.code === 'ENOENT' || (e as NodeJS.ErrnoException)?.code === 'EISDIR') {
      fail(`Impossible de lire le fichier d'entrée « ${args.input} ».`, 2);
    }
    if (e instanceof StreamSyntaxError) fail(`Le fichier « ${label} » n'est pas du JSON valide (${e.message}, position ${e.offset}).`, 2);
    if (e instanceof InputError) fail(e.message, 2);
    fail(`Le calcul des distances a échoué : ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  if (tmp) {
    await new Promise<void>((r, j) => (sink as WriteStream).end((err?: Error | null) => (err ? j(err) : r())));
    renameSync(tmp, args.output!);
  }
  const rejected = run.read - run.measured;
  process.stderr.write(
    `${run.read} entité(s) lue(s) (${run.crs === 'EPSG:2154' ? 'Lambert-93' : 'WGS84'} : ${run.crsReason}), ` +
      `${run.measured} mesurée(s), ${rejected} rejetée(s)` +
      (args.output ? ` ; résultat écrit dans « ${args.output} ».\n` : '.\n'),
  );
  if (run.measured === 0) fail('Aucune entité valide : aucune distance calculée.', 1);
}

void main();
