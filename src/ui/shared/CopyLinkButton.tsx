/**
 * « Copier le lien »: copies the address of what is on screen (the URL holds the whole state:
 * filters, selection, view, shortlist, page — src/domain/urlState.ts), computed from the store
 * so a change made a moment ago is in it. The result is said next to the button and in the
 * live region. When the browser refuses the clipboard (permission denied, insecure page, old
 * browser), the link is shown in a field, selected, to copy by hand.
 */
import { useId, useRef, useState } from 'react';
import { encodeUrlState } from '../../domain/urlState';
import { useAtlas } from '../../state/store';
import { urlStateFromStore } from '../../state/urlSync';
import { useT } from '../i18n';
import './copyLink.css';

/** The address that reopens the current view. */
export function currentLink(): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}${encodeUrlState(urlStateFromStore(useAtlas.getState()))}`;
}

export function CopyLinkButton({ className }: { className?: string }) {
  const t = useT();
  const id = useId();
  const [state, setState] = useState<{ kind: 'copied' } | { kind: 'manual'; link: string } | null>(null);
  const field = useRef<HTMLInputElement>(null);

  async function copy() {
    const link = currentLink();
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setState({ kind: 'copied' });
      useAtlas.getState().announce(t('shell.link.copied'));
    } catch {
      setState({ kind: 'manual', link });
      useAtlas.getState().announce(t('shell.link.manual'));
      requestAnimationFrame(() => {
        field.current?.focus();
        field.current?.select();
      });
    }
  }

  return (
    <span className={`copy-link ${className ?? ''}`}>
      <button type="button" onClick={() => void copy()} aria-describedby={state ? `${id}-status` : undefined}>
        {t('shell.link.copy')}
      </button>
      {state?.kind === 'copied' && (
        <span id={`${id}-status`} className="copy-link-status" data-testid="copy-link-status">
          {t('shell.link.copied')}
        </span>
      )}
      {state?.kind === 'manual' && (
        <span id={`${id}-status`} className="copy-link-manual" data-testid="copy-link-manual">
          <label htmlFor={`${id}-field`}>{t('shell.link.manual')}</label>
          <input id={`${id}-field`} ref={field} type="text" readOnly value={state.link} onFocus={(e) => e.currentTarget.select()} />
        </span>
      )}
    </span>
  );
}
