/**
 * The app shell's notices (new version, ready offline, offline): the view
 * (./UpdatePromptView.tsx) is loaded only once there is something to say.
 */
import { Suspense } from 'react';
import { useOffline } from '../../state/offline';
import { ChunkBoundary, lazyWithRetry } from '../shared/lazy';
import './offline.css';

const UpdatePromptView = lazyWithRetry(() => import('./UpdatePromptView'), 'UpdatePromptView');

export function UpdatePrompt() {
  const shown = useOffline((s) => s.update !== 'none' || s.offlineReady || s.offline);
  return (
    <div className="shell-notices" role="status" aria-live="polite" data-testid="shell-notices">
      {shown && (
        // A notice that cannot be downloaded is left out (never an error in its place).
        <ChunkBoundary fallback={null}>
          <Suspense fallback={null}>
            <UpdatePromptView />
          </Suspense>
        </ChunkBoundary>
      )}
    </div>
  );
}
