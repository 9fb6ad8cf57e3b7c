/**
 * Import: drop zone + file picker, detected CRS (with a menu to change it), validation
 * report item by item (import / skip, inline fix of a missing name), then — for ids that
 * already exist — the differences, site by site (replace / keep). Nothing is merged before
 * the user confirms; every value from the file is rendered as text.
 */
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { CRS_IDS, CRS_LABELS, isCrsId, type CrsId } from '../../domain/crs';
import type { Site } from '../../domain/types';
import {
  COLUMN_TARGETS,
  MAX_IMPORT_BYTES,
  columnChoices,
  isColumnTarget,
  loadColumnMemory,
  rememberColumns,
  type ColumnMap,
  type CommunesLayer,
  type ImportItem,
  type ImportResult,
  type TerritoryInput,
} from '../../data/import';
import { useAtlas, allSites } from '../../state/store';
import {
  mergeImported,
  patchImportSession,
  setImportSession,
  useCuration,
  type ImportChoice,
  type ImportSession,
  compareImport,
} from '../../state/drafts';
import { useT, type TFunction } from '../i18n';
import type { NameFixes } from '../../data/import/importFixes';
import { cancelImportParse, ImportCancelledError, parseImport } from '../../data/import/worker';
import { DiffReview } from './DiffReview';
import { CnigZonesImport } from './CnigZonesImport';
import { actionErrorText } from '../shared/lazy';

const PAGE = 100;
const MAX_MB = Math.round(MAX_IMPORT_BYTES / (1024 * 1024));

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace('.', ',');
}

/** What is parsed: the file (and the other parts of a Shapefile) and the user's choices. */
interface ParseWhat {
  fileName: string;
  bytes: ArrayBuffer;
  extraFiles?: { name: string; bytes: ArrayBuffer }[];
  crs: CrsId | null;
  fixes: NameFixes;
  format: ImportResult['format'];
  layer?: string | null;
  columnMap?: ColumnMap;
}

/** Parses (in a worker) against the current atlas: existing ids, communes, PETR outline, remembered columns. */
function parse(w: ParseWhat): Promise<ImportResult> {
  const atlas = useAtlas.getState();
  const petr = atlas.layers.petr;
  return parseImport({
    name: w.fileName,
    bytes: w.bytes,
    extraFiles: w.extraFiles,
    crs: w.crs,
    fixes: w.fixes,
    format: w.format,
    layer: w.layer ?? null,
    columnMap: w.columnMap,
    rememberedColumns: loadColumnMemory(),
    existingIds: allSites(atlas).map((s) => s.properties.id),
    communes: (atlas.layers.communes ?? null) as CommunesLayer | null,
    territory: petr && petr.features.length ? (petr as TerritoryInput) : null,
  });
}

/** Only the latest parse request applies (the user may change the CRS twice quickly). */
let parseToken = 0;

function defaultChoices(result: ImportResult, previous?: Record<number, ImportChoice>, wasBlocked?: Set<number>): Record<number, ImportChoice> {
  const out: Record<number, ImportChoice> = {};
  for (const it of result.items) {
    if (it.blocked) out[it.index] = 'skip';
    else if (previous && previous[it.index] && !wasBlocked?.has(it.index)) out[it.index] = previous[it.index];
    else out[it.index] = 'import';
  }
  return out;
}

function statusOf(it: ImportItem): 'valid' | 'warning' | 'error' {
  if (it.blocked) return 'error';
  return it.issues.some((i) => i.level === 'warning') ? 'warning' : 'valid';
}

function needsName(it: ImportItem): boolean {
  return it.issues.some((i) => i.code === 'missing-field' && /nom/.test(i.message));
}

