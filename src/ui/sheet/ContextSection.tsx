/** The commune and the EPCI of a site: population, number of communes, area. */
import type { SiteProperties } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { fmtNumber } from './format';

function num(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

export function ContextSection({ site }: { site: SiteProperties }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const communes = useAtlas((s) => s.layers.communes);
  const epcis = useAtlas((s) => s.layers.epci);
  const commune = site.insee ? communes?.features.find((f) => f.properties?.insee === site.insee)?.properties : undefined;
  const epci = site.epci_siren ? epcis?.features.find((f) => f.properties?.epci_siren === site.epci_siren)?.properties : undefined;
  if (!commune && !epci) return <p className="muted">{t('sheet.context.none')}</p>;
  const cPop = num(commune?.population);
  const ePop = num(epci?.population);
  const eN = num(epci?.n_communes);
  const eArea = num(epci?.area_km2);
  return (
    <div className="context-grid">
      {commune && (
        <div className="context-card">
          <h4>{t('sheet.context.commune', { name: String(commune.name ?? site.commune ?? '') })}</h4>
          <dl className="facts">
            <div className="fact">
              <dt>{t('sheet.context.population')}</dt>
              <dd>{cPop != null ? t('sheet.context.inhabitants', { n: fmtNumber(locale, cPop) }) : t('sheet.value.unknown')}</dd>
            </div>
          </dl>
        </div>
      )}
      {epci && (
        <div className="context-card">
          <h4>{t('sheet.context.epci', { name: String(epci.epci_name ?? site.epci_name ?? '') })}</h4>
          <dl className="facts">
            <div className="fact">
              <dt>{t('sheet.context.population')}</dt>
              <dd>{ePop != null ? t('sheet.context.inhabitants', { n: fmtNumber(locale, ePop) }) : t('sheet.value.unknown')}</dd>
            </div>
            <div className="fact">
              <dt>{t('sheet.context.communes')}</dt>
              <dd>{eN != null ? fmtNumber(locale, eN) : t('sheet.value.unknown')}</dd>
            </div>
            <div className="fact">
              <dt>{t('sheet.context.area')}</dt>
              <dd>{eArea != null ? t('sheet.context.km2', { n: fmtNumber(locale, eArea, 1) }) : t('sheet.value.unknown')}</dd>
            </div>
          </dl>
        </div>
      )}
      <p className="muted small context-population-year">{t('sheet.context.populationYear')}</p>
    </div>
  );
}
