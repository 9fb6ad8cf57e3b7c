/**
 * Drawing on the map, for every feature that draws (curation, zone digitising): tell the app
 * a drawing started or ended. On a phone (where the map is a tab) the app then shows the map
 * with a banner « Dessin en cours… » and « Terminer » / « Annuler », and gives the previous
 * tab back when the drawing ends.
 *
 *   showDrawing({ mode: 'polygon', finish: () => ctl.finish(), cancel: () => ctl.stop() });
 *   hideDrawing(); // whenever it ends (finished, cancelled, panel closed)
 */
import { useAtlas, type DrawingSession } from '../../state/store';

/** The phone layout's breakpoint (same as app.css). */
export const NARROW_QUERY = '(max-width: 760px)';

export function isNarrowScreen(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;
}

/** Where the focus was when the drawing started (the button that started it), given back at the end. */
let returnFocus: HTMLElement | null = null;

/** Starts (or updates) the drawing shown by the app; on a phone, shows the map tab. */
export function showDrawing(session: DrawingSession): void {
  const s = useAtlas.getState();
  if (!s.drawing && typeof document !== 'undefined') returnFocus = document.activeElement as HTMLElement | null;
  s.setDrawing(session, { switchToMap: isNarrowScreen() });
}

/** True when no visible element has the focus (e.g. it sat on a button now hidden). */
export function focusIsLost(): boolean {
  const el = document.activeElement as HTMLElement | null;
  return !el || el === document.body || !el.isConnected || el.getClientRects().length === 0;
}

/**
 * After a drawing ended (called by the app once the tabs are back): if the focus is lost,
 * gives it back to the element that started the drawing.
 */
export function restoreDrawingFocus(): void {
  const el = returnFocus;
  returnFocus = null;
  if (el && el.isConnected && el.getClientRects().length > 0 && focusIsLost()) el.focus();
}

/** Ends the drawing: the banner goes and, on a phone, the tab the drawing started from comes back. */
export function hideDrawing(): void {
  if (useAtlas.getState().drawing) useAtlas.getState().setDrawing(null);
}
