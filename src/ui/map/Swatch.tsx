/** Small SVG symbols for the legend, mirroring the map's style (src/map/style). */
import { useId } from 'react';
import { COLORS, DOT_SIZES, dotHoleColor, type FricheShape } from '../../map';

const S = 18;

/**
 * The marks of a fictitious site's symbol, as on the map (src/map/style/images.ts): white
 * diagonal stripes over its colour (`fill` of an overlay of the same shape) and a dashed outline.
 */
function useFictitiousMarks(fictitious: boolean) {
  const id = `atlas-stripes-${useId().replace(/:/g, '')}`;
  return {
    defs: fictitious ? (
      <defs>
        <pattern id={id} width="3.4" height="3.4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="1.7" y1="0" x2="1.7" y2="3.4" stroke="#fff" strokeWidth="0.9" strokeOpacity="0.85" />
        </pattern>
      </defs>
    ) : null,
    overlay: fictitious ? `url(#${id})` : null,
    dash: fictitious ? '2 1.3' : undefined,
  };
}

export function FricheSwatch({ shape, color, fictitious = false }: { shape: FricheShape; color: string; fictitious?: boolean }) {
  const c = S / 2;
  const r = S * 0.3;
  const marks = useFictitiousMarks(fictitious);
  let d = '';
  switch (shape) {
    case 'circle': {
      const R = r + 0.6;
      d = `M${c - R} ${c}A${R} ${R} 0 1 0 ${c + R} ${c}A${R} ${R} 0 1 0 ${c - R} ${c}Z`;
      break;
    }
    case 'square': {
      const h = r * 0.95;
      d = `M${c - h} ${c - h}H${c + h}V${c + h}H${c - h}Z`;
      break;
    }
    case 'diamond': {
      const k = r * 1.25;
      d = `M${c} ${c - k}L${c + k} ${c}L${c} ${c + k}L${c - k} ${c}Z`;
      break;
    }
    case 'triangle': {
      const R = r * 1.3;
      const pts = [0, 1, 2].map((i) => {
        const a = -Math.PI / 2 + (i * 2 * Math.PI) / 3;
        return `${(c + R * Math.cos(a)).toFixed(2)} ${(c + R * 0.18 + R * Math.sin(a)).toFixed(2)}`;
      });
      d = `M${pts.join('L')}Z`;
      break;
    }
    case 'hexagon': {
      const pts = [0, 1, 2, 3, 4, 5].map((i) => `${(c + r * 1.05 * Math.cos((i * Math.PI) / 3)).toFixed(2)} ${(c + r * 1.05 * Math.sin((i * Math.PI) / 3)).toFixed(2)}`);
      d = `M${pts.join('L')}Z`;
      break;
    }
  }
  return (
    <svg className="swatch" width={S} height={S} viewBox={`0 0 ${S} ${S}`} aria-hidden="true" focusable="false" data-fictitious={fictitious || undefined}>
      {marks.defs}
      <path d={d} fill={color} stroke={COLORS.siteOutline} strokeWidth={1.1} strokeLinejoin="round" strokeDasharray={marks.dash} />
      {marks.overlay && <path d={d} fill={marks.overlay} />}
    </svg>
  );
}

const PIN = 'M11 26.5 L4.2 15.5 A8 8 0 1 1 17.8 15.5 Z';

export function PinSwatch({ color, letter, fictitious = false }: { color: string; letter: string; fictitious?: boolean }) {
  const marks = useFictitiousMarks(fictitious);
  return (
    <svg className="swatch" width={16} height={20} viewBox="0 0 22 28" aria-hidden="true" focusable="false" data-fictitious={fictitious || undefined}>
      {marks.defs}
      <path d={PIN} fill={color} stroke={COLORS.siteOutline} strokeWidth={1.3} strokeLinejoin="round" strokeDasharray={marks.dash} />
      {marks.overlay && <path d={PIN} fill={marks.overlay} />}
      <circle cx={11} cy={10.5} r={5} fill="#fff" />
      <text x={11} y={13.6} textAnchor="middle" fontSize={8.5} fontWeight={700} fill="#1e1e1e">
        {letter}
      </text>
    </svg>
  );
}

/**
 * A site's dot (point sites where they are too dense for symbols), as the map draws it at zoom 14
 * (src/map/style/layers.ts, DOT_SIZES): a disc of its colour in a dark edge, hollowed for a
 * fictitious site by a centre that stands out from the disc (white, dark on a light disc).
 */
export function DotSwatch({ color, fictitious = false }: { color: string; fictitious?: boolean }) {
  const c = S / 2;
  const { radius, edge, hole } = DOT_SIZES[14];
  return (
    <svg className="swatch" width={S} height={S} viewBox={`0 0 ${S} ${S}`} aria-hidden="true" focusable="false" data-fictitious={fictitious || undefined}>
      {/* MapLibre draws the stroke outside the radius, SVG centres it on the circle. */}
      <circle cx={c} cy={c} r={radius + edge / 2} fill={color} stroke={COLORS.siteOutline} strokeWidth={edge} />
      {fictitious && <circle cx={c} cy={c} r={hole} fill={dotHoleColor(color)} />}
    </svg>
  );
}

