import { BarLabel, barSlot, ChartFigure, PAD, PLOT_H } from "./ChartFigure";

export interface Bar {
  label: string;
  value: number;
  /** The value in words for the bar's label and the table, e.g. "66,7 %". */
  valueText: string;
  /** More columns for the table (e.g. counts behind a percentage). */
  extra?: string[];
}

/**
 * A bar chart as inline SVG (e.g. % of customers with a signed agreement per month), in a ChartFigure.
 */
export function BarChart({
  title,
  description,
  bars,
  max,
  labelHeader,
  valueHeader,
  extraHeaders = [],
  testId,
}: {
  title: string;
  description: string;
  bars: Bar[];
  /** The top of the scale (100 for percentages); default the largest value. */
  max?: number;
  labelHeader: string;
  valueHeader: string;
  extraHeaders?: string[];
  testId?: string;
}) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const y = (v: number) => PAD.top + PLOT_H - (v / top) * PLOT_H;
  return (
    <ChartFigure
      title={title}
      description={description}
      summary={bars.map((b) => `${b.label}: ${b.valueText}`).join("; ")}
      ticks={[0, 0.5, 1].map((f) => Math.round(top * f * 10) / 10)}
      y={y}
      testId={testId}
      table={
        <>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              {extraHeaders.map((h) => (
                <th scope="col" className="num" key={h}>
                  {h}
                </th>
              ))}
              <th scope="col" className="num">
                {valueHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                {(bar.extra ?? []).map((cell, i) => (
                  <td className="num" key={i}>
                    {cell}
                  </td>
                ))}
                <td className="num">{bar.valueText}</td>
              </tr>
            ))}
          </tbody>
        </>
      }
    >
      {bars.map((bar, i) => {
        const { x, width } = barSlot(i, bars.length);
        return (
          <g key={bar.label}>
            <rect className="series-brand" x={x} y={y(bar.value)} width={width} height={Math.max(0, PAD.top + PLOT_H - y(bar.value))} rx={2} />
            <BarLabel x={x} width={width}>
              {bar.label}
            </BarLabel>
          </g>
        );
      })}
    </ChartFigure>
  );
}
