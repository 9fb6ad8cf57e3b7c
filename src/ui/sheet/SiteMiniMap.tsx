/**
 * The sheet's location map (src/map/minimap) and its legend. The map is an image for
 * assistive technologies (role img + label); the distances list beside it is the text
 * equivalent. Each time the map finishes drawing, a PNG copy is put in an <img> that
 * only print shows, so the map always prints (WebGL canvases may print blank). Place names
 * are drawn in the map; the scale bar lies over it (screen and print) and is said in the
 * legend.
 */
import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { createMiniMap, CONNECTOR_STYLE, SITE_COLOR, SITE_MARKER_HOLE, type Connector, type ConnectorKind, type MiniMapHandle, type ScaleBar } from '../../map/minimap';
import type { Site } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { fmtNumber } from '../shared/format';

/** Longest scale bar, as a share of the map's width. */
const SCALE_MAX_SHARE = 0.3;

const KINDS: ConnectorKind[] = ['rn2', 'waterway', 'station'];

export function SiteMiniMap({ site, connectors }: { site: Site; connectors: Connector[] }) {
  const t = useT();
  const layers = useAtlas((s) => s.layers);
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<MiniMapHandle | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const [scale, setScale] = useState<{ bar: ScaleBar; share: number } | null>(null);
  const locale = useAtlas((s) => s.locale);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const ctx = (id: string): FeatureCollection | undefined => layers[id];
    const h = createMiniMap(el, {
      site,
      connectors: [],
      context: { communes: ctx('communes'), rn2: ctx('rn2'), waterway: ctx('waterway'), rail: ctx('rail'), stations: ctx('stations') },
      onIdle: () => {
        // Hidden (print media hides the live map): keep the last drawing and scale.
        const width = el.clientWidth;
        if (!width) return;
        setImage(h.toDataURL());
        const bar = h.scale(width * SCALE_MAX_SHARE);
        setScale(bar ? { bar, share: bar.px / width } : null);
      },
    });
    handle.current = h;
    void h.ready.then(() => {
      el.dataset.ready = 'true';
    });
    const beforePrint = () => {
      if (el.clientWidth) setImage(h.toDataURL());
    };
    window.addEventListener('beforeprint', beforePrint);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      handle.current = null;
      h.destroy();
    };
  }, [site, layers]);

  useEffect(() => {
    handle.current?.setConnectors(connectors);
  }, [connectors, site, layers]);

  const shown = new Set(connectors.map((c) => c.kind));
  const fictitious = site.properties.fictitious === true;
  const scaleText = scale ? (scale.bar.metres >= 1000 ? `${fmtNumber(locale, scale.bar.metres / 1000, 1, 0)}\u00a0km` : `${fmtNumber(locale, scale.bar.metres)}\u00a0m`) : null;
  return (
    <figure className="minimap-figure">
      <div className="minimap-frame">
        <div
          ref={container}
          className="minimap"
          role="img"
          aria-label={t('sheet.map.label', { name: site.properties.name })}
          data-testid="minimap"
        />
        {image && <img className="minimap-print" src={image} alt={t('sheet.map.image')} />}
        {scaleText && scale && (
          <div className="minimap-scale" aria-hidden="true" data-testid="minimap-scale">
            <span className="minimap-scale-bar" style={{ width: `${(scale.share * 100).toFixed(2)}%` }} />
            <span className="minimap-scale-text">{scaleText}</span>
          </div>
        )}
      </div>
      <figcaption>
        <h4 className="sr-only">{t('sheet.map.legend')}</h4>
        <ul className="minimap-legend">
          <li data-testid="minimap-legend-site">
            <svg width="28" height="14" aria-hidden="true" focusable="false">
              <circle cx="14" cy="7" r="6" fill={SITE_COLOR} stroke="#fff" strokeWidth="1.5" />
              {/* A fictitious site's marker is hollow on the map (radius 8 there, 6 here). */}
              {fictitious && <circle cx="14" cy="7" r={(SITE_MARKER_HOLE * 6) / 8} fill="#fff" />}
            </svg>
            {t(fictitious ? 'sheet.map.siteFictitious' : 'sheet.map.site')}
          </li>
          {KINDS.filter((k) => shown.has(k)).map((k) => (
            <li key={k}>
              <svg width="28" height="14" aria-hidden="true" focusable="false">
                <line
                  x1="1"
                  y1="7"
                  x2="27"
                  y2="7"
                  stroke={CONNECTOR_STYLE[k].color}
                  strokeWidth="3"
                  strokeDasharray={CONNECTOR_STYLE[k].dash.map((d) => d * 3).join(' ')}
                />
              </svg>
              {t(`sheet.map.${k}`)}
            </li>
          ))}
        </ul>
        <p className="minimap-networks">
          {t('sheet.map.networks')}
          {scaleText && ` ${t('sheet.map.scale', { d: scaleText })}`}
        </p>
      </figcaption>
    </figure>
  );
}
