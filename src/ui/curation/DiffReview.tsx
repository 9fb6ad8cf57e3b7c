/**
 * Re-import of ids that already exist: the differences (field, current value, value in
 * the file) site by site, and an explicit choice « Remplacer » / « Garder l'existant » for
 * each. Identical sites are listed as such: nothing to replace. Nothing is overwritten
 * silently: « Valider l'import » stays disabled until every changed site has a decision.
 */
import { useId, useState } from 'react';
import { mergeImported, patchImportSession, type DiffChoice, type ImportSession } from '../../state/drafts';
import { useT } from '../i18n';
import { fieldLabel, formatValue } from './format';

export function DiffReview({ session, onBack, onDone }: { session: ImportSession; onBack: () => void; onDone: (msg: string) => void }) {
  const t = useT();
  const diff = session.diff!;
  const [busy, setBusy] = useState(false);
  const base = useId();
  const undecided = diff.changed.filter((c) => c.choice === null).length;

  function choose(i: number, choice: DiffChoice) {
    patchImportSession({ diff: { ...diff, changed: diff.changed.map((c, j) => (j === i ? { ...c, choice } : c)) } });
  }
  function chooseAll(choice: DiffChoice) {
    patchImportSession({ diff: { ...diff, changed: diff.changed.map((c) => ({ ...c, choice })) } });
  }

  async function confirm() {
    setBusy(true);
    try {
      const replaced = diff.changed.filter((c) => c.choice === 'replace').map((c) => c.imported);
      const sites = [...diff.fresh, ...replaced];
      const report = await mergeImported(sites, session.fileName);
      const done = report.merged || !sites.length ? (sites.length ? t('cur.import.done', { n: report.merged }) : t('cur.import.doneNothing')) : '';
      const aside = report.quarantined.length ? t('cur.import.quarantined', { n: report.quarantined.length }) : '';
      onDone([done, aside].filter(Boolean).join(' '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cur-diff" data-testid="import-diff">
      <h4>{t('cur.diff.title')}</h4>
      {diff.changed.length > 0 && <p className="cur-hint">{t('cur.diff.intro')}</p>}
      <ul className="cur-diff-summary">
        {diff.fresh.length > 0 && <li>{t('cur.diff.new', { n: diff.fresh.length })}</li>}
        {diff.identical.length > 0 && (
          <li data-testid="diff-identical">
            {diff.identical.length === 1
              ? t('cur.diff.identical.one')
              : t('cur.diff.identical.many', { n: diff.identical.length })}
          </li>
        )}
        {diff.changed.length > 0 && <li>{t('cur.diff.changed', { n: diff.changed.length })}</li>}
      </ul>
      {diff.changed.length > 1 && (
        <div className="cur-actions">
          <button type="button" onClick={() => chooseAll('replace')}>
            {t('cur.diff.replaceAll')}
          </button>
          <button type="button" onClick={() => chooseAll('keep')}>
            {t('cur.diff.keepAll')}
          </button>
        </div>
      )}
      {diff.changed.map((c, i) => {
        const name = c.existing.properties.name || c.existing.properties.id;
        return (
          <section key={c.existing.properties.id} className="cur-diff-site" aria-labelledby={`${base}-h-${i}`}>
            <h5 id={`${base}-h-${i}`}>
              <span>{name}</span> <span className="cur-id">({c.existing.properties.id})</span>
            </h5>
            <div className="cur-table-wrap">
              <table className="cur-table">
                <thead>
                  <tr>
                    <th scope="col">{t('cur.diff.col.field')}</th>
                    <th scope="col">{t('cur.diff.col.old')}</th>
                    <th scope="col">{t('cur.diff.col.new')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.changes.map((ch) => (
                    <tr key={ch.field}>
                      <th scope="row">{fieldLabel(t, ch.field)}</th>
                      <td>{formatValue(t, ch.field, ch.old)}</td>
                      <td>{formatValue(t, ch.field, ch.new)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <fieldset className="cur-choice">
              <legend>{t('cur.diff.choice.label', { name })}</legend>
              <label>
                <input type="radio" name={`${base}-c-${i}`} checked={c.choice === 'replace'} onChange={() => choose(i, 'replace')} />
                {t('cur.diff.replace')}
              </label>
              <label>
                <input type="radio" name={`${base}-c-${i}`} checked={c.choice === 'keep'} onChange={() => choose(i, 'keep')} />
                {t('cur.diff.keep')}
              </label>
            </fieldset>
          </section>
        );
      })}
      <div className="cur-actions">
        <button type="button" className="primary" disabled={busy || undecided > 0} onClick={() => void confirm()}>
          {t('cur.diff.confirm')}
        </button>
        <button type="button" onClick={onBack}>
          {t('cur.diff.back')}
        </button>
      </div>
    </div>
  );
}
