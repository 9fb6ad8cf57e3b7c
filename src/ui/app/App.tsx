/**
 * The application shell: skip links, header with navigation, language and edit-mode
 * switches, the aria-live region, and the page for the current route. On the atlas
 * page, the side panel (tabs) sits beside the map; on a phone they become tabs.
 */
import { Suspense, useEffect, useRef, useState } from 'react';
import { useAtlas, type PanelTab } from '../../state/store';
import { bootstrap } from '../../state/bootstrap';
import { startDrafts } from '../../state/drafts/boot';
import { ErrorBoundary } from '../shared/ErrorBoundary';
import { DraftsLoadNotice, QuarantineNotice } from '../curation/QuarantineNotice';
import { switchLocale, translate } from '../i18n';
import { useUrlSync } from '../../state/urlSync';
import { useShortlistPersistence } from '../compare/shortlistStorage';
import { DashboardSection } from '../dashboard';
import { useT } from '../i18n';
import { SearchPanel } from '../search/SearchPanel';
import { ZonesPanel } from '../zones/ZonesPanel';
import { MapPanel } from '../map/MapPanel';
import { navigate } from '../shared/navigate';
import { DrawingBanner } from './DrawingBanner';
import { ChunkBoundary, actionErrorText, lazyWithRetry } from '../shared/lazy';
import { focusMain } from '../shared/focusMain';
import { UpdatePrompt } from '../offline/UpdatePrompt';
import { NARROW_QUERY, restoreDrawingFocus } from '../shared/drawing';
import './app.css';

// Loaded on demand: curation (import, drawing, export) and the other pages are not needed to
// show the atlas, so they stay out of the first download. A failed download (offline, or a
// file gone after a new deployment) shows « Réessayer » in place of the part (ChunkBoundary).
const CurationPanel = lazyWithRetry(() => import('../curation/CurationPanel'), 'CurationPanel');
const SiteSheetPage = lazyWithRetry(() => import('../sheet/SiteSheetPage'), 'SiteSheetPage');
const ComparePage = lazyWithRetry(() => import('../compare/ComparePage'), 'ComparePage');
const AccessibilityPage = lazyWithRetry(() => import('../pages/AccessibilityPage'), 'AccessibilityPage');
const LegalPage = lazyWithRetry(() => import('../pages/LegalPage'), 'LegalPage');

type SideTab = Exclude<PanelTab, 'map'>;

/** Shows the list of sites (« Aller à la liste des sites »): the search tab first, then the focus on the list. */
function goToList() {
  useAtlas.getState().setPanelTab('search');
  requestAnimationFrame(() => {
    const list = document.getElementById('site-list');
    list?.scrollIntoView({ block: 'nearest' });
    list?.focus();
  });
}

