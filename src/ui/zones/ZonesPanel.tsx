/**
 * « Zones d'activités »: the register of real activity zones and company sites found in
 * public sources (zones.json from the data build). The register has no outline: a zone is
 * drawn on the map once an EPCI team digitises its outline (« Mode édition », saved as a
 * draft in this browser, see ./ZoneOutline.tsx). Each zone shows its known facts, each with
 * its source and date. Every value comes from data and is rendered as text.
 */
import { Suspense, useMemo } from 'react';
import { ChunkBoundary, lazyWithRetry } from '../shared/lazy';
import { ReloadAlert } from '../shared/ReloadAlert';
import type { ZoneFact, ZoneRecord } from '../../domain/types';
import { isDigitisableZone } from '../../domain/zoneDrafts';
import { useAtlas } from '../../state/store';
import { useT, type TFunction } from '../i18n';
import { fmtFactDate } from './format';
import { ZoneOutlineSection } from './ZoneOutline';
import './zones.css';
import { factValueText } from '../../domain/factValue';

/** The editing tools' host (drawing tools lifetime, write errors), loaded in « Mode édition » only. */
const ZoneEditingHost = lazyWithRetry(() => import('./editing'), 'ZoneEditingHost');

/** The four EPCI of the PETR (INSEE SIREN → name), in display order. */
export const PETR_EPCI: ReadonlyArray<{ siren: string; name: string }> = [
  { siren: '240200477', name: 'CA GrandSoissons Agglomération' },
  { siren: '200071991', name: 'CC Retz en Valois' },
  { siren: '240200501', name: 'CC du Val de l\'Aisne' },
  { siren: '240200519', name: 'CC du Canton d\'Oulchy-le-Château' },
];

interface ZoneGroup {
  key: string;
  title: string;
  zones: ZoneRecord[];
}

export function groupZones(zones: ZoneRecord[], t: TFunction): ZoneGroup[] {
  const groups: ZoneGroup[] = PETR_EPCI.map((e) => ({ key: e.siren, title: e.name, zones: [] }));
  const multi: ZoneGroup = { key: 'multi', title: t('zones.group.multi'), zones: [] };
  const unknown: ZoneGroup = { key: 'unknown', title: t('zones.group.unknown'), zones: [] };
  for (const z of zones) {
    const sirens = z.epci_siren ?? [];
    if (sirens.length > 1) multi.zones.push(z);
    else if (sirens.length === 0) unknown.zones.push(z);
    else {
      let g = groups.find((x) => x.key === sirens[0]);
      if (!g) {
        g = { key: sirens[0], title: sirens[0], zones: [] };
        groups.push(g);
      }
      g.zones.push(z);
    }
  }
  return [...groups, multi, unknown].filter((g) => g.zones.length > 0 || PETR_EPCI.some((e) => e.siren === g.key));
}

