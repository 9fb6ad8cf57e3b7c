/**
 * « Zones d'activités »: the register of real activity zones and company sites found in
 * public sources (zones.json from the data build). No outline is known yet, so nothing is
 * drawn on the map; each zone shows its known facts, each with its source and date.
 * Every value comes from data and is rendered as text.
 */
import { useMemo } from 'react';
import type { ZoneFact, ZoneRecord } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT, type TFunction } from '../i18n';
import { fmtFactDate } from './format';
import './zones.css';

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
  const value = fact.unit ? `${fact.value} ${fact.unit}` : fact.value;
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

function Zone({ zone }: { zone: ZoneRecord }) {
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
          {zone.needs_digitising && <span className="badge badge-digitise">{t('zones.needsDigitising')}</span>}
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
  const groups = useMemo(() => groupZones(zones, t), [zones, t]);
  return (
    <div className="zones-panel">
      <h2>{t('zones.heading')}</h2>
      {status === 'loading' ? (
        <p>{t('zones.loading')}</p>
      ) : zones.length === 0 ? (
        <p className="zones-empty">{t('zones.empty')}</p>
      ) : (
        <>
          <p className="zones-intro">{t('zones.intro', { n: zones.length })}</p>
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
                    <Zone key={z.zone_id} zone={z} />
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
