/**
 * Sources of the data layers, from public/data/manifest.json: title, producer, date of
 * update, licence (with a link), attribution, and — in the detailed form — the caveats.
 * Used by the site sheet, the comparison and the legal page (public component).
 */
import type { LayerManifestEntry } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { fmtDate, safeHttpUrl } from './format';

/** Official texts of the licences met in the data, for entries whose manifest gives no URL. */
const KNOWN_LICENCES: { test: RegExp; url: string }[] = [
  { test: /licence ouverte|open licen[cs]e|etalab/i, url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' },
  { test: /odbl/i, url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
];

export function licenceUrl(entry: Pick<LayerManifestEntry, 'licence' | 'licence_url'>): string | null {
  const own = safeHttpUrl(entry.licence_url);
  if (own) return own;
  return KNOWN_LICENCES.find((k) => k.test.test(entry.licence))?.url ?? null;
}

export function SourceEntry({ entry, detailed = false }: { entry: LayerManifestEntry; detailed?: boolean }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const lic = licenceUrl(entry);
  const src = safeHttpUrl(entry.source_url);
  return (
    <li className="source-entry">
      <span className="source-title">
        {src ? (
          <a href={src} target="_blank" rel="noopener noreferrer">
            {entry.title}
            <span className="sr-only"> {t('sheet.newTab')}</span>
          </a>
        ) : (
          entry.title
        )}
      </span>
      {' – '}
      <span>{entry.producer}</span>
      {' – '}
      <span>{t(entry.date_kind === 'mirror_commit' ? 'sheet.sources.mirrorCommit' : 'sheet.sources.updated', { date: fmtDate(locale, entry.date) })}</span>
      {' – '}
      <span>
        {lic ? (
          <>
            {t('sheet.sources.licence', { licence: '' }).trim()}{' '}
            <a href={lic} target="_blank" rel="noopener noreferrer license">
              {entry.licence}
              <span className="sr-only"> {t('sheet.newTab')}</span>
            </a>
          </>
        ) : (
          t('sheet.sources.licence', { licence: entry.licence })
        )}
      </span>
      {entry.attribution ? <span className="attribution"> – « {entry.attribution} »</span> : null}
      {detailed && entry.caveats && entry.caveats.length > 0 ? (
        <div className="caveats">
          <span className="caveats-title">{t('sheet.sources.caveats')} :</span>
          <ul>
            {entry.caveats.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

/** The listed manifest layers that exist (unknown ids are skipped). */
export function SourcesList({ ids, detailed = false }: { ids?: readonly string[]; detailed?: boolean }) {
  const manifest = useAtlas((s) => s.manifest);
  if (!manifest) return null;
  const entries = ids ? ids.map((id) => manifest.layers[id]).filter((e): e is LayerManifestEntry => !!e) : Object.values(manifest.layers);
  return (
    <ul className="sources-list">
      {entries.map((e) => (
        <SourceEntry key={e.id} entry={e} detailed={detailed} />
      ))}
    </ul>
  );
}
