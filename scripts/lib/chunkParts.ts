/**
 * What each built JS file is made of: its bytes attributed to the package or source folder they
 * come from, through the build's source map (`<file>.map`, written with `sourcemap: 'hidden'` so
 * the served file is byte for byte the normal build). Used by bench-first-idle to split the
 * start-up JS into the floor (MapLibre and React, which the atlas cannot start without) and the
 * rest (the app's own code and its other libraries).
 *
 * Gzip sizes: each part's generated code is gzipped alone, then the file's real gzip size is
 * shared out in proportion, so the parts of a file add up to the file's gzip size exactly.
 * A file with no source map is one part, named after the file (MapLibre's worker, copied as is,
 * is `maplibre-gl`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

interface Mapping {
  generatedLine: number;
  generatedColumn: number;
  source: string | null;
}
interface Consumer {
  eachMapping(cb: (m: Mapping) => void, ctx: null, order: number): void;
}

/** The part a source belongs to: `npm:<package>` for node_modules, `src/<folder>` for ours. */
export function partOf(source: string | null): string {
  if (!source) return '(runtime)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (nm) return `npm:${nm[1]}`;
  const src = /(?:^|\/)src\/([^/]+)(?:\/([^/]+))?/.exec(source);
  if (src) return src[2] && !/\.[cm]?[jt]sx?$/.test(src[1]) ? `src/${src[1]}/${src[2].replace(/\.[cm]?[jt]sx?$/, '')}` : `src/${src[1].replace(/\.[cm]?[jt]sx?$/, '')}`;
  return source.replace(/^.*\//, '');
}

/** Bytes (raw and gzip -9) of each part of one file. */
export function chunkParts(file: string): Map<string, { raw: number; gz: number }> {
  const code = readFileSync(file, 'utf8');
  const fileGz = gzipSync(code, { level: 9 }).length;
  const out = new Map<string, { raw: number; gz: number }>();
  const mapFile = `${file}.map`;
  if (!existsSync(mapFile)) {
    const name = /maplibre-gl-worker/.test(file) ? 'npm:maplibre-gl' : file.replace(/^.*\//, '');
    out.set(name, { raw: Buffer.byteLength(code), gz: fileGz });
    return out;
  }
  const require = createRequire(import.meta.url);
  const { SourceMapConsumer } = require('source-map-js') as { SourceMapConsumer: new (raw: unknown) => Consumer };
  const consumer = new SourceMapConsumer(JSON.parse(readFileSync(mapFile, 'utf8')));
  const maps: Mapping[] = [];
  consumer.eachMapping((m) => maps.push({ generatedLine: m.generatedLine, generatedColumn: m.generatedColumn, source: m.source }), null, 1);
  const lines = code.split('\n');
  const pieces = new Map<string, string[]>();
  const add = (part: string, text: string) => {
    if (!text) return;
    const p = pieces.get(part);
    if (p) p.push(text);
    else pieces.set(part, [text]);
  };
  // Text between two mappings goes to the first one's part, across line ends too (a minified
  // file breaks lines only inside template literals, e.g. MapLibre's shaders).
  let line = 1;
  let col = 0;
  let part = '(runtime)';
  for (const m of maps) {
    while (line < m.generatedLine) {
      add(part, lines[line - 1]?.slice(col) ?? '');
      line++;
      col = 0;
    }
    add(part, lines[line - 1]?.slice(col, m.generatedColumn) ?? '');
    col = m.generatedColumn;
    part = partOf(m.source);
  }
  for (; line <= lines.length; line++, col = 0) add(part, lines[line - 1]?.slice(col) ?? '');
  let gzSum = 0;
  const rows: [string, number, number][] = [];
  for (const [p, texts] of pieces) {
    const text = texts.join('');
    const gz = gzipSync(text, { level: 9 }).length;
    gzSum += gz;
    rows.push([p, Buffer.byteLength(text), gz]);
  }
  for (const [p, raw, gz] of rows) out.set(p, { raw, gz: gzSum ? (gz * fileGz) / gzSum : 0 });
  return out;
}

/** Packages without which the atlas cannot start at all: the map library and React. */
export const FLOOR_PARTS = ['npm:maplibre-gl', 'npm:@maplibre', 'npm:react', 'npm:react-dom', 'npm:scheduler'];

export function isFloor(part: string): boolean {
  return FLOOR_PARTS.some((f) => part === f || part.startsWith(`${f}/`));
}
