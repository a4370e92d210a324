import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import "./charts.css";

export const WIDTH = 640;
export const HEIGHT = 220;
export const PAD = { top: 16, right: 8, bottom: 28, left: 36 };
export const PLOT_W = WIDTH - PAD.left - PAD.right;
export const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** Where bar i of n sits: its left edge and width. */
export function barSlot(i: number, n: number): { x: number; width: number } {
  const slot = PLOT_W / Math.max(n, 1);
  const width = Math.max(4, slot * 0.6);
  return { x: PAD.left + i * slot + (slot - width) / 2, width };
}

/** A bar's label under the plot. */
export function BarLabel({ x, width, children }: { x: number; width: number; children: string }) {
  return (
    <text className="bar-label" x={x + width / 2} y={HEIGHT - 10} textAnchor="middle">
      {children}
    </text>
  );
}

/**
 * What every chart is: a figure with its title and description, the SVG as one image with a text
 * equivalent (role="img", <title>, <desc> with `summary`), grid lines at `ticks` (`y` places a value),
 * the bars (`children`), an optional legend, and the same figures as a table under "as a table" for
 * anyone who would rather read, or who cannot see the bars.
 */
export function ChartFigure({
  title,
  description,
  summary,
  ticks,
  y,
  legend,
  table,
  testId,
  children,
}: {
  title: string;
  description: string;
  summary: string;
  ticks: number[];
  y: (value: number) => number;
  legend?: ReactNode;
  table: ReactNode;
  testId?: string | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
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
          <g aria-hidden="true">{children}</g>
        </svg>
      </div>
      {legend}
      <details>
        <summary>{t("staffHome.charts.tableToggle")}</summary>
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="sr-only">{title}</caption>
            {table}
          </table>
        </div>
      </details>
    </figure>
  );
}
