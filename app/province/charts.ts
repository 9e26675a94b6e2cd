// Charts drawn on the server as SVG (issue 12): readable without JavaScript, printable,
// with a title and a text alternative; the page puts the numbers in a table beside each.
// Pure: strings in, a string of SVG out, every text escaped.

export type Bar = { label: string; value: number };

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** 1234567 -> "1.234.567" (the Vietnamese grouping), for labels inside the chart. */
export const groupDigits = (n: number) =>
  String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/**
 * A horizontal bar chart: one row per bar, the label left, the bar, the value at its
 * end. `id` names the title and description for aria-labelledby.
 */
export function barChartSvg(opts: {
  id: string;
  title: string;
  description: string;
  bars: Bar[];
  width?: number;
  format?: (n: number) => string;
}): string {
  const width = opts.width ?? 640;
  const format = opts.format ?? groupDigits;
  const rowH = 22;
  const labelW = Math.round(width * 0.36);
  const valueW = 90;
  const top = 8;
  const plotW = width - labelW - valueW - 8;
  const max = Math.max(1, ...opts.bars.map((b) => b.value));
  const height = top * 2 + Math.max(1, opts.bars.length) * rowH;
  const rows = opts.bars
    .map((b, i) => {
      const y = top + i * rowH;
      const w = b.value > 0 ? Math.max(1, Math.round((b.value / max) * plotW)) : 0;
      return (
        `<g role="listitem" aria-label="${esc(`${b.label}: ${format(b.value)}`)}">` +
        `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" font-size="12">${esc(b.label)}</text>` +
        `<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="#3f7d4e"/>` +
        `<text x="${labelW + w + 4}" y="${y + 15}" font-size="12">${esc(format(b.value))}</text>` +
        `</g>`
      );
    })
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" ` +
    `aria-labelledby="${opts.id}-title ${opts.id}-desc" font-family="DejaVu Sans, Noto Sans, Arial, sans-serif">` +
    `<title id="${opts.id}-title">${esc(opts.title)}</title>` +
    `<desc id="${opts.id}-desc">${esc(opts.description)}</desc>` +
    `<g role="list">${rows}</g></svg>`
  );
}

/** The largest `n` bars, biggest first (ties by label), for a chart that fits a phone. */
export function topBars(bars: Bar[], n: number): Bar[] {
  return [...bars]
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, "vi"))
    .slice(0, n);
}
