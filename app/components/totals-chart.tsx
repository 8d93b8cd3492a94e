import { formatEuros } from "../modules/shared/format.ts";

export interface ChartRow {
  label: string;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
}

const chartWidth = 800;

const segments = [
  { key: "amoCents", label: "Sécurité sociale", className: "seg-amo" },
  { key: "amcCents", label: "Mutuelle", className: "seg-amc" },
  { key: "remainingCents", label: "Reste à charge", className: "seg-rac" },
] as const;

/**
 * Stacked bars of who paid what, per category. SVG attributes, not inline styles, so the strict CSP holds.
 * The chart repeats the table that follows it, which is what assistive technologies read.
 */
export function TotalsChart({ rows, caption }: { rows: ChartRow[]; caption: string }) {
  const max = Math.max(1, ...rows.map((r) => r.amoCents + r.amcCents + r.remainingCents));
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <ul className="legend" aria-hidden="true">
        {segments.map((s) => (
          <li key={s.key}>
            <span className={`swatch ${s.className}`} />
            {s.label}
          </li>
        ))}
      </ul>
      {/* Labels are HTML text at the page's size (an SVG's text shrank with it to ~5 px on a phone); each bar is
          its own SVG stretched to the width, so only the bars scale. */}
      <ul className="chart-rows" aria-hidden="true">
        {rows.map((row) => {
          let x = 0;
          return (
            <li key={row.label}>
              <span className="chart-label">{`${row.label} — ${formatEuros(row.amoCents + row.amcCents + row.remainingCents)}`}</span>
              <svg
                viewBox={`0 0 ${chartWidth} 16`}
                preserveAspectRatio="none"
                width="100%"
                height="16"
                focusable="false"
              >
                {segments.map((s) => {
                  const width = (row[s.key] / max) * chartWidth;
                  const rect = <rect key={s.key} x={x} y={0} width={width} height={16} className={s.className} />;
                  x += width;
                  return rect;
                })}
              </svg>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
