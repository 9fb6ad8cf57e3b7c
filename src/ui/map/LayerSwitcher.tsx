/** Layer switcher: an accessible fieldset of checkboxes bound to the store. */
import { useId } from 'react';
import { LAYER_IDS, type LayerId } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { LayerSwatch } from './Swatch';

export function LayerSwitcher({ hasZones }: { hasZones: boolean }) {
  const t = useT();
  const visible = useAtlas((s) => s.visibleLayers);
  const basemap = useAtlas((s) => s.basemap);
  const id = useId();
  const layers = LAYER_IDS.filter((l) => l !== 'zones' || hasZones);
  return (
    <div className="atlas-layers">
      <fieldset>
        <legend className="sr-only">{t('map.layers.fieldset')}</legend>
        <ul>
          {layers.map((l: LayerId) => (
            <li key={l}>
              <input
                type="checkbox"
                id={`${id}-${l}`}
                name="atlas-layer"
                value={l}
                checked={visible.includes(l)}
                onChange={(e) => useAtlas.getState().toggleLayer(l, e.target.checked)}
              />
              <label htmlFor={`${id}-${l}`}>
                <span className="layer-swatch">
                  <LayerSwatch id={l} />
                </span>
                {t(`map.layer.${l}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>{t('map.layers.basemap')}</legend>
        <ul>
          <li>
            <input
              type="checkbox"
              id={`${id}-basemap`}
              checked={basemap === 'ign'}
              onChange={(e) => useAtlas.getState().setBasemap(e.target.checked ? 'ign' : 'none')}
            />
            <label htmlFor={`${id}-basemap`}>{t('map.basemap.toggle')}</label>
          </li>
        </ul>
      </fieldset>
    </div>
  );
}
