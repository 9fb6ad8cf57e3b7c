/**
 * Export of the atlas as files (the way drafts get published): scope (current filtered
 * selection or the whole atlas) and format (GeoJSON WGS 84 or Lambert-93, CSV, CNIG
 * Sites économiques, GeoJSON of the zones). The zones exported (CNIG SITE-ECO, zones GeoJSON)
 * are the atlas's zones, with the outlines digitised in curation (store `zones`).
 *
 * No button deletes unpublished work: an export marks its drafts « exporté, en attente de
 * publication » (`markExported`); they leave this browser only when the public data holds an
 * identical version (src/state/drafts/publication.ts).
 */
import { useId, useState } from 'react';
import type { Site } from '../../domain/types';
import { downloadBlob, hasMixedGeometries, toCnigSitesEconomiques, toCSV, toCsvZip, toGeoJSON, toGeoJSONFiles, toGeoPackage, toZonesGeoJSON } from '../../data/export';
import { allSites, useAtlas } from '../../state/store';
import { markExported, useCuration, type DraftSummary } from '../../state/drafts';
import { selectFilteredSites } from '../../state/selectors';
import { useT } from '../i18n';
import { actionErrorText } from '../shared/lazy';

type Scope = 'filtered' | 'all';
type Format = 'geojson4326' | 'geojson2154' | 'csv' | 'csvGis' | 'gpkg' | 'cnig' | 'zonesGeojson';
const FORMATS: Format[] = ['geojson4326', 'geojson2154', 'csv', 'csvGis', 'gpkg', 'cnig', 'zonesGeojson'];

/** Browser sql.js (its .wasm bundled), loaded when a GeoPackage is written. */
const sqlJs = () => import('../../data/gpkg/sqljsBrowser').then((m) => m.loadSqlJsBrowser());

const editableOf = new WeakMap<Site[], Site[]>();
/** The sites without the zones shown as search results (memoised per input array). */
function editableSites(all: Site[]): Site[] {
  let r = editableOf.get(all);
  if (!r) {
    r = all.filter((s) => s.properties.kind !== 'zone');
    editableOf.set(all, r);
  }
  return r;
}

const exportedOf = new WeakMap<readonly DraftSummary[], number>();
/** Drafts exported and waiting for publication (memoised per list: read at every change of the drafts store). */
function exportedCount(drafts: readonly DraftSummary[]): number {
  let n = exportedOf.get(drafts);
  if (n === undefined) {
    n = 0;
    for (const d of drafts) if (d.exported) n++;
    exportedOf.set(drafts, n);
  }
  return n;
}

function stamp(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
}

