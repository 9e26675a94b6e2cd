// Printable label sheets for a batch: A4, stickers of 30x30 mm or 50x30 mm, each
// with a QR code (error correction Q, 4-module quiet zone), product, lot, producer
// and, for unit labels, the serial. SVG (vector, any printer) and PDF (pdfkit).
import fs from "node:fs";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

export const LABEL_SIZES = { "30x30": { w: 30, h: 30 }, "50x30": { w: 50, h: 30 } } as const;
export type LabelSize = keyof typeof LABEL_SIZES;
export const QR_ERROR_CORRECTION = "Q" as const; // survives ~25% damage: scuffed or creased packs
export const QR_QUIET_ZONE = 4; // modules, as ISO/IEC 18004 requires

export type LabelItem = {
  uri: string;
  product: string;
  lot: string;
  producer: string | null;
  serial?: string | null;
  /** NSX and HSD as printed ("04/12/26") */
  producedAt?: string | null;
  bestBefore?: string | null;
};

const A4 = { w: 210, h: 297 };
const MARGIN = 8; // mm, inside most printers' unprintable edge
const GUTTER = 2; // mm between stickers

/** Sheet geometry: how many stickers fit in columns/rows, and where sticker i sits. */
export function sheetLayout(size: LabelSize) {
  const { w, h } = LABEL_SIZES[size];
  const cols = Math.floor((A4.w - 2 * MARGIN + GUTTER) / (w + GUTTER));
  const rows = Math.floor((A4.h - 2 * MARGIN + GUTTER) / (h + GUTTER));
  const perPage = cols * rows;
  const cell = (i: number) => {
    const onPage = i % perPage;
    return {
      page: Math.floor(i / perPage),
      x: MARGIN + (onPage % cols) * (w + GUTTER),
      y: MARGIN + Math.floor(onPage / cols) * (h + GUTTER),
    };
  };
  return { cols, rows, perPage, w, h, cell };
}

/** Where the QR sits inside a sticker (mm, relative to the sticker), quiet zone included. */
export function qrBox(size: LabelSize) {
  return size === "30x30" ? { x: 5, y: 0.5, s: 20 } : { x: 0.5, y: 3, s: 24 };
}

/** The QR module matrix for a URI (the one function every output draws from). */
export function qrMatrix(uri: string) {
  const qr = QRCode.create(uri, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const n = qr.modules.size;
  return { n, dark: (x: number, y: number) => qr.modules.get(y, x) === 1 };
}

export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, {
    type: "svg",
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    margin: QR_QUIET_ZONE,
  });
}

export function qrPng(uri: string, scale = 8): Promise<Buffer> {
  return QRCode.toBuffer(uri, {
    type: "png",
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    margin: QR_QUIET_ZONE,
    scale,
  });
}

/** SVG path of the dark modules, in module units with the quiet zone offset. */
function qrPath(uri: string) {
  const { n, dark } = qrMatrix(uri);
  let d = "";
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!dark(x, y)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && dark(x + run, y)) run++;
      d += `M${x + QR_QUIET_ZONE} ${y + QR_QUIET_ZONE}h${run}v1h${-run}z`;
      x += run;
    }
  }
  return { d, units: n + 2 * QR_QUIET_ZONE };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Cuts text to `max` characters with an ellipsis (labels are tiny). */
export function fit(text: string, max: number) {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + "…";
}

/** Greedy word wrap to `max` characters per line, at most `maxLines` lines (last one cut). */
export function wrap(text: string, max: number, maxLines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += " " + word;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  const kept = out.slice(0, maxLines);
  if (out.length > maxLines)
    kept[maxLines - 1] = fit(`${kept[maxLines - 1]} ${out[maxLines]}`, max);
  return kept.map((l) => fit(l, max));
}

// Text column per sticker size: font size (mm), x/y of the first baseline, characters per
// line, and how many lines fit under (30x30) or beside (50x30) the QR. The 30x30 sticker
// takes a smaller type so the product name has two lines and NSX/HSD still fit.
const TEXT = {
  "30x30": {
    fs: 1.5,
    x: 1.5,
    y: 22.2,
    bold: 25,
    chars: 28,
    productLines: 2,
    producerLines: 1,
    maxLines: 5,
  },
  "50x30": {
    fs: 2.2,
    x: 25.5,
    y: 5.5,
    bold: 16,
    chars: 18,
    productLines: 2,
    producerLines: 2,
    maxLines: 10,
  },
} as const;

