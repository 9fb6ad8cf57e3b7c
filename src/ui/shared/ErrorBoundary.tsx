/**
 * Never a permanent blank page: an error while rendering a part of the app replaces that part
 * only with a French message and two ways out — « Revenir à l'atlas » and « Exporter mes
 * brouillons » — plus « Réessayer ». Used around the app shell, each page and each panel.
 *
 * The fallback reads the store without hooks and falls back to French text, so it renders even
 * when the error came from the store or the translations.
 */
import { Component, useState, type ErrorInfo, type ReactNode } from 'react';
import { useAtlas } from '../../state/store';
import { translate } from '../i18n';
import { exportMyDrafts } from './exportDrafts';
import './shared.css';

export type BoundaryArea = 'app' | 'page' | 'search' | 'zones' | 'curation' | 'map' | 'dashboard';

interface Props {
  /** What this boundary protects (named in the message). */
  area: BoundaryArea;
  children: ReactNode;
  /** When this value changes (e.g. the page), a failed part is tried again. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

function text(key: string, params?: Record<string, string>): string {
  try {
    return translate(useAtlas.getState().locale, key, params);
  } catch {
    return key;
  }
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[atlas] ${this.props.area}:`, error, info.componentStack);
  }

  private retry = () => this.setState({ error: null });

  private home = () => {
    try {
      const s = useAtlas.getState();
      s.setPage({ name: 'atlas' });
      s.setPanelTab('search');
    } catch {
      /* the store itself failed: the hash below reloads the route */
    }
    if (this.props.area === 'app') window.location.hash = '#/';
    this.setState({ error: null });
  };

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <ErrorFallback area={this.props.area} error={error} onHome={this.home} onRetry={this.retry} />;
  }
}

function ErrorFallback({ area, error, onHome, onRetry }: { area: BoundaryArea; error: Error; onHome: () => void; onRetry: () => void }) {
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  async function onExport() {
    try {
      const file = await exportMyDrafts();
      setStatus({ text: text('shared.error.exported', { file }), failed: false });
    } catch (e) {
      setStatus({ text: text('shared.error.exportFailed', { message: e instanceof Error ? e.message : String(e) }), failed: true });
    }
  }
  return (
    <div className={`error-boundary error-boundary-${area}`} role="alert" data-testid="error-boundary">
      <p className="error-boundary-title">{text('shared.error.title', { what: text(`shared.area.${area}`) })}</p>
      <p>{text('shared.error.body')}</p>
      <div className="error-boundary-actions">
        <button type="button" onClick={onHome}>
          {text('shared.error.home')}
        </button>
        <button type="button" onClick={() => void onExport()}>
          {text('shared.error.export')}
        </button>
        <button type="button" onClick={onRetry}>
          {text('shared.error.retry')}
        </button>
      </div>
      {status && <p className={status.failed ? 'error-boundary-failed' : 'error-boundary-ok'}>{status.text}</p>}
      <details className="error-boundary-detail">
        <summary>{text('shared.error.detail')}</summary>
        <code>{error.message}</code>
      </details>
    </div>
  );
}
