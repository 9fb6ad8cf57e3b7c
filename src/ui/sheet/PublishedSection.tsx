/**
 * On the sheet of a published site (plot or zone of a publication package): who published it and
 * when, and a « Contacter <EPCI> » block with the contact of publication.json.
 */
import type { PublicationInfo } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { fmtDate, safeHttpUrl } from './format';

const telHref = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;
const isEmail = (s: string) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s);

export function PublishedSection({ publication: p }: { publication: PublicationInfo }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const web = safeHttpUrl(p.contact.url);
  return (
    <div className="sheet-published" data-testid="sheet-published">
      <p>{t('pub.sheet.published.by', { producer: p.producer, siren: p.producer_siren, date: fmtDate(locale, p.date), licence: p.licence })}</p>
      <p className="muted small">{t('pub.sheet.published.package', { name: p.package })}</p>
      <section className="sheet-contact" aria-labelledby="sheet-contact-title" data-testid="sheet-contact">
        <h4 id="sheet-contact-title">{t('pub.sheet.contact.title', { producer: p.producer })}</h4>
        <dl className="facts">
          <div className="fact">
            <dt>{t('pub.sheet.contact.name')}</dt>
            <dd lang="fr">{p.contact.name}</dd>
          </div>
          {p.contact.email && (
            <div className="fact">
              <dt>{t('pub.sheet.contact.email')}</dt>
              <dd>{isEmail(p.contact.email) ? <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a> : p.contact.email}</dd>
            </div>
          )}
          {p.contact.phone && (
            <div className="fact">
              <dt>{t('pub.sheet.contact.phone')}</dt>
              <dd>
                <a href={telHref(p.contact.phone)}>{p.contact.phone}</a>
              </dd>
            </div>
          )}
          {web && (
            <div className="fact">
              <dt>{t('pub.sheet.contact.web')}</dt>
              <dd>
                <a href={web} target="_blank" rel="noopener noreferrer">
                  {t('pub.sheet.contact.webLink', { producer: p.producer })}
                  <span className="sr-only"> {t('sheet.newTab')}</span>
                </a>
              </dd>
            </div>
          )}
        </dl>
      </section>
    </div>
  );
}
