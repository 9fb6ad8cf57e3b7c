/** « Déclaration d'accessibilité » (RGAA 4.1 model): honest status, checks, known issues, contact. */
import { useT } from '../i18n';
import { ExternalLink } from './ExternalLink';
import { useDocTitle } from './useDocTitle';
import './pages.css';

export function AccessibilityPage() {
  const t = useT();
  useDocTitle('a11y.title');
  return (
    <article className="page-content text-page" aria-labelledby="a11y-title" data-testid="accessibility-page">
      <h2 id="a11y-title">{t('a11y.title')}</h2>
      <p>{t('a11y.commitment')}</p>
      <p>{t('a11y.scope')}</p>

      <h3>{t('a11y.status.title')}</h3>
      <p className="notice">
        <strong>{t('a11y.status.body')}</strong>
      </p>
      <p>{t('a11y.status.noAudit')}</p>

      <h3>{t('a11y.tests.title')}</h3>
      <p>{t('a11y.tests.intro')}</p>
      <ul>
        <li>{t('a11y.tests.axe')}</li>
        <li>{t('a11y.tests.keyboard')}</li>
        <li>{t('a11y.tests.mobile')}</li>
        <li>{t('a11y.tests.print')}</li>
      </ul>
      <p>{t('a11y.tests.noScreenReader')}</p>

      <h3>{t('a11y.features.title')}</h3>
      <ul>
        <li>{t('a11y.features.list')}</li>
        <li>{t('a11y.features.keyboard')}</li>
        <li>{t('a11y.features.labels')}</li>
        <li>{t('a11y.features.colour')}</li>
        <li>{t('a11y.features.contrast')}</li>
        <li>{t('a11y.features.lang')}</li>
      </ul>

      <h3>{t('a11y.issues.title')}</h3>
      <h4>{t('a11y.issues.nonConformities')}</h4>
      <ul>
        <li>{t('a11y.issues.map')}</li>
        <li>{t('a11y.issues.draw')}</li>
        <li>{t('a11y.issues.minimap')}</li>
        <li>{t('a11y.issues.external')}</li>
      </ul>
      <h4>{t('a11y.issues.derogations')}</h4>
      <p>{t('a11y.issues.none')}</p>
      <h4>{t('a11y.issues.exempt')}</h4>
      <p>{t('a11y.issues.exemptBody')}</p>

      <h3>{t('a11y.env.title')}</h3>
      <p>{t('a11y.env.date')}</p>
      <dl className="facts">
        <div className="fact">
          <dt>{t('a11y.env.tech')}</dt>
          <dd>{t('a11y.env.techList')}</dd>
        </div>
        <div className="fact">
          <dt>{t('a11y.env.testEnv')}</dt>
          <dd>{t('a11y.env.testEnvBody')}</dd>
        </div>
        <div className="fact">
          <dt>{t('a11y.env.tools')}</dt>
          <dd>{t('a11y.env.toolsBody')}</dd>
        </div>
        <div className="fact">
          <dt>{t('a11y.env.pages')}</dt>
          <dd>{t('a11y.env.pagesBody')}</dd>
        </div>
      </dl>

      <h3>{t('a11y.plan.title')}</h3>
      <ul>
        <li>{t('a11y.plan.audit')}</li>
        <li>{t('a11y.plan.screenReader')}</li>
        <li>{t('a11y.plan.map')}</li>
      </ul>

      <h3>{t('a11y.feedback.title')}</h3>
      <p>{t('a11y.feedback.body')}</p>

      <h3>{t('a11y.remedy.title')}</h3>
      <p>{t('a11y.remedy.body')}</p>
      <ul>
        <li>
          <ExternalLink href="https://formulaire.defenseurdesdroits.fr/">{t('a11y.remedy.form')}</ExternalLink>
        </li>
        <li>
          <ExternalLink href="https://www.defenseurdesdroits.fr/saisir/delegues">{t('a11y.remedy.delegate')}</ExternalLink>
        </li>
        <li>{t('a11y.remedy.mail')}</li>
      </ul>
    </article>
  );
}
