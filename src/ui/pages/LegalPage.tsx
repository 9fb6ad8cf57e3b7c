/**
 * « Mentions légales et crédits »: publisher, personal data (none collected), every data
 * source from the manifest (title, producer, licence with link, date, attribution,
 * caveats), notes on the sources, software credits and the project licence.
 */
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { SourcesList } from '../shared/SourcesList';
import { SOFTWARE_CREDITS } from './credits';
import { ExternalLink } from './ExternalLink';
import { useDocTitle } from './useDocTitle';
import './pages.css';

const NOTES = ['admin', 'friches', 'rn2', 'waterway', 'rail', 'roissy', 'zones', 'odbl'];

export function LegalPage() {
  const t = useT();
  const manifest = useAtlas((s) => s.manifest);
  useDocTitle('legal.title');
  return (
    <article className="page-content text-page" aria-labelledby="legal-title" data-testid="legal-page">
      <h2 id="legal-title">{t('legal.title')}</h2>

      <h3>{t('legal.publisher.title')}</h3>
      <p>{t('legal.publisher.body')}</p>
      <p className="notice">{t('legal.publisher.todo')}</p>

      <h3>{t('legal.privacy.title')}</h3>
      <p>{t('legal.privacy.none')}</p>
      <p>{t('legal.privacy.local')}</p>
      <p>{t('legal.privacy.offline')}</p>

      <h3>{t('legal.data.title')}</h3>
      {manifest ? (
        <>
          <p>{t('legal.data.intro')}</p>
          <SourcesList detailed />
        </>
      ) : (
        <p className="muted">{t('legal.data.missing')}</p>
      )}
      <p>{t('legal.data.fictitious')}</p>

      <h4>{t('legal.notes.title')}</h4>
      <ul>
        {NOTES.map((n) => (
          <li key={n}>{t(`legal.notes.${n}`)}</li>
        ))}
      </ul>

      <h3>{t('legal.software.title')}</h3>
      <p>{t('legal.software.intro')}</p>
      <ul className="credits">
        {SOFTWARE_CREDITS.map((c) => (
          <li key={c.name}>
            <ExternalLink href={c.url}>{c.name}</ExternalLink> – {t('legal.software.licence', { licence: c.licence })}
          </li>
        ))}
      </ul>

      <h3>{t('legal.project.title')}</h3>
      <p>{t('legal.project.body')}</p>

      <h3>{t('legal.liability.title')}</h3>
      <p>{t('legal.liability.body')}</p>
    </article>
  );
}