export function App() {
  useUrlSync(); // first: the URL is decoded into the store before anything renders
  useShortlistPersistence(); // then: the stored shortlist when the URL has none
  const t = useT();
  const status = useAtlas((s) => s.status);
  const loadError = useAtlas((s) => s.loadError);
  const page = useAtlas((s) => s.page);
  const locale = useAtlas((s) => s.locale);
  const editMode = useAtlas((s) => s.editMode);
  const shortlist = useAtlas((s) => s.shortlist);
  const announcement = useAtlas((s) => s.announcement);
  const tab = useAtlas((s) => s.panelTab);
  const setTab = useAtlas.getState().setPanelTab;
  const drawingActive = useAtlas((s) => s.drawing !== null);
  // The side panel keeps the last panel tab while the map tab is shown (on a phone), so a
  // drawing started in « Édition » or « Zones » keeps its panel (and its tools) mounted.
  const [lastSide, setLastSide] = useState<SideTab>('search');
  if (tab !== 'map' && tab !== lastSide) setLastSide(tab);
  const sideTab: SideTab = tab === 'map' ? lastSide : tab;

  useEffect(() => {
    void bootstrap();
    // The drafts kept in this browser: restored once, here (see src/state/drafts/boot.ts).
    startDrafts({
      onRestored: (n) => {
        const atlas = useAtlas.getState();
        if (n > 0) atlas.announce(translate(atlas.locale, 'cur.restored', { n }));
      },
      onPublished: (n) => {
        const atlas = useAtlas.getState();
        atlas.announce(translate(atlas.locale, 'cur.reconciled', { n }));
      },
    });
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    // Other pages set their own title (« <page> – <atlas> »).
    if (page.name === 'atlas') document.title = t('app.title');
  }, [locale, t, page.name]);
  // Phone: the navigation folds into a « Menu » disclosure, closed again on every page change.
  const [menuOpen, setMenuOpen] = useState(false);
  /** Why the other language could not be loaded (null: no failure). */
  const [langError, setLangError] = useState<string | null>(null);
  useEffect(() => setMenuOpen(false), [page]);
  useEffect(() => {
    if (!editMode && tab === 'curation') setTab('search');
    if (!editMode && lastSide === 'curation') setLastSide('search');
  }, [editMode, tab, lastSide, setTab]);
  // The « Carte » tab only exists on a phone: back on a wide screen, show the panel again.
  useEffect(() => {
    const mq = window.matchMedia(NARROW_QUERY);
    const onChange = () => {
      const s = useAtlas.getState();
      if (!mq.matches && s.panelTab === 'map') s.setPanelTab(lastSide);
    };
    onChange();
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [lastSide]);
  // When a drawing ends, the focus goes back to the button that started it (if it was lost).
  const wasDrawing = useRef(false);
  useEffect(() => {
    if (drawingActive) {
      wasDrawing.current = true;
      return;
    }
    if (!wasDrawing.current) return;
    wasDrawing.current = false;
    const raf = requestAnimationFrame(restoreDrawingFocus);
    return () => cancelAnimationFrame(raf);
  }, [drawingActive]);

  const tabs: PanelTab[] = editMode ? ['search', 'zones', 'curation', 'map'] : ['search', 'zones', 'map'];

  return (
    <div className={`app page-${page.name} tab-${tab}`}>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // The page lives in the hash (#/site/…, #/comparer): following « #main » would replace it.
          e.preventDefault();
          focusMain();
        }}
      >
        {t('app.skip.content')}
      </a>
      {page.name === 'atlas' && (
        <a
          className="skip-link"
          // The list lives in the search tab: on another tab the link targets that tab (so the
          // target always exists); either way it shows the search tab and focuses the list.
          href={tab === 'search' ? '#site-list' : '#tab-search'}
          onClick={(e) => {
            e.preventDefault();
            goToList();
          }}
        >
          {t('app.skip.list')}
        </a>
      )}
      <header className="app-header">
        <div className="brand">
          <h1>
            <a href="#/" onClick={(e) => { e.preventDefault(); navigate({ name: 'atlas' }); }}>
              {t('app.title')}
            </a>
          </h1>
          <p className="subtitle">{t('app.subtitle')}</p>
        </div>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="app-menu"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true" className="menu-icon">
            {menuOpen ? '✕' : '☰'}
          </span>{' '}
          {t('app.menu')}
        </button>
        <div
          id="app-menu"
          className={`app-menu${menuOpen ? ' open' : ''}`}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && menuOpen) {
              setMenuOpen(false);
              (document.querySelector('.menu-toggle') as HTMLElement | null)?.focus();
            }
          }}
        >
        <nav aria-label={t('app.nav.label')} className="main-nav">
          <button type="button" aria-current={page.name === 'atlas' ? 'page' : undefined} onClick={() => navigate({ name: 'atlas' })}>
            {t('app.nav.atlas')}
          </button>
          <button type="button" aria-current={page.name === 'compare' ? 'page' : undefined} onClick={() => navigate({ name: 'compare' })}>
            {t('app.nav.compare', { n: shortlist.length })}
          </button>
          <button type="button" aria-current={page.name === 'accessibility' ? 'page' : undefined} onClick={() => navigate({ name: 'accessibility' })}>
            {t('app.nav.accessibility')}
          </button>
          <button type="button" aria-current={page.name === 'legal' ? 'page' : undefined} onClick={() => navigate({ name: 'legal' })}>
            {t('app.nav.legal')}
          </button>
        </nav>
        <div className="header-tools">
          <label className="switch">
            <input type="checkbox" checked={editMode} onChange={(e) => useAtlas.getState().setEditMode(e.target.checked)} />
            {t('app.edit.toggle')}
          </label>
          <button
            type="button"
            lang={locale === 'fr' ? 'en' : 'fr'}
            aria-label={t('app.lang.label')}
            onClick={() => {
              setLangError(null);
              switchLocale(locale === 'fr' ? 'en' : 'fr').catch((e: unknown) => setLangError(actionErrorText(t, e)));
            }}
          >
            {t('app.lang.toggle')}
          </button>
          {langError !== null && (
            <span className="lang-error" role="alert">
              {t('app.lang.loadError', { message: langError })}
            </span>
          )}
        </div>
        </div>
      </header>
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {announcement}
      </div>
      {status === 'error' && (
        <div className="load-error" role="alert">
          {t('app.loadError', { message: loadError ?? '' })}
        </div>
      )}
      <QuarantineNotice />
      <DraftsLoadNotice />
      <main id="main" tabIndex={-1}>
        {status === 'loading' && <p className="loading">{t('app.loading')}</p>}
        {page.name === 'atlas' && (
          <div className="atlas-layout">
            <div
              className="tabs"
              role="tablist"
              aria-label={t('app.tabs.label')}
              onKeyDown={(e) => {
                // Tabs pattern: ←/→ (and Home/End) move between the visible tabs and show them.
                const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
                if (!keys.includes(e.key)) return;
                const all = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role=tab]')].filter((b) => b.offsetParent !== null);
                const i = all.indexOf(document.activeElement as HTMLButtonElement);
                if (i < 0) return;
                e.preventDefault();
                const j = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + all.length) % all.length;
                all[j].focus();
                all[j].click();
              }}
            >
              {tabs.map((id) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`tab-${id}`}
                  aria-selected={tab === id}
                  aria-controls={`panel-${id}`}
                  className={`tab tab-btn-${id}`}
                  onClick={() => setTab(id)}
                >
                  {t(`app.tabs.${id}`)}
                </button>
              ))}
            </div>
            <section className="side-panel" id={`panel-${sideTab}`} role="tabpanel" aria-labelledby={`tab-${sideTab}`}>
              {sideTab === 'zones' ? (
                <ErrorBoundary area="zones">
                  <ZonesPanel />
                </ErrorBoundary>
              ) : sideTab === 'curation' ? (
                <ErrorBoundary area="curation">
                  <ChunkBoundary>
                    <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
                      <CurationPanel />
                    </Suspense>
                  </ChunkBoundary>
                </ErrorBoundary>
              ) : (
                <ErrorBoundary area="search">
                  <SearchPanel />
                </ErrorBoundary>
              )}
              {sideTab === 'search' && (
                <ErrorBoundary area="dashboard">
                  <DashboardSection />
                </ErrorBoundary>
              )}
            </section>
            <section className="map-panel" id="panel-map" aria-labelledby="tab-map">
              <ErrorBoundary area="map">
                <DrawingBanner />
                <MapPanel />
              </ErrorBoundary>
            </section>
          </div>
        )}
        <ErrorBoundary area="page" resetKey={page}>
        <ChunkBoundary key={page.name}>
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            {page.name === 'site' && <SiteSheetPage />}
            {page.name === 'compare' && <ComparePage />}
            {page.name === 'accessibility' && <AccessibilityPage />}
            {page.name === 'legal' && <LegalPage />}
          </Suspense>
        </ChunkBoundary>
        </ErrorBoundary>
      </main>
      <UpdatePrompt />
    </div>
  );
}
