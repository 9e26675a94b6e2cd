import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { barChartSvg, groupDigits, topBars } from "./charts";

describe("server-side SVG charts", () => {
  it("a bar chart has its title and text alternative, one labelled row per bar, the longest bar for the largest value", () => {
    const svg = barChartSvg({
      id: "trained",
      title: "Hộ đã tập huấn",
      description: "Theo xã",
      bars: [
        { label: "Tân Cương", value: 1200 },
        { label: "La Bằng", value: 300 },
      ],
    });
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="trained-title trained-desc"');
    expect(svg).toContain('<title id="trained-title">Hộ đã tập huấn</title>');
    expect(svg).toContain('aria-label="Tân Cương: 1.200"');
    const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeGreaterThan(widths[1]);
    expect(widths[1] / widths[0]).toBeCloseTo(0.25, 1);
  });

  it("escapes what it draws (names come from data)", () => {
    const svg = barChartSvg({
      id: "x",
      title: "<script>",
      description: "a & b",
      bars: [{ label: `"><img src=x>`, value: 1 }],
    });
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("a &amp; b");
  });

  it("property: bars never exceed the plot, zero draws nothing, every value is written", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ label: fc.string({ maxLength: 12 }), value: fc.nat(1_000_000) }), {
          maxLength: 30,
        }),
        (bars) => {
          const svg = barChartSvg({ id: "p", title: "t", description: "d", bars, width: 640 });
          const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
          expect(widths).toHaveLength(bars.length);
          widths.forEach((w, i) => {
            expect(w).toBeLessThanOrEqual(640);
            if (bars[i].value === 0) expect(w).toBe(0);
          });
          for (const b of bars) expect(svg).toContain(`>${groupDigits(b.value)}</text>`);
        },
      ),
    );
  });

  it("top bars: the largest first, at most n", () => {
    expect(
      topBars(
        [
          { label: "b", value: 1 },
          { label: "a", value: 5 },
          { label: "c", value: 5 },
        ],
        2,
      ).map((b) => b.label),
    ).toEqual(["a", "c"]);
  });
});