export function FillSwatch({ color, opacity = 0.55, stroke = '#55606e', hatch = false }: { color: string; opacity?: number; stroke?: string; hatch?: boolean }) {
  return (
    <svg className="swatch" width={S} height={S - 4} viewBox={`0 0 ${S} ${S - 4}`} aria-hidden="true" focusable="false">
      {hatch && (
        <defs>
          <pattern id="atlas-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="4" stroke="#1e1e1e" strokeWidth="1.1" strokeOpacity="0.6" />
          </pattern>
        </defs>
      )}
      <rect x={0.75} y={0.75} width={S - 1.5} height={S - 5.5} rx={1.5} fill={color} fillOpacity={opacity} stroke={stroke} strokeWidth={1.2} strokeDasharray={hatch ? '2 1.5' : undefined} />
      {hatch && <rect x={0.75} y={0.75} width={S - 1.5} height={S - 5.5} fill="url(#atlas-hatch)" />}
    </svg>
  );
}

export function LineSwatch({ kind }: { kind: 'petr' | 'communes' | 'rn2' | 'waterway' | 'rail' | 'lgv' }) {
  const y = 7;
  const w = 26;
  const body = (() => {
    switch (kind) {
      case 'petr':
        return (
          <>
            <line x1={1} y1={y} x2={w - 1} y2={y} stroke="#fff" strokeWidth={5} />
            <line x1={1} y1={y} x2={w - 1} y2={y} stroke={COLORS.petrOutline} strokeWidth={2.2} />
          </>
        );
      case 'communes':
        return <line x1={1} y1={y} x2={w - 1} y2={y} stroke={COLORS.communeOutline} strokeWidth={1} />;
      case 'rn2':
        return (
          <>
            <line x1={1} y1={y} x2={w - 1} y2={y} stroke={COLORS.roadCasing} strokeWidth={5} strokeLinecap="round" />
            <line x1={1} y1={y} x2={w - 1} y2={y} stroke={COLORS.road} strokeWidth={3} strokeLinecap="round" />
          </>
        );
      case 'waterway':
        return <path d={`M1 ${y + 2} Q ${w / 4} ${y - 3}, ${w / 2} ${y} T ${w - 1} ${y - 1}`} fill="none" stroke={COLORS.water} strokeWidth={2.6} strokeLinecap="round" />;
      case 'rail':
        return (
          <>
            <line x1={1} y1={y} x2={w - 1} y2={y} stroke={COLORS.rail} strokeWidth={4} />
            <line x1={1} y1={y} x2={w - 1} y2={y} stroke="#fff" strokeWidth={2} strokeDasharray="4 4" />
          </>
        );
      case 'lgv':
        return <line x1={1} y1={y} x2={w - 1} y2={y} stroke={COLORS.lgv} strokeWidth={2.6} strokeDasharray="6 3" />;
    }
  })();
  return (
    <svg className="swatch swatch-line" width={w} height={14} viewBox={`0 0 ${w} 14`} aria-hidden="true" focusable="false">
      {body}
    </svg>
  );
}

export function StationSwatch() {
  return (
    <svg className="swatch" width={S} height={S} viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <circle cx={7} cy={7} r={4.5} fill="#fff" stroke={COLORS.rail} strokeWidth={2} />
      <circle cx={7} cy={7} r={1.7} fill={COLORS.rail} />
    </svg>
  );
}

export function IteSwatch() {
  return (
    <svg className="swatch" width={S} height={S} viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <path d="M7 1.7L12.6 12H1.4Z" fill="#fff" stroke={COLORS.ite} strokeWidth={1.8} strokeLinejoin="round" />
      <circle cx={7} cy={8.4} r={1.4} fill={COLORS.ite} />
    </svg>
  );
}

export function RoissySwatch() {
  return (
    <svg className="swatch" width={S + 2} height={S + 2} viewBox="0 0 30 30" aria-hidden="true" focusable="false">
      <circle cx={15} cy={15} r={12} fill="#fff" stroke={COLORS.roissy} strokeWidth={2.4} strokeDasharray="3.5 2.5" />
      <path d="M10 10L20 20M20 10L10 20" stroke={COLORS.roissy} strokeWidth={2.4} />
    </svg>
  );
}

export function CdgSwatch() {
  return (
    <svg className="swatch" width={S} height={S} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x={3.2} y={3.2} width={9.6} height={9.6} fill="#fff" stroke={COLORS.roissy} strokeWidth={2} />
      <circle cx={8} cy={8} r={1.6} fill={COLORS.roissy} />
    </svg>
  );
}

/** The symbol of a whole layer, shown beside its checkbox in the layer switcher. */
export function LayerSwatch({ id }: { id: string }) {
  switch (id) {
    case 'petr':
      return <LineSwatch kind="petr" />;
    case 'epci':
      return <FillSwatch color="#77aadd" opacity={0.5} />;
    case 'communes':
      return <LineSwatch kind="communes" />;
    case 'friches':
      return <FricheSwatch shape="circle" color="#e69f00" />;
    case 'sites':
      return <PinSwatch color="#117733" letter="C" />;
    case 'zones':
      return <FillSwatch color="#6c5b7b" opacity={0.25} stroke="#6c5b7b" />;
    case 'rn2':
      return <LineSwatch kind="rn2" />;
    case 'waterway':
      return <LineSwatch kind="waterway" />;
    case 'rail':
      return <LineSwatch kind="rail" />;
    case 'stations':
      return <StationSwatch />;
    case 'ite':
      return <IteSwatch />;
    case 'lgv':
      return <LineSwatch kind="lgv" />;
    case 'roissy':
      return <RoissySwatch />;
    default:
      return null;
  }
}
