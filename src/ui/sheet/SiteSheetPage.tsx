/**
 * The site sheet (`#/site/<id>`): every attribute of the site, grouped; the « clé en main »
 * checklist; the distances with a small map; the commune and EPCI context; the sources.
 * Printable (see src/ui/print/print.css). An unknown id gives a clear message.
 */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { Site } from '../../domain/types';
import { readinessLevel, readinessProgress } from '../../domain/readiness';
import { useSiteIndex } from '../../state/selectors';
import { useAtlas } from '../../state/store';
import { navigate } from '../app/navigate';
import { useT } from '../i18n';
import { PrintStamp } from '../print/PrintStamp';
import { CopyLinkButton } from '../shared/CopyLinkButton';
import { FricheStatusText, FricheTypeText } from '../shared/dataValue';
import { AccessSection } from './AccessSection';
import { ContextSection } from './ContextSection';
import { FricheDates, FricheFacts, FricheSourceBlock, FricheTitleNote } from './FricheFacts';
import { fmtDate, fmtHa, fmtM2, fmtPrice, safeHttpUrl } from './format';
import { LEVEL_ICON, sectorNames } from './labels';
import { ReadinessTable } from './ReadinessTable';
import { SourcesList } from './SourcesList';
import { PublishedSection } from './PublishedSection';
import { LabelBlock, ZoneSection } from './ZoneSection';
import './sheet.css';

/** Manifest layers whose sources are listed on every sheet (the site's own layer comes first). */
const CONTEXT_LAYERS = ['communes', 'epci', 'rn2', 'waterway', 'rail', 'stations', 'roissy'];

