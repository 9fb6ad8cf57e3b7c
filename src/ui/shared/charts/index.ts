/** Small, accessible SVG charts (no chart library). */
export { BarChart, type BarChartProps, type BarDatum, type BarPattern } from './BarChart';
export { Histogram, type HistogramBin, type HistogramProps } from './Histogram';
