import { BarLabel, barSlot, ChartFigure, PAD, PLOT_H } from "./ChartFigure";

export interface Series {
  key: string;
  label: string;
}

export interface StackedRow {
  label: string;
  values: Record<string, number>;
}

/**
 * Stacked bars as inline SVG (e.g. deadlines per week: in time, late, missed, to come), in a
 * ChartFigure with a legend. Series colours come from charts.css (series-0 …).
 */
export function StackedBarChart({
  title,
  description,
  series,
  rows,
  labelHeader,
  testId,
}: {
  title: string;
  description: string;
  series: Series[];
  rows: StackedRow[];
  labelHeader: string;
  testId?: string;
}) {
  const total = (row: StackedRow) => series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0);
  const top = Math.max(1, ...rows.map(total));
  const scale = (v: number) => (v / top) * PLOT_H;
  return (
    <ChartFigure
      title={title}
      description={description}
      summary={rows.map((row) => `${row.label}: ${series.map((s) => `${s.label} ${row.values[s.key] ?? 0}`).join(", ")}`).join("; ")}
      ticks={[...new Set([0, Math.round(top / 2), top])]}
      y={(v) => PAD.top + PLOT_H - scale(v)}
      testId={testId}
      legend={
        <ul className="legend">
          {series.map((s, si) => (
            <li key={s.key}>
              <span className={`swatch series-${si}`} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      }
      table={
        <>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              {series.map((s) => (
                <th scope="col" className="num" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {series.map((s) => (
                  <td className="num" key={s.key}>
                    {row.values[s.key] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </>
      }
    >
      {rows.map((row, i) => {
        const { x, width } = barSlot(i, rows.length);
        let base = PAD.top + PLOT_H;
        return (
          <g key={row.label}>
            {series.map((s, si) => {
              const h = scale(row.values[s.key] ?? 0);
              base -= h;
              return h > 0 ? <rect key={s.key} className={`series-${si}`} x={x} y={base} width={width} height={h} /> : null;
            })}
            <BarLabel x={x} width={width}>
              {row.label}
            </BarLabel>
          </g>
        );
      })}
    </ChartFigure>
  );
}
