/**
 * The friche status symbol of the map (src/map/style/palette.ts: shape first, colour second)
 * for the results list, so a row tells the status the map shows: circle = potentielle,
 * square = sans projet, diamond = avec projet, triangle = reconvertie, hexagon = other.
 * Always shown beside the text label.
 */
import { COLORS, FRICHE_STATUSES, type FricheStatusStyle } from '../../map';

export type FricheStatusKey = FricheStatusStyle['key'];

export function FricheStatusIcon({ status, size = 14 }: { status: FricheStatusKey; size?: number }) {
  const style = FRICHE_STATUSES.find((s) => s.key === status) ?? FRICHE_STATUSES[FRICHE_STATUSES.length - 1];
  const common = {
    width: size,
    height: size,
    viewBox: '0 0 16 16',
    'aria-hidden': true,
    focusable: false,
    className: `friche-icon friche-${style.key}`,
    'data-shape': style.shape,
  } as const;
  const paint = { fill: style.color, stroke: COLORS.siteOutline, strokeWidth: 1.1, strokeLinejoin: 'round' } as const;
  switch (style.shape) {
    case 'circle':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="5.6" {...paint} />
        </svg>
      );
    case 'square':
      return (
        <svg {...common}>
          <rect x="2.8" y="2.8" width="10.4" height="10.4" {...paint} />
        </svg>
      );
    case 'diamond':
      return (
        <svg {...common}>
          <path d="M8 1.4L14.6 8L8 14.6L1.4 8Z" {...paint} />
        </svg>
      );
    case 'triangle':
      return (
        <svg {...common}>
          <path d="M8 1.6L14.6 13.6H1.4Z" {...paint} />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <path d="M14 8L11 13.2H5L2 8L5 2.8H11Z" {...paint} />
        </svg>
      );
  }
}
