import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import { App } from './ui/app/App';
import { ErrorBoundary } from './ui/shared/ErrorBoundary';
import { startOfflineSupportWhenIdle } from './state/offline';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary area="app">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

// The service worker (offline use, new versions) is registered once the atlas is up.
startOfflineSupportWhenIdle();
