/**
 * A small horizontal bar chart in plain SVG. Accessible: the SVG is an image named by its
 * <title>, and a visually-hidden table gives every value as text for screen readers.
 * Bars always carry a text label and value, so colour never carries the meaning alone.
 */
import { useId } from 'react';
import { useT } from '../../i18n';
import { ChartTable } from './ChartTable';
import './charts.css';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** Formatted value shown at the end of the bar and in the table. */
  display: string;
  /** Optional fill pattern, so categories differ by texture and not by colour alone. */
  pattern?: BarPattern;
}

export type BarPattern = 'solid' | 'ok' | 'hatch' | 'dots' | 'grey';

export interface BarChartProps {
  title: string;
  data: BarDatum[];
  /** Header of the value column of the text-equivalent table. */
  valueLabel?: string;
  categoryLabel?: string;
  className?: string;
}

const WIDTH = 360;
const LABEL_W = 150;
const VALUE_W = 62;
const ROW_H = 20;
const BAR_H = 13;
const MAX_LABEL_CHARS = 24;

function shorten(s: string): string {
  return s.length > MAX_LABEL_CHARS ? s.slice(0, MAX_LABEL_CHARS - 1).trimEnd() + '…' : s;
}

export function BarChart({ title, data, valueLabel, categoryLabel, className }: BarChartProps) {
  const t = useT();
  const id = useId();
  const titleId = `${id}-title`;
  const max = data.reduce((m, d) => Math.max(m, d.value), 0);
  const barSpace = WIDTH - LABEL_W - VALUE_W;
  const height = Math.max(ROW_H, data.length * ROW_H) + 4;
  return (
    <figure className={`chart bar-chart ${className ?? ''}`}>
      <figcaption className="chart-caption">{title}</figcaption>
      {data.length === 0 ? (
        <p className="chart-empty">{t('chart.empty')}</p>
      ) : (
        <>
          <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
            <title id={titleId}>{title}</title>
            <ChartPatterns prefix={id} />
            {data.map((d, i) => {
              const w = max > 0 ? Math.max(d.value > 0 ? 2 : 0, (d.value / max) * barSpace) : 0;
              const y = i * ROW_H + 2;
              return (
                <g key={d.key} className={`bar pattern-${d.pattern ?? 'solid'}`}>
                  <text x={0} y={y + BAR_H - 2} className="bar-label">
                    {shorten(d.label)}
                  </text>
                  <rect x={LABEL_W} y={y} width={w} height={BAR_H} className="bar-rect" style={fillFor(id, d.pattern)} />
                  <text x={LABEL_W + w + 4} y={y + BAR_H - 2} className="bar-value">
                    {d.display}
                  </text>
                </g>
              );
            })}
          </svg>
          <ChartTable title={title} rows={data.map((d) => ({ key: d.key, label: d.label, value: d.display }))} categoryLabel={categoryLabel} valueLabel={valueLabel} />
        </>
      )}
    </figure>
  );
}

function fillFor(prefix: string, p: BarPattern | undefined): { fill: string } | undefined {
  // useId() ids contain colons: CSS.escape keeps url(#…) valid.
  return p === 'hatch' || p === 'dots' || p === 'grey' ? { fill: `url(#${CSS.escape(`${prefix}-${p}`)})` } : undefined;
}

/** Fill patterns of one chart (ids prefixed so several charts can share a page). */
function ChartPatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#f0d9b5" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#7a4a00" strokeWidth="2" />
      </pattern>
      <pattern id={`${prefix}-dots`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#dbe6f3" />
        <circle cx="3" cy="3" r="1.4" fill="#0b4f8a" />
      </pattern>
      <pattern id={`${prefix}-grey`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#e2e2e2" />
        <line x1="0" y1="3" x2="6" y2="3" stroke="#4a4f57" strokeWidth="1" />
      </pattern>
    </defs>
  );
}
