import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import { App } from './ui/app/App';
import { prefetchAtlasData } from './state/bootstrap';
import { ErrorBoundary } from './ui/shared/ErrorBoundary';
import { startOfflineSupportWhenIdle } from './state/offline';
import { prewarmMap } from './map';

// The data downloads start now, while React renders and the map starts (the app's start-up then awaits them).
prefetchAtlasData().catch(() => undefined);
// MapLibre's worker and the label fonts start too; the map itself is created once the data is here.
prewarmMap();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary area="app">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

// The service worker (offline use, new versions) is registered once the atlas is up.
startOfflineSupportWhenIdle();