function attributeLabel(t: TFunction, attribute: string): string {
  const key = `zones.attr.${attribute}`;
  const label = t(key);
  if (label !== key) return label;
  const s = attribute.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

function Fact({ fact }: { fact: ZoneFact }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const value = factValueText(fact.value, fact.unit);
  return (
    <li className="zone-fact">
      <p className="zone-fact-main">
        <span className="zone-fact-date">{fact.fact_date ? t('zones.factDate', { date: fmtFactDate(locale, fact.fact_date) }) : t('zones.factDateUnknown')}</span>
        <span className="zone-fact-attr">{attributeLabel(t, fact.attribute)}</span>
        {' : '}
        <span className="zone-fact-value">{value}</span>
      </p>
      {fact.note && (
        <p className="zone-fact-note">
          {t('zones.note')} : {fact.note}
        </p>
      )}
      <p className="zone-fact-source">
        {t('zones.source')} :{' '}
        {isHttpUrl(fact.source_url) ? (
          <a href={fact.source_url} rel="noopener noreferrer external" target="_blank">
            {hostOf(fact.source_url)}
          </a>
        ) : (
          <span>{fact.source_url}</span>
        )}
        {fact.source_date && <> ({t('zones.sourceDate', { date: fmtFactDate(locale, fact.source_date) })})</>}
      </p>
    </li>
  );
}

function OutlineBadge({ zone, isDraft }: { zone: ZoneRecord; isDraft: boolean }) {
  const t = useT();
  if (!isDigitisableZone(zone)) return <span className="badge badge-territory">{t('zones.territoryLevel')}</span>;
  if (zone.geometry) {
    return (
      <span className={`badge ${isDraft ? 'badge-outline-draft' : 'badge-outline'}`} data-testid="zone-badge">
        {t(isDraft ? 'zones.outlinedDraft' : 'zones.outlined')}
      </span>
    );
  }
  return zone.needs_digitising ? (
    <span className="badge badge-digitise" data-testid="zone-badge">
      {t('zones.needsDigitising')}
    </span>
  ) : null;
}

function Zone({ zone, isDraft }: { zone: ZoneRecord; isDraft: boolean }) {
  const t = useT();
  const facts = useMemo(
    // Most recent facts first; undated facts last.
    () => [...zone.facts].sort((a, b) => (b.fact_date ?? '').localeCompare(a.fact_date ?? '')),
    [zone.facts],
  );
  return (
    <li className="zone" id={`zone-${zone.zone_id}`}>
      <details>
        <summary>
          <span className="zone-name">{zone.name}</span>
          <OutlineBadge zone={zone} isDraft={isDraft} />
          <span className="zone-meta">
            {zone.communes.length ? zone.communes.join(', ') : t('zones.communesUnknown')} · {t('zones.facts', { n: zone.facts.length })}
          </span>
        </summary>
        <dl className="zone-props">
          <dt>{t('zones.kind')}</dt>
          <dd>{zone.kind}</dd>
          <dt>{t('zones.communes')}</dt>
          <dd>{zone.communes.length ? zone.communes.join(', ') : t('zones.communesUnknown')}</dd>
        </dl>
        <ZoneOutlineSection zone={zone} isDraft={isDraft} />
        {facts.length ? (
          <ul className="zone-facts">
            {facts.map((f) => (
              <Fact key={f.fact_id} fact={f} />
            ))}
          </ul>
        ) : (
          <p>{t('zones.noFacts')}</p>
        )}
      </details>
    </li>
  );
}

export function ZonesPanel() {
  const t = useT();
  const zones = useAtlas((s) => s.zones);
  const status = useAtlas((s) => s.status);
  const editMode = useAtlas((s) => s.editMode);
  const zoneDrafts = useAtlas((s) => s.zoneDrafts);
  const groups = useMemo(() => groupZones(zones, t), [zones, t]);
  const drafted = useMemo(() => new Set(zoneDrafts.map((d) => d.zone_id)), [zoneDrafts]);
  const outlined = useMemo(() => zones.filter((z) => z.geometry).length, [zones]);
  const attachFailed = useAtlas((s) => s.zoneAttachFailed);

  return (
    <div className="zones-panel">
      <h2>{t('zones.heading')}</h2>
      {status === 'loading' ? (
        <p>{t('zones.loading')}</p>
      ) : zones.length === 0 ? (
        <p className="zones-empty">{t('zones.empty')}</p>
      ) : (
        <>
          <p className="zones-intro">
            {outlined ? t('zones.introOutlined', { n: zones.length, k: outlined }) : t('zones.intro', { n: zones.length })}
          </p>
          {attachFailed && outlined > 0 && (
            <ReloadAlert className="zones-error" testId="zone-attach-failed" message={t('zones.attachFailed')} />
          )}
          {editMode && zoneDrafts.length > 0 && (
            <p className="zones-drafts" data-testid="zone-drafts-count">
              {t('zones.drafts.count', { n: zoneDrafts.length })}
            </p>
          )}
          {editMode && (
            <ChunkBoundary>
              <Suspense fallback={null}>
                <ZoneEditingHost />
              </Suspense>
            </ChunkBoundary>
          )}
          <p className="zones-caveat" role="note">
            {t('zones.caveat')}
          </p>
          {groups.map((g) => (
            <section key={g.key} className="zone-group" aria-labelledby={`zone-group-${g.key}`}>
              <h3 id={`zone-group-${g.key}`}>
                {g.title} <span className="zone-group-count">({t('zones.group.count', { n: g.zones.length })})</span>
              </h3>
              {g.zones.length ? (
                <ul className="zone-list">
                  {g.zones.map((z) => (
                    <Zone key={z.zone_id} zone={z} isDraft={drafted.has(z.zone_id)} />
                  ))}
                </ul>
              ) : (
                <p className="zone-none">{t('zones.epciNoZone')}</p>
              )}
            </section>
          ))}
        </>
      )}
    </div>
  );
}
