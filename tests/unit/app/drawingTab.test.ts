/**
 * The store's panel tab and drawing state: on a phone a drawing shows the map tab and gives
 * the previous tab back when it ends; on a desktop the tab does not move.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useAtlas } from '../../../src/state/store';

beforeEach(() => {
  useAtlas.setState({ panelTab: 'search', drawing: null, drawingReturnTab: null });
});

describe('setDrawing', () => {
  it('on a phone: switches to the map while drawing, then back to the tab the drawing started from', () => {
    const s = useAtlas.getState();
    s.setPanelTab('curation');
    s.setDrawing({ mode: 'polygon' }, { switchToMap: true });
    expect(useAtlas.getState().panelTab).toBe('map');
    expect(useAtlas.getState().drawing?.mode).toBe('polygon');
    // A mode change during the same drawing keeps the tab to come back to.
    s.setDrawing({ mode: 'edit' }, { switchToMap: true });
    expect(useAtlas.getState().drawingReturnTab).toBe('curation');
    s.setDrawing(null);
    expect(useAtlas.getState().panelTab).toBe('curation');
    expect(useAtlas.getState().drawing).toBeNull();
  });

  it('on a desktop: the tab does not move', () => {
    const s = useAtlas.getState();
    s.setPanelTab('zones');
    s.setDrawing({ mode: 'point' }, { switchToMap: false });
    expect(useAtlas.getState().panelTab).toBe('zones');
    s.setDrawing(null);
    expect(useAtlas.getState().panelTab).toBe('zones');
  });

  it('a tab the user chose during the drawing is kept when the drawing ends', () => {
    const s = useAtlas.getState();
    s.setPanelTab('curation');
    s.setDrawing({ mode: 'polygon' }, { switchToMap: true });
    s.setPanelTab('search');
    s.setDrawing(null);
    expect(useAtlas.getState().panelTab).toBe('search');
  });
});
