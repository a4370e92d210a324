import { useId } from "react";
import { useTranslation } from "react-i18next";
import "./charts.css";

export interface Bar {
  label: string;
  value: number;
  /** The value in words for the bar's label and the table, e.g. "66,7 %". */
  valueText: string;
  /** More columns for the table (e.g. counts behind a percentage). */
  extra?: string[];
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 8, bottom: 28, left: 36 };

/**
 * A bar chart as inline SVG: a figure with its title and description, the SVG as one image with a
 * text equivalent (role="img", <title>, <desc>), and the same figures as a table under "as a table"
 * for anyone who would rather read, or who cannot see the bars.
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
  const { t } = useTranslation();
  const id = useId();
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(bars.length, 1);
  const barW = Math.max(4, slot * 0.6);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks = [0, 0.5, 1].map((f) => Math.round(top * f * 10) / 10);
  const summary = bars.map((b) => `${b.label}: ${b.valueText}`).join("; ");
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p className="chart-desc" id={`${id}-desc`}>
        {description}
      </p>
      <div className="chart-scroll">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc ${id}-sum`}>
          <title>{title}</title>
          <desc id={`${id}-sum`}>{summary}</desc>
          <g className="grid" aria-hidden="true">
            {ticks.map((tick) => (
              <g key={tick}>
                <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
                <text x={PAD.left - 4} y={y(tick) + 4} textAnchor="end">
                  {tick}
                </text>
              </g>
            ))}
          </g>
          <g aria-hidden="true">
            {bars.map((bar, i) => {
              const x = PAD.left + i * slot + (slot - barW) / 2;
              return (
                <g key={bar.label}>
                  <rect className="series-brand" x={x} y={y(bar.value)} width={barW} height={Math.max(0, PAD.top + plotH - y(bar.value))} rx={2} />
                  <text className="bar-label" x={x + barW / 2} y={HEIGHT - 10} textAnchor="middle">
                    {bar.label}
                  </text>
                </g>
              );
            })}
          </g>
        </svg>
      </div>
      <details>
        <summary>{t("staffHome.charts.tableToggle")}</summary>
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="sr-only">{title}</caption>
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
          </table>
        </div>
      </details>
    </figure>
  );
}
