import { Box } from '@mui/material';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
}

export interface ChartTarget {
  value: number;
  label: string;
}

type Row = Record<string, string | number | null | undefined>;

/**
 * A trend over time in react-admin's demo style (area under a line with a soft gradient). `x` is the row's
 * key holding the bucket label; `target` draws a dashed line (e.g. the 120 ms latency target).
 */
export const TrendChart = ({
  rows,
  x,
  series,
  height = 220,
  target,
  format,
  testId,
  percent,
}: {
  rows: readonly Row[];
  x: string;
  series: readonly ChartSeries[];
  height?: number;
  target?: ChartTarget;
  format?: (value: number) => string;
  testId?: string;
  /** Values are shares (0..1): the axis reads in percent. */
  percent?: boolean;
}) => {
  const tick =
    format ??
    (percent ? (value: number) => `${Math.round(value * 1000) / 10} %` : (value: number) => value.toLocaleString());
  return (
    <Box sx={{ width: '100%', height }} data-testid={testId}>
      <ResponsiveContainer>
        <AreaChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <defs>
            {series.map((line) => (
              <linearGradient key={line.key} id={`fill-${testId ?? 'chart'}-${line.key}`} x1="0" y1="0" x2="0" y2="1">
                <stop offset="5%" stopColor={line.colour} stopOpacity={0.35} />
                <stop offset="95%" stopColor={line.colour} stopOpacity={0} />
              </linearGradient>
            ))}
          </defs>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={x} fontSize={11} minTickGap={16} />
          <YAxis
            fontSize={11}
            allowDecimals={!!percent}
            tickFormatter={tick}
            width={percent ? 56 : 48}
            domain={percent ? [0, 1] : [0, 'auto']}
          />
          <Tooltip formatter={(value) => (typeof value === 'number' ? tick(value) : String(value ?? '—'))} />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {target ? (
            <ReferenceLine
              y={target.value}
              ifOverflow="extendDomain"
              stroke="#d32f2f"
              strokeDasharray="6 4"
              label={{ value: target.label, position: 'insideTopRight', fontSize: 11, fill: '#d32f2f' }}
            />
          ) : null}
          {series.map((line) => (
            <Area
              key={line.key}
              type="monotone"
              dataKey={line.key}
              name={line.label}
              stroke={line.colour}
              strokeWidth={2}
              fill={`url(#fill-${testId ?? 'chart'}-${line.key})`}
              isAnimationActive={false}
              connectNulls
              // A series of a few points (the first weeks of a pilot) shows its points, not an invisible sliver.
              dot={rows.length <= 3 ? { r: 3, fill: line.colour } : false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </Box>
  );
};

/** Bars per category (`x` is the category's label), one bar per series: this week against the one before. */
export const BarsChart = ({
  rows,
  x,
  series,
  height = 220,
  layout = 'horizontal',
  testId,
  target,
  labelWidth = 170,
}: {
  rows: readonly Row[];
  x: string;
  series: readonly ChartSeries[];
  height?: number;
  layout?: 'horizontal' | 'vertical';
  testId?: string;
  target?: ChartTarget;
  /** Room for the category labels of a vertical layout. */
  labelWidth?: number;
}) => (
  <Box sx={{ width: '100%', height }} data-testid={testId}>
    <ResponsiveContainer>
      <BarChart data={[...rows]} layout={layout} margin={{ top: 8, right: target ? 40 : 16, bottom: 0, left: 0 }}>
        <CartesianGrid
          strokeDasharray="3 3"
          {...(layout === 'vertical' ? { horizontal: false } : { vertical: false })}
        />
        {layout === 'vertical' ? (
          <>
            <XAxis type="number" fontSize={11} allowDecimals={false} />
            <YAxis type="category" dataKey={x} width={labelWidth} fontSize={11} interval={0} />
          </>
        ) : (
          <>
            <XAxis dataKey={x} fontSize={11} interval={0} />
            <YAxis fontSize={11} allowDecimals={false} width={48} />
          </>
        )}
        <Tooltip />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
        {target ? (
          <ReferenceLine
            {...(layout === 'vertical' ? { x: target.value } : { y: target.value })}
            ifOverflow="extendDomain"
            stroke="#d32f2f"
            strokeDasharray="6 4"
            label={{ value: target.label, fontSize: 11, fill: '#d32f2f' }}
          />
        ) : null}
        {series.map((bar) => (
          <Bar key={bar.key} dataKey={bar.key} name={bar.label} fill={bar.colour} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  </Box>
);
