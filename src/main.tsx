import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import { App } from './ui/app/App';
import { prefetchAtlasData } from './state/bootstrap';
import { ErrorBoundary } from './ui/shared/ErrorBoundary';
import { startOfflineSupportWhenIdle } from './state/offline';
import { prewarmMap } from './map';
import { initFromLocation } from './state/urlSync';
import { useAtlas } from './state/store';
import { isLocaleLoaded, loadLocale } from './ui/i18n';

// The data downloads start now, while React renders and the map starts (the app's start-up then awaits them).
prefetchAtlasData().catch(() => undefined);
// MapLibre's worker and the label fonts start too; the map itself is created once the data is here.
prewarmMap();

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary area="app">
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );

// A link in English (`lang=en`) starts in English: its messages (a chunk of their own) are
// fetched first, so the page never shows French then English. French starts at once. Should
// they not load, the atlas starts anyway, in French (the page says so: `lang="fr"`).
initFromLocation();
const locale = useAtlas.getState().locale;
if (isLocaleLoaded(locale)) render();
else
  loadLocale(locale)
    .catch(() => useAtlas.getState().setLocale('fr'))
    .finally(render);

// The service worker (offline use, new versions) is registered once the atlas is up.
startOfflineSupportWhenIdle();
