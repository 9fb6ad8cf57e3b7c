/** "Recentrer sur le PETR" button, grouped like the navigation buttons. */
import type { IControl } from 'maplibre-gl';
import type { Translate } from '../types';

export class HomeControl implements IControl {
  private container: HTMLElement | null = null;
  private button: HTMLButtonElement | null = null;

  constructor(
    private t: Translate,
    private readonly onHome: () => void,
  ) {}

  onAdd(): HTMLElement {
    const c = document.createElement('div');
    c.className = 'maplibregl-ctrl maplibregl-ctrl-group atlas-home-ctrl';
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'atlas-home-button';
    // A small "frame" glyph drawn in CSS; the accessible name comes from aria-label.
    const icon = document.createElement('span');
    icon.className = 'atlas-home-icon';
    icon.setAttribute('aria-hidden', 'true');
    b.append(icon);
    b.addEventListener('click', () => this.onHome());
    c.append(b);
    this.container = c;
    this.button = b;
    this.setTranslate(this.t);
    return c;
  }

  setTranslate(t: Translate): void {
    this.t = t;
    if (this.button) {
      this.button.setAttribute('aria-label', t('map.ctrl.home'));
      this.button.title = t('map.ctrl.home');
    }
  }

  onRemove(): void {
    this.container?.remove();
    this.container = null;
  }
}
