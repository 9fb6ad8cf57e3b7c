/**
 * The banner over the map while a drawing is in progress (see ./drawing.ts): what to do, and
 * « Terminer » / « Annuler ». Shown on a phone, where the drawing tools' own panel is hidden
 * behind the map tab. When it appears without a visible focused element (the button that
 * started the drawing is now hidden), it takes the focus so its instructions are read.
 */
import { useEffect, useId, useRef } from 'react';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { focusIsLost } from '../shared/drawing';

export function DrawingBanner() {
  const t = useT();
  const drawing = useAtlas((s) => s.drawing);
  const textId = useId();
  const textRef = useRef<HTMLParagraphElement>(null);
  const active = drawing !== null;

  useEffect(() => {
    if (!active) return;
    // Let the tab switch lay out first; then, if the focus was left on a hidden button, take it.
    const raf = requestAnimationFrame(() => {
      const banner = textRef.current;
      if (!banner || banner.getClientRects().length === 0) return;
      banner.closest('.atlas-layout')?.scrollIntoView({ block: 'start' });
      if (focusIsLost()) banner.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(raf);
  }, [active]);

  if (!drawing) return null;
  const text =
    drawing.hint ?? (drawing.mode === 'polygon' ? t('app.drawing.polygon') : drawing.mode === 'point' ? t('app.drawing.point') : t('app.drawing.edit'));
  return (
    <div
      className="drawing-banner"
      role="group"
      aria-labelledby={textId}
      data-testid="drawing-banner"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && drawing.cancel) {
          e.preventDefault();
          drawing.cancel();
        }
      }}
    >
      <p id={textId} ref={textRef} tabIndex={-1} role="status">
        {text}
      </p>
      <div className="drawing-banner-actions">
        {drawing.finish && (
          <button type="button" className="primary" onClick={drawing.finish}>
            {t('app.drawing.finish')}
          </button>
        )}
        {drawing.cancel && (
          <button type="button" onClick={drawing.cancel}>
            {t('app.drawing.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}
