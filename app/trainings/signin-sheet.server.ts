// The printed sign-in sheet of a group training (A4, pdfkit): the session's topic,
// time, place and officer, one ruled row per household with a box to sign, and a few
// blank rows for households that came without being ticked. Vietnamese text uses the
// TTF the label sheets use (app/trace/labels.server.ts, decision 0016).
import PDFDocument from "pdfkit";
import type { Locale, Translate } from "~/i18n";
import { labelFont } from "~/trace/labels.server";
import { formatDate } from "~/utils/format";
import type { Topic } from "./curriculum";
import type { SessionSheet } from "./sessions.server";

const BLANK_ROWS = 5;

export function signInSheetPdf(sheet: SessionSheet, t: Translate, locale: Locale): Promise<Buffer> {
  const font = labelFont();
  const doc = new PDFDocument({
    size: "A4",
    margin: 36,
    info: { Title: t("training.sheet.title"), Producer: "Xứ Trà" },
  });
  doc.registerFont("body", font.regular);
  doc.registerFont("bold", font.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = 36;
  const width = doc.page.width - 72;
  const topic = t(`training.topic.${sheet.topic as Topic}`);
  doc.font("bold").fontSize(15).text(t("training.sheet.title"), { align: "center" });
  doc.moveDown(0.4).font("body").fontSize(10.5);
  doc.text(t("training.sheet.topic", { topic }));
  doc.text(t("training.sheet.when", { at: formatDate(sheet.at, locale, "dateMediumTime") }));
  doc.text(t("training.sheet.place", { place: sheet.place, commune: sheet.commune }));
  doc.text(t("training.sheet.officer", { name: sheet.officer }));
  doc.text(t("training.sheet.count", { count: sheet.attendees.length }));
  doc.moveDown(0.6);

  // columns: no., household, hamlet, phone, signature
  const cols = [28, 170, 100, 85, width - 28 - 170 - 100 - 85];
  const rowH = 26;
  const header = [
    t("training.sheet.no"),
    t("training.sheet.household"),
    t("training.sheet.hamlet"),
    t("training.sheet.phone"),
    t("training.sheet.signature"),
  ];
  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y + rowH > doc.page.height - 90) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? "bold" : "body").fontSize(9.5);
    cells.forEach((cell, i) => {
      doc.rect(x, y, cols[i], rowH).stroke();
      doc.text(cell, x + 3, y + 8, { width: cols[i] - 6, height: rowH - 8, ellipsis: true });
      x += cols[i];
    });
    doc.x = left;
    doc.y = y + rowH;
  };
  drawRow(header, true);
  sheet.attendees.forEach((a, i) =>
    drawRow([String(i + 1), a.name, a.hamlet ?? "", a.phone ?? "", ""], false),
  );
  for (let i = 0; i < BLANK_ROWS; i++)
    drawRow([String(sheet.attendees.length + i + 1), "", "", "", ""], false);

  if (doc.y > doc.page.height - 110) doc.addPage();
  doc.moveDown(1.5).font("body").fontSize(10);
  doc.text(t("training.sheet.officerSign"), left + width / 2, doc.y, {
    width: width / 2,
    align: "center",
  });
  doc.end();
  return done;
}
