// Time to render a tiers payant card PDF (2D code included), the way a download does.
import { buildCard } from "../../app/modules/documents/card.ts";
import { renderCardPdf } from "../../app/modules/documents/card-pdf.server.ts";
import { loadBrand } from "../../app/modules/config/brand.server.ts";
import { ms, percentile } from "./machine.ts";

export async function benchCards(runs = 200): Promise<string[]> {
  const brand = loadBrand();
  const card = buildCard({
    year: 2026,
    today: "2026-11-26",
    memberNumber: "10000001",
    contract: { coverageStart: "2025-01-01", coverageEnd: null },
    people: ["Benoit", "Sarah", "Hélia", "Louise", "Léa"].map((firstName) => ({
      firstName,
      lastName: "Brouez",
      birthDate: "2010-01-01",
      coverageStart: "2025-01-01",
      coverageEnd: null,
    })),
    amc: brand.amc,
  })!;
  const first = performance.now();
  let size = (await renderCardPdf(card, brand.name)).length;
  const firstMs = performance.now() - first;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    size = (await renderCardPdf(card, brand.name)).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return [
    `| card PDF, 5 beneficiaries, DataMatrix | first render | p50 | p95 | size |`,
    "|---|---|---|---|---|",
    `| ${runs} renders in one process | ${ms(firstMs)} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${(size / 1024).toFixed(1)} KiB |`,
    "",
    "The target is under 100 ms per card. Fonts are embedded: DejaVu Sans, TrueType.",
  ];
}
