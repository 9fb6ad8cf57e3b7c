import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import { App } from './ui/app/App';
import { startOfflineSupportWhenIdle } from './state/offline';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The service worker (offline use, new versions) is registered once the atlas is up.
startOfflineSupportWhenIdle();
