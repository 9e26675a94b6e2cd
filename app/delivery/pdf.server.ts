// The run sheet on paper (A4, pdfkit) for a driver without a phone: the same stops, a
// box per report to tick or write in, and a line for the buyer's or household's
// signature. Vietnamese text uses the TTF the label sheets use (app/trace/labels.server.ts).
import PDFDocument from "pdfkit";
import { formatDay } from "~/harvest/format";
import type { Locale, Translate } from "~/i18n";
import { labelFont } from "~/trace/labels.server";
import type { RunSheet } from "./runs.server";

export function runSheetPdf(
  sheet: RunSheet,
  t: Translate,
  locale: Locale,
  printedAt: string,
): Promise<Buffer> {
  const font = labelFont();
  const doc = new PDFDocument({
    size: "A4",
    margin: 36,
    info: { Title: `${t("delivery.sheet.title")} ${sheet.vehicle.name}`, Producer: "Xứ Trà" },
  });
  doc.registerFont("body", font.regular);
  doc.registerFont("bold", font.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 72;
  doc
    .font("bold")
    .fontSize(16)
    .text(
      `${t("delivery.sheet.title")}: ${t("delivery.sheet.heading", { vehicle: sheet.vehicle.name, day: formatDay(sheet.day, locale) })}`,
    );
  doc.font("body").fontSize(10).text(sheet.campaign.title);
  doc.text(
    t("delivery.sheet.summary", {
      stops: sheet.stops.length,
      km: sheet.km,
      load: sheet.loadUnits,
      from: sheet.from ?? "",
      to: sheet.to ?? "",
    }),
  );
  if (sheet.vehicle.driverName)
    doc.text(
      t("delivery.sheet.driver", {
        name: sheet.vehicle.driverName,
        phone: sheet.vehicle.driverPhone,
      }),
    );
  doc
    .fillColor("#555555")
    .text(t("delivery.sheet.printed", { at: printedAt }))
    .fillColor("#000000");
  if (sheet.superseded)
    doc.moveDown(0.3).font("bold").text(t("delivery.sheet.superseded")).font("body");
  doc.moveDown(0.6);
  for (const s of sheet.stops) {
    if (doc.y > doc.page.height - 150) doc.addPage();
    const top = doc.y;
    doc
      .font("bold")
      .fontSize(12)
      .text(
        `${s.position + 1}. ${t(`delivery.stop.kind.${s.kind}`)} · ${t(`delivery.stop.status.${s.status}`)}`,
        {
          width,
        },
      );
    doc.font("body").fontSize(10);
    doc.text(
      s.kind === "PICKUP"
        ? t("delivery.stop.pickup", { units: s.units, name: s.name })
        : s.kind === "DELIVERY"
          ? t("delivery.stop.delivery", { units: s.units, name: s.name })
          : t("delivery.stop.drop", { units: s.units }),
      { width },
    );
    if (s.line) doc.text(s.line, { width });
    const when = [
      s.window ? t("delivery.stop.window", s.window) : null,
      s.planned ? t("delivery.stop.planned", { at: s.planned }) : null,
      s.latest ? t("delivery.stop.latest", { at: s.latest }) : null,
    ].filter(Boolean);
    if (when.length) doc.text(when.join(" · "), { width });
    const reach = [
      s.phone ? `☎ ${s.phone}` : null,
      s.nav ? s.nav.geo.replace("geo:", "GPS ") : t("delivery.stop.noPlace"),
    ].filter(Boolean);
    doc.text(reach.join(" · "), { width });
    // boxes to tick and write in: arrived, the weighing, done or failed with its reason
    doc.moveDown(0.3);
    const y = doc.y;
    const boxes =
      s.kind === "PICKUP"
        ? [
            t("delivery.report.arrived"),
            `${t("delivery.report.weighed")}: ____`,
            t("delivery.report.failed"),
          ]
        : [
            t("delivery.report.arrived"),
            t("delivery.report.delivered"),
            t("delivery.report.failed"),
          ];
    let x = 36;
    for (const label of boxes) {
      doc.rect(x, y, 9, 9).stroke();
      doc.text(label, x + 13, y, { lineBreak: false });
      x += 13 + doc.widthOfString(label) + 18;
    }
    doc.text(`${t("delivery.sheet.signature")}: ________________`, 36, y + 16, { width });
    doc
      .moveTo(36, doc.y + 6)
      .lineTo(36 + width, doc.y + 6)
      .strokeColor("#bbbbbb")
      .stroke()
      .strokeColor("#000000");
    doc.moveDown(0.8);
    if (doc.y < top) doc.y = top;
  }
  if (!sheet.stops.length) doc.text(t("delivery.sheet.empty"));
  doc.end();
  return done;
}
