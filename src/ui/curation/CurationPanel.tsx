/**
 * The curation panel (shown in the « Édition » tab when « Mode édition » is on): counter of
 * unpublished changes, drawing tools, the site form with undo/redo, the site's history,
 * import with validation report, the drafts, export and publication.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { SiteGeometry } from '../../domain/types';
import { allSites, useAtlas } from '../../state/store';
import {
  closeSite,
  createSite,
  deleteSite,
  discardDraft,
  openSite,
  setAuthor,
  setGeometry,
  unpublishedCount,
  unsavedCount,
  useCuration,
} from '../../state/drafts';
import { useT } from '../i18n';
import { useDraw, type DrawTarget } from './useDraw';
import { SiteEditor } from './SiteEditor';
import { HistoryList } from './HistoryList';
import { ImportSection } from './ImportSection';
import { DraftsList } from './DraftsList';
import { ExportSection } from './ExportSection';
import { PublishSection } from './PublishSection';
import { BackupSection } from './BackupSection';
import { QuarantineSection } from './QuarantineSection';
import { StorageProblem } from './StorageProblem';
import './curation.css';

function publishedOf(id: string) {
  const a = useAtlas.getState();
  return a.sites.find((x) => x.properties.id === id) ?? a.sampleSites.find((x) => x.properties.id === id) ?? null;
}

export function CurationPanel() {
  const t = useT();
  const storage = useCuration((s) => s.storage);
  const storageError = useCuration((s) => s.storageError);
  const saving = useCuration((s) => s.saving);
  const author = useCuration((s) => s.author);
  const count = useCuration(unpublishedCount);
  const unsaved = useCuration(unsavedCount);
  const session = useCuration((s) => s.session);
  const importing = useCuration((s) => s.importSession !== null);
  const selectedId = useAtlas((s) => s.selectedId);
  const draftSites = useAtlas((s) => s.draftSites);
  const sites = useAtlas((s) => s.sites);
  const authorId = useId();
  const titleId = useId();
  const lastDrawn = useRef<SiteGeometry | null>(null);
  /** Bumped when a site is created by drawing: the form focuses its name. */
  const [focusName, setFocusName] = useState(0);

  const draw = useDraw((g: SiteGeometry, target: DrawTarget, action) => {
    const atlas = useAtlas.getState();
    const communes = atlas.layers.communes ?? null;
    lastDrawn.current = g;
    if (target === 'new') {
      const site = createSite(g, t('cur.new.name'), communes);
      atlas.select(site.properties.id);
      atlas.announce(t('cur.draw.created'));
      setFocusName((n) => n + 1);
    } else {
      setGeometry(g, communes);
      if (action === 'draw') atlas.announce(t('cur.draw.updated'));
    }
  }, () => useAtlas.getState().announce(t('cur.draw.tooFew')));

  // The form follows the selection (map click, list, drafts), except while drawing.
  useEffect(() => {
    if (draw.mode !== 'idle' || !selectedId) return;
    if (useCuration.getState().session?.id === selectedId) return;
    const site = allSites(useAtlas.getState()).find((s) => s.properties.id === selectedId) ?? null;
    // Zones (kind `zone`) are edited in the Zones tab, not in the site form.
    if (!site || site.properties.kind === 'zone') return;
    openSite(site, publishedOf(selectedId));
  }, [selectedId, draw.mode, draftSites, sites]);

  // Leave the geometry editor when another site is opened.
  const sessionId = session?.id ?? null;
  const stopDraw = draw.stop;
  const drawMode = draw.mode;
  useEffect(() => {
    if (drawMode === 'edit') stopDraw();
  }, [sessionId]);

  // Undo / redo while editing vertices: show the restored geometry in the editor.
  const geometry = session?.current.geometry ?? null;
  const editGeometry = draw.edit;
  useEffect(() => {
    if (drawMode === 'edit' && geometry && geometry !== lastDrawn.current) {
      lastDrawn.current = geometry;
      editGeometry(geometry);
    }
  }, [geometry]);

  const p = session?.current.properties;
  const isDraft = useCuration((s) => !!s.session && s.drafts.some((d) => d.id === s.session!.id));

  return (
    <div className="cur-panel" aria-labelledby={titleId}>
      <header className="cur-head">
        <h2 id={titleId}>{t('cur.title')}</h2>
        <p className={`cur-counter${count || unsaved ? ' has-changes' : ''}`} data-testid="unpublished-count" role="status">
          {unsaved > 0
            ? unsaved === 1
              ? t('cur.unsaved.one')
              : t('cur.unsaved.many', { n: unsaved })
            : count === 0
              ? t('cur.unpublished.none')
              : count === 1
                ? t('cur.unpublished.one')
                : t('cur.unpublished.many', { n: count })}
        </p>
        <p className="cur-saved" aria-hidden="true" data-testid="save-status">
          {unsaved > 0 || storage === 'unavailable'
            ? t('cur.status.unsaved')
            : saving
              ? t('cur.saving')
              : storage === 'ready' && !storageError
                ? t('cur.saved')
                : ''}
        </p>
      </header>
      <p className="cur-notice">{t('cur.notice')}</p>
      <StorageProblem />
      <div className="cur-field cur-author">
        <label htmlFor={authorId}>{t('cur.author.label')}</label>
        <input
          id={authorId}
          type="text"
          autoComplete="name"
          value={author}
          aria-describedby={`${authorId}-hint`}
          onChange={(e) => void setAuthor(e.target.value)}
        />
        <p id={`${authorId}-hint`} className="cur-hint">
          {t('cur.author.hint')}
        </p>
      </div>

      <Section title={t('cur.section.new')}>
        <div className="cur-actions">
          <button type="button" disabled={!draw.ready} aria-pressed={draw.mode === 'polygon' && draw.target === 'new'} onClick={() => draw.startPolygon('new')}>
            {t('cur.draw.polygon')}
          </button>
          <button type="button" disabled={!draw.ready} aria-pressed={draw.mode === 'point' && draw.target === 'new'} onClick={() => draw.startPoint('new')}>
            {t('cur.draw.point')}
          </button>
        </div>
        {draw.target === 'new' && <DrawHint mode={draw.mode} onStop={draw.stop} />}
        {!draw.ready && <p className="cur-hint">{t('cur.draw.noMap')}</p>}
      </Section>

      <Section title={t('cur.section.editor')}>
        {session && p ? (
          <>
            <div className="cur-site-head">
              <h4 data-testid="editor-title">
                <span>{p.name || p.id}</span>
              </h4>
              <p className="cur-meta">
                {t('cur.editor.id', { id: p.id })}
                {' · '}
                <span className={isDraft ? 'cur-badge cur-badge-modified' : 'cur-badge'}>
                  {t(isDraft ? 'cur.editor.draft' : 'cur.editor.published')}
                </span>
                {p.fictitious && (
                  <>
                    {' '}
                    <span className="cur-badge cur-badge-fictitious">{t('cur.editor.fictitious')}</span>
                  </>
                )}
              </p>
            </div>
            <div className="cur-actions" role="group" aria-label={t('cur.draw.groupLabel')}>
              <button
                type="button"
                disabled={!draw.ready}
                aria-pressed={draw.mode === 'edit'}
                onClick={() => (draw.mode === 'edit' ? draw.stop() : draw.edit(session.current.geometry))}
              >
                {draw.mode === 'edit' ? t('cur.draw.stop') : t('cur.draw.edit')}
              </button>
              <button type="button" disabled={!draw.ready} onClick={() => draw.startPolygon('current')}>
                {t('cur.draw.redrawPolygon')}
              </button>
              <button type="button" disabled={!draw.ready} onClick={() => draw.startPoint('current')}>
                {t('cur.draw.replacePoint')}
              </button>
            </div>
            {draw.target === 'current' && <DrawHint mode={draw.mode} onStop={draw.stop} />}
            <SiteEditor session={session} focusName={focusName} />
            <div className="cur-actions cur-danger-zone">
              <button
                type="button"
                onClick={() => {
                  closeSite();
                  useAtlas.getState().select(null);
                }}
              >
                {t('cur.editor.close')}
              </button>
              {isDraft && session.published && (
                <button
                  type="button"
                  onClick={() => {
                    if (window.confirm(t('cur.editor.discardConfirm', { name: p.name }))) {
                      void discardDraft(session.id).then(() => useAtlas.getState().announce(t('cur.editor.discarded')));
                    }
                  }}
                >
                  {t('cur.editor.discard')}
                </button>
              )}
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(t('cur.editor.deleteConfirm', { name: p.name }))) {
                    const name = p.name;
                    void deleteSite(session.id).then(() => {
                      useAtlas.getState().select(null);
                      useAtlas.getState().announce(t('cur.editor.deleted', { name }));
                    });
                  }
                }}
              >
                {t('cur.editor.delete')}
              </button>
            </div>
          </>
        ) : (
          <p className="cur-hint">{t('cur.editor.none')}</p>
        )}
      </Section>

      {session && (
        <Section title={t('cur.section.history')} collapsible testId="history-section">
          <HistoryList siteId={session.id} />
        </Section>
      )}

      <Section title={t('cur.section.import')} collapsible open={importing || !session} testId="import-section">
        <ImportSection />
      </Section>

      <Section title={t('cur.section.drafts')} collapsible testId="drafts-section">
        <DraftsList />
      </Section>

      <Section title={t('pub.publish.section')} collapsible testId="publish-section">
        <PublishSection />
      </Section>

      <Section title={t('cur.section.export')} collapsible testId="export-section">
        <ExportSection />
      </Section>

      <Section title={t('cur.section.backup')} collapsible testId="backup-section">
        <BackupSection />
      </Section>

      <QuarantineSection />
    </div>
  );
}

function DrawHint({ mode, onStop }: { mode: string; onStop: () => void }) {
  const t = useT();
  if (mode === 'idle') return null;
  return (
    <div className="cur-draw-hint" role="status">
      <p>{t(`cur.draw.hint.${mode}`)}</p>
      <button type="button" onClick={onStop}>
        {mode === 'edit' ? t('cur.draw.stop') : t('cur.draw.cancel')}
      </button>
    </div>
  );
}

function Section(props: { title: string; children: ReactNode; collapsible?: boolean; open?: boolean; testId?: string }) {
  const id = useId();
  if (!props.collapsible) {
    return (
      <section className="cur-section" aria-labelledby={id} data-testid={props.testId}>
        <h3 id={id}>{props.title}</h3>
        {props.children}
      </section>
    );
  }
  return (
    <details className="cur-section" open={props.open} data-testid={props.testId}>
      <summary>
        <h3 id={id}>{props.title}</h3>
      </summary>
      {props.children}
    </details>
  );
}
