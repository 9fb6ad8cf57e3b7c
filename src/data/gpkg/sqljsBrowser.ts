/** sql.js in the browser (or a Web Worker), with its .wasm bundled by Vite: no network needed. */
import type { SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { SqlJsLoader } from './sqljs';

let loading: Promise<SqlJsStatic> | null = null;

export const loadSqlJsBrowser: SqlJsLoader = () => {
  loading ??= import('sql.js').then((m) => (m.default as unknown as (o: object) => Promise<SqlJsStatic>)({ locateFile: () => wasmUrl }));
  // A failed load (e.g. the asset missing after a redeploy) may be retried.
  loading.catch(() => {
    loading = null;
  });
  return loading;
};
