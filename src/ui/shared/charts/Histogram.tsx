/**
 * A small column histogram in plain SVG (e.g. number of sites per surface class).
 * Columns inside the selected range are filled, the others are outlined, so the
 * selection reads without colour. A visually-hidden table gives the numbers as text.
 */
import { useId } from 'react';
import { ChartTable } from './ChartTable';
import './charts.css';

export interface HistogramBin {
  label: string;
  count: number;
  /** Inside the selected range. */
  active: boolean;
}

export interface HistogramProps {
  title: string;
  bins: HistogramBin[];
  categoryLabel?: string;
  valueLabel?: string;
}

const WIDTH = 300;
const HEIGHT = 48;

export function Histogram({ title, bins, categoryLabel, valueLabel }: HistogramProps) {
  const id = useId();
  const titleId = `${id}-title`;
  const max = bins.reduce((m, b) => Math.max(m, b.count), 0);
  const w = bins.length ? WIDTH / bins.length : WIDTH;
  return (
    <div className="chart histogram">
      <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" height="48" preserveAspectRatio="none">
        <title id={titleId}>{title}</title>
        {bins.map((b, i) => {
          // sqrt scale: a class with 1 site stays visible beside one with 20 000.
          const h = max > 0 && b.count > 0 ? Math.max(2, Math.sqrt(b.count / max) * (HEIGHT - 2)) : 0;
          return (
            <rect
              key={i}
              x={i * w + 0.5}
              y={HEIGHT - h}
              width={Math.max(1, w - 1)}
              height={h}
              className={b.active ? 'hist-bar active' : 'hist-bar'}
            />
          );
        })}
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="hist-axis" />
      </svg>
      <ChartTable title={title} rows={bins.map((b, i) => ({ key: i, label: b.label, value: b.count }))} categoryLabel={categoryLabel} valueLabel={valueLabel} />
    </div>
  );
}