/** "NSX 04/12/26 · HSD 04/12/27": the dates a buyer looks for first. */
function datesLine(item: LabelItem, words: LabelWords): string | null {
  const parts = [
    item.producedAt ? `${words.produced ?? "NSX"} ${item.producedAt}` : null,
    item.bestBefore ? `${words.best ?? "HSD"} ${item.bestBefore}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

function lines(item: LabelItem, size: LabelSize, words: LabelWords) {
  const spec = TEXT[size];
  const product = wrap(item.product, spec.bold, spec.productLines).map((text) => ({
    text,
    bold: true,
  }));
  const rest = [`${words.lot} ${item.lot}`];
  if (item.serial) rest.push(`${words.serial} ${item.serial}`);
  const dates = datesLine(item, words);
  if (dates) rest.push(dates);
  if (item.producer)
    rest.push(...wrap(`${words.producer}: ${item.producer}`, spec.chars, spec.producerLines));
  // what does not fit the sticker is the producer's line (the QR page names them)
  return [...product, ...rest.map((text) => ({ text: fit(text, spec.chars), bold: false }))].slice(
    0,
    spec.maxLines,
  );
}

export type LabelWords = {
  lot: string;
  producer: string;
  serial: string;
  produced?: string;
  best?: string;
};

/** One SVG document with every page stacked (A4 each), units in mm. */
export function labelSheetSvg(items: LabelItem[], size: LabelSize, words: LabelWords): string {
  const L = sheetLayout(size);
  const pages = Math.max(1, Math.ceil(items.length / L.perPage));
  const q = qrBox(size);
  const parts: string[] = [];
  items.forEach((item, i) => {
    const { page, x, y } = L.cell(i);
    const top = page * A4.h + y;
    const { d, units } = qrPath(item.uri);
    parts.push(`<g transform="translate(${x} ${top})">`);
    parts.push(
      `<rect width="${L.w}" height="${L.h}" rx="1.5" fill="#fff" stroke="#bbb" stroke-width="0.2" stroke-dasharray="1 1"/>`,
    );
    parts.push(
      `<svg x="${q.x}" y="${q.y}" width="${q.s}" height="${q.s}" viewBox="0 0 ${units} ${units}" shape-rendering="crispEdges"><rect width="${units}" height="${units}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`,
    );
    const spec = TEXT[size];
    lines(item, size, words).forEach((line, li) => {
      parts.push(
        `<text x="${spec.x}" y="${(spec.y + li * spec.fs * 1.2).toFixed(2)}" font-size="${spec.fs}" font-family="DejaVu Sans, Noto Sans, Arial, sans-serif"${line.bold ? ' font-weight="bold"' : ""} fill="#000">${esc(line.text)}</text>`,
      );
    });
    parts.push("</g>");
  });
  const height = pages * A4.h;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${A4.w}mm" height="${height}mm" viewBox="0 0 ${A4.w} ${height}">${parts.join("")}</svg>`;
}

// ---------- PDF ----------

const FONT_CANDIDATES = [
  process.env.LABEL_FONT,
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
].filter((f): f is string => !!f);

/** A TTF with Vietnamese glyphs (pdfkit's built-in fonts lack ơ, ư, đ ...), and its bold face if there is one. */
export function labelFont(): { regular: string; bold: string } {
  const found = FONT_CANDIDATES.find((f) => fs.existsSync(f));
  if (!found)
    throw new Error(
      "No TTF font with Vietnamese glyphs for PDF labels. Install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core) or set LABEL_FONT to a .ttf file.",
    );
  const bold = found.replace(/(-Regular)?\.ttf$/, "-Bold.ttf");
  return { regular: found, bold: fs.existsSync(bold) ? bold : found };
}

const MM = 72 / 25.4; // PDF points per mm

export function labelSheetPdf(
  items: LabelItem[],
  size: LabelSize,
  words: LabelWords,
  meta: { title: string },
): Promise<Buffer> {
  const font = labelFont();
  const L = sheetLayout(size);
  const q = qrBox(size);
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    autoFirstPage: false,
    info: { Title: meta.title, Producer: "Xứ Trà" },
  });
  doc.registerFont("label", font.regular);
  doc.registerFont("label-bold", font.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  let page = -1;
  items.forEach((item, i) => {
    const cell = L.cell(i);
    if (cell.page !== page) {
      doc.addPage({ size: "A4", margin: 0 });
      page = cell.page;
    }
    doc
      .save()
      .lineWidth(0.3)
      .dash(2, { space: 2 })
      .strokeColor("#bbbbbb")
      .roundedRect(cell.x * MM, cell.y * MM, L.w * MM, L.h * MM, 1.5 * MM)
      .stroke()
      .undash()
      .restore();
    const { n, dark } = qrMatrix(item.uri);
    const units = n + 2 * QR_QUIET_ZONE;
    const m = (q.s * MM) / units;
    const ox = (cell.x + q.x) * MM + QR_QUIET_ZONE * m;
    const oy = (cell.y + q.y) * MM + QR_QUIET_ZONE * m;
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) if (dark(x, y)) doc.rect(ox + x * m, oy + y * m, m, m);
    doc.fillColor("#000000").fill();
    const spec = TEXT[size];
    const fsz = spec.fs * MM;
    const width = (L.w - spec.x - 1) * MM;
    lines(item, size, words).forEach((line, li) => {
      // pdfkit places text by its top; SVG by the baseline (about 0.8 em lower)
      const top = (cell.y + spec.y + li * spec.fs * 1.2 - spec.fs * 0.8) * MM;
      doc
        .font(line.bold ? "label-bold" : "label")
        .fontSize(fsz)
        .text(line.text, (cell.x + spec.x) * MM, top, { width, lineBreak: false, ellipsis: true });
    });
  });
  if (page < 0) doc.addPage({ size: "A4", margin: 0 });
  doc.end();
  return done;
}
