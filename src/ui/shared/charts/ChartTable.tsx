/** The visually-hidden table that gives a chart's numbers as text to screen readers. */
import { useT } from '../../i18n';

export interface ChartTableRow {
  key: string | number;
  label: string;
  value: string | number;
}

export interface ChartTableProps {
  title: string;
  rows: ChartTableRow[];
  categoryLabel?: string;
  valueLabel?: string;
}

export function ChartTable({ title, rows, categoryLabel, valueLabel }: ChartTableProps) {
  const t = useT();
  return (
    <table className="sr-only">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{categoryLabel ?? t('chart.category')}</th>
          <th scope="col">{valueLabel ?? t('chart.value')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td>{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