export function ImportSection() {
  const t = useT();
  const session = useCuration((s) => s.importSession);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();

  async function handleFiles(list: File[]) {
    setError(null);
    setDone(null);
    if (list.length === 0) return;
    // The .shp names a Shapefile dropped as parts; otherwise the first file.
    const main = list.find((f) => /\.shp$/i.test(f.name)) ?? list[0];
    const size = list.reduce((n, f) => n + f.size, 0);
    if (size > MAX_IMPORT_BYTES) {
      const msg = t('cur.import.tooBig', { name: main.name, size: megabytes(size), max: MAX_MB });
      setError(msg);
      useAtlas.getState().announce(msg);
      return;
    }
    // A new file: the previous report is dropped (parseImport stops any read still running).
    if (useCuration.getState().importSession) setImportSession(null);
    setBusy(main.name);
    const token = ++parseToken;
    try {
      const bytes = await main.arrayBuffer();
      const extraFiles = await Promise.all(list.filter((f) => f !== main).map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
      const result = await parse({ fileName: main.name, bytes, extraFiles, crs: null, fixes: {}, format: null });
      if (token !== parseToken) return;
      const s: ImportSession = {
        fileName: main.name,
        bytes,
        extraFiles,
        crs: null,
        nameFixes: {},
        layer: result.layer ?? null,
        result,
        choices: defaultChoices(result),
        stage: 'report',
        diff: null,
      };
      setImportSession(s);
      useAtlas.getState().announce(summaryText(t, result));
    } catch (e) {
      if (token !== parseToken) return;
      const msg =
        e instanceof ImportCancelledError
          ? t('cur.import.aborted', { name: main.name })
          : t('cur.import.readError', { name: main.name, message: actionErrorText(t, e) });
      if (e instanceof ImportCancelledError) setDone(msg);
      else setError(msg);
      useAtlas.getState().announce(msg);
    } finally {
      if (token === parseToken) setBusy(null);
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  function abort() {
    // The worker is terminated: a stuck or huge file never blocks the next one.
    const name = busy;
    parseToken++;
    cancelImportParse();
    setBusy(null);
    const msg = t('cur.import.aborted', { name: name ?? '' });
    setDone(msg);
    useAtlas.getState().announce(msg);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragOver(false);
    const files = [...(e.dataTransfer.files ?? [])];
    if (files.length) void handleFiles(files);
  }

  return (
    <div className="cur-import">
      <div
        className={`cur-dropzone${dragOver ? ' is-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
      >
        <p className="cur-drop-text">{t('cur.import.drop')}</p>
        <label htmlFor={inputId} className="button-like">
          {t('cur.import.pick')}
        </label>
        <input
          id={inputId}
          ref={inputRef}
          className="cur-file-input"
          type="file"
          multiple
          accept=".geojson,.json,.csv,.txt,.tsv,.zip,.shp,.shx,.dbf,.prj,.cpg,.gpkg,.kml,.kmz,.xlsx,application/geo+json,application/json,text/csv"
          aria-describedby={hintId}
          data-testid="import-file"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            if (files.length) void handleFiles(files);
          }}
        />
        <p id={hintId} className="cur-hint">
          {t('cur.import.limit', { max: MAX_MB })}
        </p>
      </div>
      <div aria-live="polite" className="cur-live">
        {busy && (
          <p className="cur-busy">
            {t('cur.import.reading', { name: busy })}{' '}
            <button type="button" onClick={abort}>
              {t('cur.import.cancel')}
            </button>
          </p>
        )}
        {done && <p className="cur-ok">{done}</p>}
      </div>
      {error && (
        <p className="cur-error" role="alert">
          {error}
        </p>
      )}
      {session && session.stage === 'report' && <ImportReport session={session} onDone={setDone} />}
      {session && session.stage === 'diff' && session.diff && (
        <DiffReview
          session={session}
          onBack={() => patchImportSession({ stage: 'report', diff: null })}
          onDone={(msg) => {
            setImportSession(null);
            setDone(msg);
            useAtlas.getState().announce(msg);
          }}
        />
      )}
    </div>
  );
}

function summaryText(t: TFunction, r: ImportResult): string {
  const valid = r.summary.importable - r.summary.withWarnings;
  return t('cur.import.summary', { total: r.summary.total, valid, warning: r.summary.withWarnings, error: r.summary.blocked });
}

type ReportItem = ImportSession['result']['items'][number];
const selectedMemo = new WeakMap<readonly ReportItem[], { choices: ImportSession['choices']; selected: ReportItem[] }>();
/**
 * The items to import (not blocked, with a site, chosen), memoised on (items, choices): the report
 * re-renders at each part of a big merge (the panel's counts change), and 100,000 items cost.
 */
function importSelected(items: readonly ReportItem[], choices: ImportSession['choices']): ReportItem[] {
  const hit = selectedMemo.get(items);
  if (hit?.choices === choices) return hit.selected;
  const selected = items.filter((it) => !it.blocked && it.site && choices[it.index] === 'import');
  selectedMemo.set(items, { choices, selected });
  return selected;
}

function ImportReport({ session, onDone }: { session: ImportSession; onDone: (msg: string) => void }) {
  const t = useT();
  const r = session.result;
  const rootRef = useRef<HTMLDivElement>(null);
  // A new file: bring its report into view.
  useEffect(() => {
    rootRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [session.fileName, session.bytes]);
  const [shown, setShown] = useState(PAGE);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const crsSelectId = useId();

  const [parsing, setParsing] = useState(false);
  const [parseError, setParseError] = useState<string | null>(null);

  async function reparse(patch: { crs?: CrsId | null; nameFixes?: NameFixes; layer?: string | null; columnMap?: ColumnMap }) {
    const crs = patch.crs !== undefined ? patch.crs : session.crs;
    const nameFixes = patch.nameFixes ?? session.nameFixes;
    const layer = patch.layer !== undefined ? patch.layer : session.layer;
    // Another layer has other columns and other items: its own choices.
    const columnMap = patch.columnMap ?? (patch.layer !== undefined ? undefined : session.columnMap);
    const fixes = patch.layer !== undefined ? {} : nameFixes;
    const token = ++parseToken;
    setParsing(true);
    setParseError(null);
    try {
      const result = await parse({ fileName: session.fileName, bytes: session.bytes, extraFiles: session.extraFiles, crs, fixes, format: r.format, layer, columnMap });
      if (token !== parseToken) return;
      const current = useCuration.getState().importSession;
      if (!current || current.bytes !== session.bytes) return;
      const sameItems = patch.layer === undefined;
      const wasBlocked = new Set(current.result.items.filter((i) => i.blocked).map((i) => i.index));
      patchImportSession({
        crs,
        nameFixes: fixes,
        layer: result.layer ?? layer ?? null,
        columnMap,
        result,
        choices: sameItems ? defaultChoices(result, current.choices, wasBlocked) : defaultChoices(result),
      });
      useAtlas.getState().announce(summaryText(t, result));
    } catch (e) {
      if (token !== parseToken) return;
      if (e instanceof ImportCancelledError) setParseError(t('cur.import.aborted', { name: session.fileName }));
      else setParseError(t('cur.import.readError', { name: session.fileName, message: actionErrorText(t, e) }));
    } finally {
      if (token === parseToken) setParsing(false);
    }
  }

  /** « Annuler l’import »: closes the report; a re-read in progress is stopped with its worker. */
  function cancelImport() {
    parseToken++;
    cancelImportParse();
    setImportSession(null);
  }

  const selected = importSelected(r.items, session.choices);

  async function submit() {
    const sites = selected.map((it) => it.site!) as Site[];
    const atlas = useAtlas.getState();
    const existing = new Map(allSites(atlas).map((s) => [s.properties.id, s] as const));
    const diff = compareImport(sites, existing);
    if (diff.changed.length === 0 && diff.identical.length === 0) {
      const report = await mergeImported(diff.fresh, session.fileName);
      setImportSession(null);
      const aside = report.quarantined.length ? ` ${t('cur.import.quarantined', { n: report.quarantined.length })}` : '';
      const msg = `${t('cur.import.done', { n: report.merged })}${aside}`;
      onDone(msg);
      atlas.announce(msg);
      return;
    }
    patchImportSession({ stage: 'diff', diff });
  }

  const detection = r.crs;
  const used = session.crs ?? r.crsUsed;
  const fileErrors = r.issues.filter((i) => i.level === 'error');
  const fileWarnings = r.issues.filter((i) => i.level === 'warning');

  return (
    <div className="cur-report" ref={rootRef}>
      <p className="cur-file">{t('cur.import.file', { name: session.fileName })}</p>
      {r.layers && r.layers.length > 1 && (
        <div className="cur-crs">
          <label htmlFor={`${crsSelectId}-layer`}>{t('cur.import.layer.label')}</label>
          <select id={`${crsSelectId}-layer`} value={r.layer ?? ''} disabled={parsing} onChange={(e) => void reparse({ layer: e.target.value })}>
            {r.layers.map((l) => (
              <option key={l.name} value={l.name}>
                {t('cur.import.layer.option', { name: l.name, n: l.count, type: l.geometryType ? `, ${l.geometryType}` : '' })}
              </option>
            ))}
          </select>
        </div>
      )}
      {detection && (
        <div className="cur-crs">
          {used ? (
            <p data-testid="crs-detected">
              {t('cur.import.crs.detected', {
                crs: CRS_LABELS[used],
                reason: t(
                  session.crs
                    ? 'cur.import.crs.reason.user'
                    : detection.reason === 'crs-member' && r.crsSource && r.crsSource !== 'crs-member'
                      ? `cur.import.crs.reason.${r.crsSource}`
                      : `cur.import.crs.reason.${detection.reason}`,
                ),
              })}
            </p>
          ) : (
            <p className="cur-error">{t('cur.import.crs.unknown')}</p>
          )}
          {(detection.confidence !== 'sure' || session.crs) && <p className="cur-hint">{detection.message}</p>}
          <label htmlFor={crsSelectId}>{t('cur.import.crs.label')}</label>
          <select
            id={crsSelectId}
            value={used ?? ''}
            onChange={(e) => void reparse({ crs: isCrsId(e.target.value) ? e.target.value : null })}
          >
            {!used && <option value="">{t('cur.import.crs.choose')}</option>}
            {CRS_IDS.map((id) => (
              <option key={id} value={id}>
                {CRS_LABELS[id]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div aria-live="polite" className="cur-live">
        {parsing && <p className="cur-busy">{t('cur.import.reading', { name: session.fileName })}</p>}
      </div>
      {r.columns && r.columns.length > 0 && (
        <ColumnMapping key={`${session.fileName}|${r.layer ?? ''}|${JSON.stringify(session.columnMap ?? {})}`} result={r} disabled={parsing} onApply={(map) => void reparse({ columnMap: map })} />
      )}
      {parseError && (
        <p className="cur-error" role="alert">
          {parseError}
        </p>
      )}
      {(fileErrors.length > 0 || fileWarnings.length > 0) && (
        <div className="cur-file-issues">
          <h4>{t('cur.import.fileIssues')}</h4>
          <ul>
            {[...fileErrors, ...fileWarnings].map((i, k) => (
              <li key={k} className={i.level === 'error' ? 'cur-error' : 'cur-warn'}>
                {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {r.cnigClass && <p className="cur-hint" data-testid="import-cnig-class">{t(`pub.import.class.${r.cnigClass}`)}</p>}
      {r.zones && (
        <CnigZonesImport
          zones={r.zones}
          onDone={(msg) => {
            setImportSession(null);
            onDone(msg);
          }}
        />
      )}
      {r.items.length > 0 && (
        <>
          <p className="cur-summary" data-testid="import-summary">
            {summaryText(t, r)}
          </p>
          <div className="cur-table-wrap">
            <table className="cur-table">
              <caption>{t('cur.import.table.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cur.import.col.index')}</th>
                  <th scope="col">{t('cur.import.col.name')}</th>
                  <th scope="col">{t('cur.import.col.status')}</th>
                  <th scope="col">{t('cur.import.col.choice')}</th>
                </tr>
              </thead>
              <tbody>
                {r.items.slice(0, shown).map((it) => {
                  const st = statusOf(it);
                  const n = it.index + 1;
                  const fixing = needsName(it);
                  return (
                    <tr key={it.index} className={`cur-row cur-row-${st}`} data-testid={`import-row-${n}`}>
                      <td>{n}</td>
                      <td>
                        {fixing ? (
                          <form
                            className="cur-inline-fix"
                            onSubmit={(e) => {
                              e.preventDefault();
                              const v = (drafts[it.index] ?? '').trim();
                              if (v) void reparse({ nameFixes: { ...session.nameFixes, [it.index]: v } });
                            }}
                          >
                            <label className="sr-only" htmlFor={`fix-${crsSelectId}-${it.index}`}>
                              {t('cur.import.fix.name', { n })}
                            </label>
                            <input
                              id={`fix-${crsSelectId}-${it.index}`}
                              type="text"
                              placeholder={t('cur.import.fix.placeholder')}
                              value={drafts[it.index] ?? ''}
                              onChange={(e) => setDrafts({ ...drafts, [it.index]: e.target.value })}
                            />
                            <button type="submit">{t('cur.import.fix.apply')}</button>
                          </form>
                        ) : (
                          <span className="cur-name">{it.site?.properties.name || it.label}</span>
                        )}
                        {it.issues.length > 0 && (
                          <ul className="cur-issues">
                            {it.issues.map((i, k) => (
                              <li key={k} className={i.level === 'error' ? 'cur-error' : 'cur-warn'}>
                                {i.message}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className={`cur-status cur-status-${st}`}>{t(`cur.import.status.${st}`)}</td>
                      <td>
                        <select
                          aria-label={t('cur.import.choice.label', { n })}
                          value={session.choices[it.index] ?? 'skip'}
                          disabled={it.blocked}
                          onChange={(e) =>
                            patchImportSession({ choices: { ...session.choices, [it.index]: e.target.value as ImportChoice } })
                          }
                        >
                          <option value="import">{t('cur.import.choice.import')}</option>
                          <option value="skip">{t('cur.import.choice.skip')}</option>
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {r.items.length > shown && (
            <button type="button" onClick={() => setShown(shown + PAGE)}>
              {t('cur.import.more', { n: Math.min(PAGE, r.items.length - shown) })}
            </button>
          )}
        </>
      )}
      <div className="cur-actions">
        <button type="button" className="primary" disabled={parsing || selected.length === 0} onClick={() => void submit()}>
          {selected.length === 1 ? t('cur.import.submit.one') : t('cur.import.submit', { n: selected.length })}
        </button>
        <button type="button" onClick={cancelImport}>
          {t('cur.import.cancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * The column-mapping step: each column the atlas does not know, with the proposed (or
 * remembered) field; « Appliquer » re-reads the file with these choices and remembers them.
 */
function ColumnMapping({ result, disabled, onApply }: { result: ImportResult; disabled: boolean; onApply: (map: ColumnMap) => void }) {
  const t = useT();
  const base = useId();
  const columns = result.columns ?? [];
  const [choice, setChoice] = useState<ColumnMap>(() => Object.fromEntries(columns.map((c) => [c.column, c.target])));
  const pending = columns.some((c) => !c.applied && choice[c.column] !== null) || columns.some((c) => c.applied && choice[c.column] !== c.target);
  function apply() {
    const map = { ...columnChoices(columns), ...choice };
    rememberColumns(map);
    onApply(map);
  }
  return (
    <fieldset className="cur-columns" data-testid="import-columns">
      <legend>{t('cur.import.columns.title')}</legend>
      <p className="cur-hint">{t('cur.import.columns.hint')}</p>
      <ul>
        {columns.map((c, k) => (
          <li key={c.column}>
            <label htmlFor={`${base}-${k}`}>
              <span className="cur-name">« {c.column} »</span>
              {c.sample !== null && <span className="cur-hint"> — {t('cur.import.columns.sample', { value: c.sample })}</span>}
            </label>
            <select
              id={`${base}-${k}`}
              aria-label={t('cur.import.columns.select', { column: c.column })}
              value={choice[c.column] ?? ''}
              disabled={disabled}
              onChange={(e) => setChoice({ ...choice, [c.column]: isColumnTarget(e.target.value) ? e.target.value : null })}
            >
              <option value="">{t('cur.import.columns.none')}</option>
              {COLUMN_TARGETS.map((f) => (
                <option key={f} value={f}>
                  {t(`cur.import.target.${f}`)}
                </option>
              ))}
            </select>
            <span className="cur-hint"> {t(`cur.import.columns.state.${c.applied ? (c.origin === 'remembered' ? 'remembered' : 'chosen') : c.origin}`)}</span>
          </li>
        ))}
      </ul>
      <button type="button" className={pending ? 'primary' : undefined} disabled={disabled} onClick={apply}>
        {t('cur.import.columns.apply')}
      </button>
    </fieldset>
  );
}
