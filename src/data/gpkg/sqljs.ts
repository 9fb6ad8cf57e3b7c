/**
 * sql.js (SQLite compiled to WebAssembly, maintained by the sql.js project) — the engine the
 * GeoPackage reader and writer run on. Loaded on demand, never in the start bundle.
 *
 * The loader is passed in: in Node (tests, scripts) sql.js finds its .wasm beside its own
 * script (`loadSqlJsNode`); in the browser the .wasm is an asset bundled by Vite
 * (`loadSqlJsBrowser` in ./sqljsBrowser.ts), so nothing is fetched from the network.
 */
import type { SqlJsStatic } from 'sql.js';

export type SqlJsLoader = () => Promise<SqlJsStatic>;

let node: Promise<SqlJsStatic> | null = null;

export const loadSqlJsNode: SqlJsLoader = () => {
  node ??= import('sql.js').then((m) => (m.default as unknown as (o?: object) => Promise<SqlJsStatic>)());
  return node;
};

/** A double-quoted SQL identifier. */
export function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