export function ExportSection() {
  const t = useT();
  const base = useId();
  const [scope, setScope] = useState<Scope>('filtered');
  const [format, setFormat] = useState<Format>('geojson4326');
  const [result, setResult] = useState<{ text: string; notes: string[]; error: boolean } | null>(null);
  const [splitByType, setSplitByType] = useState(true);
  const [working, setWorking] = useState(false);
  const pending = useCuration((s) => exportedCount(s.drafts));
  // Counts follow the data and the filters.
  // The editable sites: zones are search results too (kind `zone`), exported as zones.
  const all = useAtlas((s) => editableSites(allSites(s)));
  // The atlas's own filter result (memoised in the selectors, shared with the search panel), not a second filtering of every site.
  const filtered = useAtlas((s) => editableSites(selectFilteredSites(s)));

  async function run() {
    const atlas = useAtlas.getState();
    const sites: Site[] = scope === 'all' ? all : filtered;
    if (format === 'zonesGeojson') {
      // The zones do not depend on the sites' scope.
      const out = toZonesGeoJSON(atlas.zones, { draftIds: atlas.zoneDrafts.map((d) => d.zone_id) });
      if (!out.count) {
        setResult({ text: t('zones.export.none'), notes: [], error: true });
        return;
      }
      const name = `atlas-zones-${stamp()}.geojson`;
      downloadBlob(name, out.text, 'application/geo+json');
      void markExported([], { packageName: name, zoneIds: atlas.zoneDrafts.map((d) => d.zone_id) });
      const text = t('cur.export.done', { files: name });
      setResult({ text, notes: [], error: false });
      atlas.announce(text);
      return;
    }
    if (!sites.length) {
      setResult({ text: t('cur.export.empty'), notes: [], error: true });
      return;
    }
    try {
      const s = stamp();
      const files: string[] = [];
      const notes: string[] = [];
      if (format === 'geojson4326' || format === 'geojson2154') {
        const crs = format === 'geojson4326' ? 'EPSG:4326' : 'EPSG:2154';
        const base = `atlas-sites-${crs === 'EPSG:4326' ? 'wgs84' : 'lambert93'}-${s}`;
        // A GIS layer has one geometry type: mixed sites go to one file per type.
        const parts = toGeoJSONFiles(sites, { crs });
        const split = parts.length > 1 && splitByType;
        const out = split ? parts.map((p) => ({ name: `${base}-${p.suffix}.geojson`, text: p.text })) : [{ name: `${base}.geojson`, text: toGeoJSON(sites, { crs }) }];
        for (const f of out) {
          downloadBlob(f.name, f.text, 'application/geo+json');
          files.push(f.name);
        }
      } else if (format === 'csv') {
        const name = `atlas-sites-${s}.csv`;
        downloadBlob(name, toCSV(sites), 'text/csv;charset=utf-8');
        files.push(name);
      } else if (format === 'csvGis') {
        const base = `atlas-sites-${s}`;
        const zip = await toCsvZip(sites, base);
        downloadBlob(`${base}.zip`, new Blob([zip as BlobPart], { type: 'application/zip' }));
        files.push(`${base}.zip`);
      } else if (format === 'gpkg') {
        const name = `atlas-sites-lambert93-${s}.gpkg`;
        setWorking(true);
        try {
          const bytes = await toGeoPackage(sites, { crs: 'EPSG:2154', sqlJs });
          downloadBlob(name, new Blob([bytes as BlobPart], { type: 'application/geopackage+sqlite3' }));
        } finally {
          setWorking(false);
        }
        files.push(name);
      } else {
        const out = toCnigSitesEconomiques(sites, atlas.zones);
        const terrain = `terrain_eco-${s}.geojson`;
        const site = `site_eco-${s}.geojson`;
        downloadBlob(terrain, JSON.stringify(out.terrainEco), 'application/geo+json');
        downloadBlob(site, JSON.stringify(out.siteEco), 'application/geo+json');
        files.push(terrain, site);
        for (const k of out.skipped) notes.push(`${k.name} (${k.id}) : ${k.reason}`);
      }
      // What this export publishes: the drafts of the exported sites, and deletions when
      // the whole atlas is exported (a deleted site is absent from it).
      const exported = new Set(sites.map((x) => x.properties.id));
      const ids = useCuration
        .getState()
        .drafts.filter((d) => exported.has(d.id) || (scope === 'all' && d.kind === 'deleted'))
        .map((d) => d.id);
      // Marked « exporté, en attente de publication »; kept until the public data holds them.
      void markExported(ids, { packageName: files.join(', '), zoneIds: format === 'cnig' ? atlas.zoneDrafts.map((d) => d.zone_id) : [] });
      const text = t('cur.export.done', { files: files.join(', ') });
      setResult({ text, notes, error: false });
      atlas.announce(text);
    } catch (e) {
      setResult({ text: t('cur.export.error', { message: actionErrorText(t, e) }), notes: [], error: true });
    }
  }

  return (
    <div className="cur-export">
      <fieldset className="cur-choice">
        <legend>{t('cur.export.scope')}</legend>
        <label>
          <input type="radio" name={`${base}-scope`} checked={scope === 'filtered'} onChange={() => setScope('filtered')} />
          {t('cur.export.scope.filtered', { n: filtered.length })}
        </label>
        <label>
          <input type="radio" name={`${base}-scope`} checked={scope === 'all'} onChange={() => setScope('all')} />
          {t('cur.export.scope.all', { n: all.length })}
        </label>
      </fieldset>
      <div className="cur-field">
        <label htmlFor={`${base}-fmt`}>{t('cur.export.format')}</label>
        <select id={`${base}-fmt`} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`cur.export.format.${f}`)}
            </option>
          ))}
        </select>
      </div>
      {(format === 'geojson4326' || format === 'geojson2154') && hasMixedGeometries(scope === 'all' ? all : filtered) && (
        <label className="cur-check">
          <input type="checkbox" checked={splitByType} onChange={(e) => setSplitByType(e.target.checked)} />
          {t('cur.export.splitByType')}
        </label>
      )}
      <div className="cur-actions">
        <button type="button" className="primary" disabled={working} onClick={() => void run()}>
          {t('cur.export.submit')}
        </button>
      </div>
      {result && (
        <div className={result.error ? 'cur-error' : 'cur-ok'} role={result.error ? 'alert' : 'status'}>
          <p>{result.text}</p>
          {result.notes.length > 0 && (
            <>
              <p>{t('cur.export.skipped', { n: result.notes.length })}</p>
              <ul>
                {result.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {pending > 0 && (
        <div className="cur-publish" data-testid="export-pending">
          <p>{t('cur.export.pending', { n: pending })}</p>
          <p className="cur-hint">{t('cur.export.pending.hint')}</p>
        </div>
      )}
    </div>
  );
}