export function SiteSheetPage() {
  const t = useT();
  const page = useAtlas((s) => s.page);
  const status = useAtlas((s) => s.status);
  const sampleLoaded = useAtlas((s) => s.sampleLoaded);
  const index = useSiteIndex();
  const id = page.name === 'site' ? page.id : '';
  const site = index.get(id);

  if (!site) {
    if (status === 'loading') return <p className="loading">{t('sheet.loading')}</p>;
    return (
      <div className="page-content sheet-missing" role="alert">
        <h2>{t('sheet.notFound.title')}</h2>
        <p>{t('sheet.notFound.body', { id })}</p>
        {!sampleLoaded && <p>{t('sheet.notFound.sample')}</p>}
        <p>
          <button type="button" className="primary" onClick={() => navigate({ name: 'atlas' })}>
            {t('sheet.actions.back')}
          </button>
        </p>
      </div>
    );
  }
  return <SiteSheet site={site} />;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Prefix of the sheet's element ids: one per sheet when several are on the page (batch print). */
export const SheetIdPrefix = createContext('sheet');

function Section({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  const prefix = useContext(SheetIdPrefix);
  return (
    <section className={`sheet-section ${className ?? ''}`} aria-labelledby={`${prefix}-${id}`}>
      <h3 id={`${prefix}-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

/** One site's sheet. `batch`: one of several sheets printed together (no actions, no page title). */
export function SiteSheet({ site, batch = false }: { site: Site; batch?: boolean }) {
  const t = useT();
  const prefix = useContext(SheetIdPrefix);
  const locale = useAtlas((s) => s.locale);
  const shortlist = useAtlas((s) => s.shortlist);
  const p = site.properties;
  const inShortlist = shortlist.includes(p.id);
  const level = readinessLevel(p);
  const progress = readinessProgress(p);
  const unknown = <span className="muted">{t('sheet.value.unknown')}</span>;
  const surface = (m2: number | null | undefined) =>
    m2 == null ? null : t('sheet.surface.both', { m2: fmtM2(locale, m2), ha: fmtHa(locale, m2) });
  const recordUrl = safeHttpUrl(p.source_url);
  const details = p.friche_details ?? null;
  // Names, communes and the friche vocabulary come from French data (RGAA 8.7 in English).
  const fr = locale === 'fr' ? undefined : 'fr';

  useEffect(() => {
    if (batch) return;
    document.title = `${t('sheet.docTitle', { name: p.name })} – ${t('app.title')}`;
    return () => {
      document.title = t('app.title');
    };
  }, [p.name, t, batch]);

  const toggle = () => {
    const { toggleShortlist, announce } = useAtlas.getState();
    toggleShortlist(p.id);
    const n = useAtlas.getState().shortlist.length;
    announce(t(inShortlist ? 'sheet.announce.removed' : 'sheet.announce.added', { name: p.name, n }));
  };

  return (
    <article className="page-content sheet" aria-labelledby={`${prefix}-title`} data-testid="site-sheet">
      <header className="sheet-header">
        <p className="eyebrow">{t('sheet.title')}</p>
        <h2 id={`${prefix}-title`} lang={fr}>
          {p.name}
        </h2>
        {details && <FricheTitleNote details={details} />}
        <p className="badges">
          {p.fictitious && <span className="badge badge-fictitious">{t('fictitious.badge')}</span>}
          <span className="badge badge-kind">{t(`kind.${p.kind}`)}</span>
          <span className={`badge badge-level level-${level}`}>
            <span aria-hidden="true">{LEVEL_ICON[level]}</span> {t('sheet.levelBadge', { level: t(`level.${level}`) })}
          </span>
        </p>
        {!batch && (
        <div className="sheet-actions no-print" role="group" aria-label={t('sheet.actions.label')}>
          <button type="button" className={inShortlist ? '' : 'primary'} aria-pressed={inShortlist} onClick={toggle}>
            {inShortlist ? t('sheet.actions.remove') : t('sheet.actions.add')}
          </button>
          <button type="button" onClick={() => window.print()}>
            {t('sheet.actions.print')}
          </button>
          <CopyLinkButton />
          {shortlist.length > 0 && (
            <button type="button" onClick={() => navigate({ name: 'compare' })}>
              {t('sheet.actions.compare', { n: shortlist.length })}
            </button>
          )}
          <button type="button" onClick={() => navigate({ name: 'atlas' })}>
            {t('sheet.actions.back')}
          </button>
        </div>
        )}
      </header>

      {p.fictitious && (
        <p className="notice notice-fictitious">
          <span className="badge badge-fictitious">{t('fictitious.badge')}</span> {t('sheet.sources.fictitious')}
        </p>
      )}

      {p.publication && (
        <Section id="published" title={t('pub.sheet.published.title')} className="wide">
          <PublishedSection publication={p.publication} />
        </Section>
      )}

      {p.kind === 'zone' && (
        <Section id="zone" title={t('pub.sheet.zone.title')} className="wide">
          <ZoneSection site={p} />
        </Section>
      )}

      <div className="sheet-grid">
        <Section id="identity" title={t('sheet.section.identity')}>
          <dl className="facts">
            <Fact label={t('sheet.field.name')}>
              <span lang={fr}>{p.name}</span>
            </Fact>
            <Fact label={t('sheet.field.kind')}>{t(`kind.${p.kind}`)}</Fact>
            <Fact label={t('sheet.field.id')}>
              <code>{p.id}</code>
            </Fact>
          </dl>
        </Section>

        <Section id="location" title={t('sheet.section.location')}>
          <dl className="facts">
            <Fact label={t('sheet.field.commune')}>
              {p.commune ? <span lang={fr}>{p.commune}</span> : unknown}
              {p.insee ? <span className="muted"> ({t('sheet.field.insee')} {p.insee})</span> : null}
            </Fact>
            <Fact label={t('sheet.field.epci')}>{p.epci_name ? <span lang={fr}>{p.epci_name}</span> : unknown}</Fact>
            <Fact label={t('sheet.field.zone')}>
              {p.zone_name ? <span lang={fr}>{p.zone_name}</span> : <span className="muted">{t('sheet.value.none')}</span>}
            </Fact>
          </dl>
        </Section>

        <Section id="surface" title={t('sheet.section.surface')}>
          <dl className="facts">
            <Fact label={t('sheet.field.declared')}>{surface(p.declared_surface_m2) ?? unknown}</Fact>
            <Fact label={t('sheet.field.computed')}>
              {surface(p.computed_surface_m2) ??
                (site.geometry.type === 'Point' ? <span className="muted">{t('sheet.value.pointOnly')}</span> : unknown)}
            </Fact>
          </dl>
        </Section>

        <Section id="offer" title={t('sheet.section.offer')}>
          <dl className="facts">
            <Fact label={t('sheet.field.availability')}>{t(`availability.${p.availability}`)}</Fact>
            <Fact label={t('sheet.field.occupation')}>{t(`occupation.${p.occupation}`)}</Fact>
            <Fact label={t('sheet.field.price')}>{p.price_eur_m2 != null ? fmtPrice(locale, p.price_eur_m2) : unknown}</Fact>
            <Fact label={t('sheet.field.contact')}>{p.contact ? <span className="break">{p.contact}</span> : unknown}</Fact>
          </dl>
        </Section>

        <Section id="sectors" title={t('sheet.section.sectors')}>
          {p.sectors.length ? (
            <ul className="tags">
              {sectorNames(p.sectors, locale).map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('sheet.sectors.none')}</p>
          )}
        </Section>

        {(p.kind === 'friche' || p.friche_status || p.friche_type) && (
          <Section id="friche" title={t('sheet.section.friche')}>
            <dl className="facts">
              <Fact label={t('sheet.field.fricheStatus')}>{p.friche_status ? <FricheStatusText value={p.friche_status} /> : unknown}</Fact>
              <Fact label={t('sheet.field.fricheType')}>{p.friche_type ? <FricheTypeText value={p.friche_type} /> : unknown}</Fact>
              {details && <FricheFacts details={details} />}
            </dl>
          </Section>
        )}

        <Section id="notes" title={t('sheet.section.notes')} className="wide">
          {p.notes ? <p className="notes">{p.notes}</p> : <p className="muted">{t('sheet.notes.none')}</p>}
        </Section>
      </div>

      <Section id="readiness" title={t('sheet.section.readiness')} className="wide">
        <p>
          <span className={`badge badge-level level-${level}`}>
            <span aria-hidden="true">{LEVEL_ICON[level]}</span> {t(`level.${level}`)}
          </span>{' '}
          {p.readiness_label ? `${t('pub.sheet.readinessBasis.label')} · ` : ''}
          {t('sheet.readiness.progress', { done: progress.done, applicable: progress.applicable })}
        </p>
        <LabelBlock site={p} />
        <ReadinessTable site={p} />
        <p className="muted small">{t('sheet.readiness.help')}</p>
      </Section>

      <Section id="access" title={t('sheet.section.access')} className="wide">
        {p.location_precision && p.location_precision !== 'exact' ? <p className="muted">{t('pub.location.noDistances')}</p> : <AccessSection site={site} />}
      </Section>

      <Section id="context" title={t('sheet.section.context')} className="wide">
        <ContextSection site={p} />
      </Section>

      <Section id="sources" title={t('sheet.section.sources')} className="wide sheet-sources">
        <dl className="facts">
          <Fact label={t('sheet.field.source')}>
            <span className="break">{p.source}</span>
            {recordUrl ? (
              <>
                {' – '}
                <a href={recordUrl} target="_blank" rel="noopener noreferrer">
                  {t('sheet.sources.recordLink')}
                  <span className="sr-only"> {t('sheet.newTab')}</span>
                </a>
              </>
            ) : null}
          </Fact>
          {details ? (
            <FricheDates details={details} />
          ) : (
            <Fact label={t('sheet.field.updated')}>{p.updated_at ? fmtDate(locale, p.updated_at) : unknown}</Fact>
          )}
        </dl>
        {details && <FricheSourceBlock details={details} />}
        <h4>{t('sheet.sources.layers')}</h4>
        {/* A fictitious site comes from no data source: only the context layers are listed. */}
        <SourcesList ids={p.fictitious ? CONTEXT_LAYERS : [p.kind === 'friche' ? 'friches' : p.kind === 'zone' ? 'zones' : 'sites', ...CONTEXT_LAYERS]} />
      </Section>

      <PrintStamp />
    </article>
  );
}
