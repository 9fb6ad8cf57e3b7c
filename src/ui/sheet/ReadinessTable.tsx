/** The 7-step « clé en main » checklist of a site, as a table with a caption. */
import { READINESS_ITEM_IDS, type SiteProperties } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { fmtDate, safeHttpUrl } from '../shared/format';
import { STATUS_ICON } from '../shared/labels';

export function ReadinessTable({ site }: { site: SiteProperties }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  return (
    <div className="table-scroll">
      <table className="readiness-table">
        <caption>{t('sheet.readiness.caption', { name: site.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sheet.readiness.item')}</th>
            <th scope="col">{t('sheet.readiness.status')}</th>
            <th scope="col">{t('sheet.readiness.date')}</th>
            <th scope="col">{t('sheet.readiness.source')}</th>
          </tr>
        </thead>
        <tbody>
          {READINESS_ITEM_IDS.map((id, i) => {
            const item = site.readiness?.[id] ?? { status: 'inconnu' as const, date: null, source: null };
            const link = safeHttpUrl(item.source);
            return (
              <tr key={id}>
                <th scope="row">
                  <span className="step-no" aria-hidden="true">
                    {i + 1}.
                  </span>{' '}
                  {t(`readinessItem.${id}`)}
                </th>
                <td data-label={t('sheet.readiness.status')}>
                  <span className={`status status-${item.status}`}>
                    <span className="status-icon" aria-hidden="true">
                      {STATUS_ICON[item.status]}
                    </span>{' '}
                    {t(`itemStatus.${item.status}`)}
                  </span>
                  {item.note ? <span className="status-note"> – {item.note}</span> : null}
                </td>
                <td data-label={t('sheet.readiness.date')}>{item.date ? fmtDate(locale, item.date) : <span className="muted">{t('sheet.value.unknown')}</span>}</td>
                <td className="break" data-label={t('sheet.readiness.source')}>
                  {link ? (
                    <a href={link} target="_blank" rel="noopener noreferrer">
                      {item.source}
                      <span className="sr-only"> {t('sheet.newTab')}</span>
                    </a>
                  ) : item.source ? (
                    item.source
                  ) : (
                    <span className="muted">{t('sheet.value.unknown')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
