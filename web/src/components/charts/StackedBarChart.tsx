import { useId } from "react";
import { useTranslation } from "react-i18next";
import "./charts.css";

export interface Series {
  key: string;
  label: string;
}

export interface StackedRow {
  label: string;
  values: Record<string, number>;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 8, bottom: 28, left: 36 };

/**
 * Stacked bars as inline SVG (e.g. deadlines per week: in time, late, missed, to come): a figure with
 * its title and description, the SVG as one image with a text equivalent, a legend, and the same
 * figures as a table under "as a table". Series colours come from charts.css (series-0 …).
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
  const { t } = useTranslation();
  const id = useId();
  const total = (row: StackedRow) => series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0);
  const top = Math.max(1, ...rows.map(total));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(rows.length, 1);
  const barW = Math.max(4, slot * 0.6);
  const scale = (v: number) => (v / top) * plotH;
  const ticks = [...new Set([0, Math.round(top / 2), top])];
  const summary = rows.map((row) => `${row.label}: ${series.map((s) => `${s.label} ${row.values[s.key] ?? 0}`).join(", ")}`).join("; ");
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
                <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotH - scale(tick)} y2={PAD.top + plotH - scale(tick)} />
                <text x={PAD.left - 4} y={PAD.top + plotH - scale(tick) + 4} textAnchor="end">
                  {tick}
                </text>
              </g>
            ))}
          </g>
          <g aria-hidden="true">
            {rows.map((row, i) => {
              const x = PAD.left + i * slot + (slot - barW) / 2;
              let base = PAD.top + plotH;
              return (
                <g key={row.label}>
                  {series.map((s, si) => {
                    const h = scale(row.values[s.key] ?? 0);
                    base -= h;
                    return h > 0 ? <rect key={s.key} className={`series-${si}`} x={x} y={base} width={barW} height={h} /> : null;
                  })}
                  <text className="bar-label" x={x + barW / 2} y={HEIGHT - 10} textAnchor="middle">
                    {row.label}
                  </text>
                </g>
              );
            })}
          </g>
        </svg>
      </div>
      <ul className="legend">
        {series.map((s, si) => (
          <li key={s.key}>
            <span className={`swatch series-${si}`} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t("staffHome.charts.tableToggle")}</summary>
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="sr-only">{title}</caption>
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
          </table>
        </div>
      </details>
    </figure>
  );
}
