import { formatEuros } from "../modules/shared/format.ts";

export interface ChartRow {
  label: string;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
}

const chartWidth = 800;

// Each part has its own pattern as well as its colour (RGAA 3.1, WCAG 1.4.1): hatched, plain, dotted; in
// forced-colours mode the patterns are drawn in the system's colours (app.css).
const segments = [
  { key: "amoCents", label: "Sécurité sociale (hachuré)", className: "seg-amo", pattern: "motif-amo" },
  { key: "amcCents", label: "Mutuelle (plein)", className: "seg-amc", pattern: null },
  { key: "remainingCents", label: "Reste à charge (pointillé)", className: "seg-rac", pattern: "motif-rac" },
] as const;

/** The patterns, once per page; the bars' SVGs refer to them by id. */
function Patterns() {
  return (
    <svg width="0" height="0" className="chart-patterns" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="motif-amo" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" className="seg-amo" />
          <line x1="0" y1="0" x2="0" y2="8" className="motif-trait" strokeWidth="3" />
        </pattern>
        <pattern id="motif-rac" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" className="seg-rac" />
          <circle cx="3" cy="3" r="1.4" className="motif-point" />
        </pattern>
      </defs>
    </svg>
  );
}

/**
 * Stacked bars of who paid what, per category. SVG attributes, not inline styles, so the strict CSP holds.
 * The chart repeats the household's table that follows it ("Pour tout le foyer"), which is what assistive
 * technologies read.
 */
export function TotalsChart({ rows, caption }: { rows: ChartRow[]; caption: string }) {
  const max = Math.max(1, ...rows.map((r) => r.amoCents + r.amcCents + r.remainingCents));
  return (
    <figure className="chart">
      <Patterns />
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
                  const rect = (
                    <rect
                      key={s.key}
                      x={x}
                      y={0}
                      width={width}
                      height={16}
                      className={`${s.className} chart-bar`}
                      fill={s.pattern ? `url(#${s.pattern})` : undefined}
                    />
                  );
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
