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
  const barHeight = 16;
  const gap = 28;
  const height = rows.length * (barHeight + gap);
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <ul className="legend" aria-hidden="true">
        {segments.map((s) => (
          <li key={s.key}><span className={`swatch ${s.className}`} />{s.label}</li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${chartWidth} ${height}`} width="100%" aria-hidden="true" focusable="false">
        {rows.map((row, i) => {
          let x = 0;
          const y = i * (barHeight + gap) + 16;
          return (
            <g key={row.label}>
              <text x="0" y={y - 4} className="chart-label">{`${row.label} — ${formatEuros(row.amoCents + row.amcCents + row.remainingCents)}`}</text>
              {segments.map((s) => {
                const width = (row[s.key] / max) * chartWidth;
                const rect = <rect key={s.key} x={x} y={y} width={width} height={barHeight} className={s.className} />;
                x += width;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
