/**
 * « Publier »: writes the producer's publication package (CNIG « Sites économiques », see
 * src/data/publish), validates it with the data build's own validator, shows the report field by
 * field, and only then offers it as one zip (fflate, loaded on demand). After the download, the
 * exported drafts are handed to the drafts owner (`markExported`): they stay until the public
 * atlas holds the published version.
 */
import { useId, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { downloadBlob } from '../../data/export';
import { buildPackage, crossPackageIssues, validatePackage, zipPackage, type PackageIssue, type PublicationMeta, type WrittenPackage } from '../../data/publish';
import type { TerritoryInput } from '../../data/import';
import { allSites, useAtlas } from '../../state/store';
import { useCuration } from '../../state/curation';
import { markExported, setPublicationForm, usePublication } from '../../state/publication';
import { useT } from '../i18n';

interface Report {
  pkg: WrittenPackage;
  issues: PackageIssue[];
  meta: PublicationMeta;
}

function epciList(layer: FeatureCollection | undefined): { siren: string; name: string }[] {
  return (layer?.features ?? [])
    .map((f) => ({ siren: String(f.properties?.epci_siren ?? ''), name: String(f.properties?.epci_name ?? '') }))
    .filter((e) => e.siren && e.name)
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export function PublishSection() {
  const t = useT();
  const base = useId();
  const form = usePublication((s) => s.form);
  const epciLayer = useAtlas((s) => s.layers.epci);
  const epcis = epciList(epciLayer);
  const [report, setReport] = useState<Report | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function meta(): PublicationMeta | null {
    const e = epcis.find((x) => x.siren === form.producerSiren);
    if (!e) return null;
    return {
      producteur: { nom: e.name, siren: e.siren },
      contact: { nom: form.contactName.trim(), courriel: form.email.trim() || null, telephone: form.phone.trim() || null, page_web: form.web.trim() || null },
      date: new Date().toISOString().slice(0, 10),
      licence: form.licence.trim(),
      crs: 'EPSG:2154',
    };
  }

  /** Writes the package and validates it exactly as `npm run data` will. */
  function check(): Report | null {
    setDone(null);
    const m = meta();
    if (!m) {
      setReport(null);
      setDone(t('pub.publish.noProducer'));
      return null;
    }
    const atlas = useAtlas.getState();
    // The atlas's zones carry their drafts (outline and CNIG values typed here).
    const pkg = buildPackage(allSites(atlas), atlas.zones, m);
    const petr = atlas.layers.petr;
    const parsed = validatePackage(pkg, { territory: petr && petr.features.length ? (petr as TerritoryInput) : null });
    const issues = [...parsed.issues];
    if (!issues.some((i) => i.level === 'error')) issues.push(...crossPackageIssues([parsed], atlas.publishedZones));
    const r = { pkg, issues, meta: m };
    setReport(r);
    return r;
  }

  async function download() {
    const r = check();
    if (!r || r.issues.some((i) => i.level === 'error')) return;
    setBusy(true);
    try {
      const bytes = await zipPackage(r.pkg);
      const name = `${r.pkg.name}-${r.meta.date}.zip`;
      downloadBlob(name, new Blob([bytes as BlobPart], { type: 'application/zip' }));
      // Marked « exporté, en attente de publication »: kept until the public data holds them.
      const drafts = useCuration.getState();
      const draftIds = new Set(drafts.drafts.map((d) => d.id));
      await markExported(
        r.pkg.siteIds.filter((id) => draftIds.has(id)),
        { at: new Date().toISOString(), packageName: r.pkg.name, zoneIds: r.pkg.zoneIds.filter((id) => drafts.zoneRecords[id]) },
      );
      const text = t('pub.publish.done', { file: name });
      setDone(text);
      useAtlas.getState().announce(text);
    } catch (e) {
      setDone(t('pub.publish.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  const errors = report?.issues.filter((i) => i.level === 'error') ?? [];
  const warnings = report?.issues.filter((i) => i.level === 'warning') ?? [];
  const field = (key: 'contactName' | 'email' | 'phone' | 'web' | 'licence', type = 'text') => (
    <div className="cur-field">
      <label htmlFor={`${base}-${key}`}>{t(`pub.publish.field.${key}`)}</label>
      <input id={`${base}-${key}`} type={type} value={form[key]} onChange={(e) => setPublicationForm({ [key]: e.target.value })} />
    </div>
  );

  return (
    <div className="cur-publish-package" data-testid="publish-package">
      <p className="cur-hint">{t('pub.publish.intro')}</p>
      <div className="cur-field">
        <label htmlFor={`${base}-producer`}>{t('pub.publish.field.producer')}</label>
        <select id={`${base}-producer`} value={form.producerSiren} onChange={(e) => setPublicationForm({ producerSiren: e.target.value })}>
          <option value="">{t('pub.publish.field.producerNone')}</option>
          {epcis.map((e) => (
            <option key={e.siren} value={e.siren}>
              {e.name} ({e.siren})
            </option>
          ))}
        </select>
      </div>
      {field('contactName')}
      {field('email', 'email')}
      {field('phone', 'tel')}
      {field('web', 'url')}
      {field('licence')}
      <div className="cur-actions">
        <button type="button" onClick={() => check()}>
          {t('pub.publish.check')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void download()}>
          {t('pub.publish.download')}
        </button>
      </div>
      {report && (
        <div className={errors.length ? 'cur-error' : 'cur-ok'} role={errors.length ? 'alert' : 'status'} data-testid="publish-report">
          <p>
            {t('pub.publish.summary', { zones: report.pkg.zoneIds.length, plots: report.pkg.siteIds.length, folder: report.pkg.name })}{' '}
            {errors.length ? t('pub.publish.errors', { n: errors.length }) : t('pub.publish.valid')}
          </p>
          {report.pkg.fictitious && <p className="badge badge-fictitious">{t('pub.publish.fictitious')}</p>}
          {report.issues.length > 0 && (
            <ul className="cur-report-list">
              {[...errors, ...warnings].slice(0, 200).map((i, k) => (
                <li key={k} className={i.level === 'error' ? 'issue-error' : 'issue-warning'}>
                  {i.message}
                </li>
              ))}
            </ul>
          )}
          {report.pkg.skipped.length > 0 && (
            <details>
              <summary>{t('pub.publish.skipped', { n: report.pkg.skipped.length })}</summary>
              <ul>
                {report.pkg.skipped.map((s) => (
                  <li key={`${s.kind}-${s.id}`}>
                    {s.name} ({s.id}) : {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {done && (
        <p className="cur-hint" role="status">
          {done}
        </p>
      )}
    </div>
  );
}
