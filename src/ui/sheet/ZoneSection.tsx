/**
 * On the sheet of a zone (kind `zone`): where it is (outline, or only its commune: « périmètre à
 * numériser »), its declared surface with date and source, the L318-8-2 inventory figures of its
 * published plots, and every sourced fact of the register.
 */
import type { ReactNode } from 'react';
import type { SiteProperties, ZoneFact } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { locationText } from '../shared/zoneLocation';
import { fmtDate, fmtHa, fmtNumber, safeHttpUrl } from './format';

/** A link to a cited page, opened in a new tab (said to screen readers). */
function SourceLink({ href, children }: { href: string; children: ReactNode }) {
  const t = useT();
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="sr-only"> {t('sheet.newTab')}</span>
    </a>
  );
}

function FactItem({ f }: { f: ZoneFact }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const url = safeHttpUrl(f.source_url);
  const label = t(`zones.attr.${f.attribute}`);
  return (
    <li lang="fr">
      <strong>{label.startsWith('zones.attr.') ? f.attribute : label}</strong> : {f.value}
      {f.unit ? ` ${f.unit}` : ''}
      {f.fact_date ? ` (${fmtDate(locale, f.fact_date)})` : ''}
      {url && (
        <>
          {' — '}
          <SourceLink href={url}>{t('pub.sheet.facts.source')}</SourceLink>
        </>
      )}
      {f.note ? <span className="muted"> — {f.note}</span> : null}
    </li>
  );
}

export function ZoneSection({ site }: { site: SiteProperties }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const zone = useAtlas((s) => s.zones.find((z) => z.zone_id === site.zone_id) ?? null);
  const info = site.zone;
  const loc = locationText(site, t);
  const inv = info?.inventory ?? null;
  const sf = info?.surface_fact ?? null;
  const sfUrl = sf ? safeHttpUrl(sf.source_url) : null;
  const facts = [...(zone?.facts ?? [])].sort((a, b) => (a.fact_date ?? '9999').localeCompare(b.fact_date ?? '9999'));
  return (
    <div data-testid="sheet-zone">
      <dl className="facts">
        {info?.register_kind && (
          <div className="fact">
            <dt>{t('pub.sheet.zone.kind')}</dt>
            <dd lang="fr">{info.register_kind}</dd>
          </div>
        )}
        <div className="fact">
          <dt>{t('pub.sheet.zone.location')}</dt>
          <dd data-testid="zone-location">
            {loc ?? t('pub.sheet.zone.outline')}
            {site.location_precision === 'commune' && <span className="muted small"> ({t('pub.location.quality')})</span>}
          </dd>
        </div>
      </dl>
      {sf && (
        <p>
          {t('pub.sheet.zone.surfaceFact', { surface: fmtHa(locale, sf.value_ha * 10000), date: sf.date ? fmtDate(locale, sf.date) : '?' })}
          {sfUrl ? (
            <SourceLink href={sfUrl}>
              {t('pub.sheet.zone.surfaceSource')} ({sf.fact_id})
            </SourceLink>
          ) : (
            sf.fact_id
          )}
        </p>
      )}
      <h4>{t('pub.sheet.inventory.title')}</h4>
      {inv ? (
        <div data-testid="zone-inventory">
          <dl className="facts">
            <div className="fact">
              <dt>{t('pub.sheet.inventory.units')}</dt>
              <dd>{fmtNumber(locale, inv.units)}</dd>
            </div>
            <div className="fact">
              <dt>{t('pub.sheet.inventory.vacant')}</dt>
              <dd>{fmtNumber(locale, inv.vacant_units)}</dd>
            </div>
            <div className="fact">
              <dt>{t('pub.sheet.inventory.rate')}</dt>
              <dd data-testid="zone-vacancy-rate">{inv.vacancy_rate === null ? '—' : `${fmtNumber(locale, inv.vacancy_rate * 100, 0)}\u00a0%`}</dd>
            </div>
            <div className="fact">
              <dt>{t('pub.sheet.inventory.available')}</dt>
              <dd>{t('pub.sheet.inventory.availableValue', { surface: fmtHa(locale, inv.available_surface_ha * 10000), n: inv.available_units })}</dd>
            </div>
          </dl>
          {inv.available_units_without_surface > 0 && <p className="muted small">{t('pub.sheet.inventory.withoutSurface', { n: inv.available_units_without_surface })}</p>}
          <p className="muted small">{t('pub.sheet.inventory.source', { source: inv.source, date: fmtDate(locale, inv.date) })}</p>
        </div>
      ) : (
        <p className="muted">{t('pub.sheet.inventory.none')}</p>
      )}
      <h4>{t('pub.sheet.facts.title', { n: facts.length })}</h4>
      {facts.length ? (
        <ul className="zone-facts">
          {facts.map((f) => (
            <FactItem key={f.fact_id} f={f} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('pub.sheet.facts.none')}</p>
      )}
    </div>
  );
}

/** The national label block of the readiness section, with the facts that may contradict it. */
export function LabelBlock({ site }: { site: SiteProperties }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const zone = useAtlas((s) => s.zones.find((z) => z.zone_id === site.zone_id) ?? null);
  const label = site.readiness_label;
  if (!label) return null;
  const url = safeHttpUrl(label.source_url);
  const later = (zone?.facts ?? []).filter((f) => !label.fact_ids.includes(f.fact_id) && (!f.fact_date || (label.date !== null && f.fact_date > label.date)));
  return (
    <div className="sheet-label" data-testid="sheet-label">
      <h4>{t('pub.sheet.label.title')}</h4>
      <p>
        {t('pub.sheet.label.body', { label: label.label, date: label.date ? t('pub.sheet.label.since', { date: fmtDate(locale, label.date) }) : '' })}
        {url ? (
          <SourceLink href={url}>{t('pub.sheet.label.link', { facts: label.fact_ids.join(', ') })}</SourceLink>
        ) : (
          label.fact_ids.join(', ')
        )}
      </p>
      <p className="muted small">{t('pub.sheet.label.distinct')}</p>
      {later.length > 0 && (
        <>
          <p>{t('pub.sheet.label.later')}</p>
          <ul className="zone-facts">
            {later.map((f) => (
              <FactItem key={f.fact_id} f={f} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
