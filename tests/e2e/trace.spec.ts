// The traceability journey: a cooperative makes a batch, prints labels, a buyer's
// phone scans the QR from the printed sheet and reads the batch's story; a copied
// unit label scanned from five phones is flagged for buyer and seller.
import { expect, test, type Browser, type Page } from "@playwright/test";
import jsQR from "jsqr";
import sharp from "sharp";
import { qrBox, sheetLayout, type LabelSize } from "../../app/trace/labels.server";
import { login } from "./helpers";

const STALL = "stall-coop-hao-dat";

async function decodeSheet(svg: Buffer, size: LabelSize, index: number) {
  const L = sheetLayout(size);
  const cell = L.cell(index);
  const q = qrBox(size);
  const image = sharp(svg, { density: 150 }).flatten({ background: "#ffffff" });
  const perMm = (await image.metadata()).width! / 210;
  const px = (mm: number) => Math.round(mm * perMm);
  const { data, info } = await image
    .extract({
      left: px(cell.x + q.x - 0.5),
      top: px(cell.y + q.y),
      width: px(q.s + 1),
      height: px(q.s + 0.5),
    })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return (
    jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)
      ?.data ?? null
  );
}

/** Nothing sticks out sideways on the 360 px phone. */
async function fitsPhone(page: Page) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
}

/**
 * The lowest WCAG contrast ratio of any text inside `selector` against the nearest
 * opaque background behind it (colours read through a canvas, so oklch works too).
 */
async function lowestContrast(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const rgba = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      return Array.from(ctx.getImageData(0, 0, 1, 1).data);
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgba(getComputedStyle(el).backgroundColor);
        if (c[3] === 255) return c;
      }
      return [255, 255, 255, 255];
    };
    let lowest = { ratio: 21, text: "" };
    for (const el of document.querySelectorAll(`${sel} *`)) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!own || !(el as HTMLElement).offsetParent) continue;
      const [a, b] = [lum(rgba(getComputedStyle(el).color)), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < lowest.ratio) lowest = { ratio, text: el.textContent!.trim().slice(0, 40) };
    }
    return lowest;
  }, selector);
}

async function phone(browser: Browser, userAgent: string, javaScriptEnabled = true) {
  return browser.newContext({
    userAgent,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    javaScriptEnabled,
  });
}

test("a cooperative's batch: create, print labels, scan the printed QR on a phone, read the story; copied serials get flagged", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const lot = `E2E${Date.now().toString(36).toUpperCase()}`;
  await login(page, "0912000003");
  await page.goto(`/console/stalls/${STALL}/batches`);
  await fitsPhone(page);
  await page.getByRole("link", { name: "Tạo lô mới" }).click();
  // the form takes its processing steps from the product's kind (?product=, decision 0068):
  // a tea product's steps (picking, withering, fixing, …)
  await expect(page).toHaveURL(/\/batches\/new$/);
  await page.goto(`${page.url()}?product=prod-001`);
  await fitsPhone(page);
  await page.getByLabel("Sản phẩm", { exact: true }).selectOption("prod-001");
  await page.getByLabel("Quy cách (GTIN nếu có)").selectOption("prod-001-v0");
  await page.getByLabel("Số lô (AI 10)").fill(lot);
  await page.getByLabel("Hộ sản xuất").selectOption("hh-001");
  await page.getByLabel("Lô đất").selectOption("hh-001-plot-1");
  await page.getByLabel("Ngày thu hái").fill("2026-11-20");
  await page.getByLabel("Sản lượng").fill("48");
  await page.locator("#step-0-at").fill("2026-11-20T06:00");
  await page.locator("#step-0-note").fill("Hái một tôm hai lá lúc sớm");
  await page.locator("#step-1-at").fill("2026-11-20T11:00");
  await page.locator("#step-2-at").fill("2026-11-20T15:00");
  await page.getByRole("button", { name: "Lưu lô" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lưu lô sản xuất.");
  const batchUrl = page.url().split("?")[0];
  await fitsPhone(page);
  const uri = (await page.getByTestId("batch-uri").textContent())!;
  expect(uri).toMatch(new RegExp(`/01/\\d{14}/10/${lot}$`));

  // print: the label form opens the sheet in a new tab
  await page.getByLabel("Định dạng").selectOption("svg");
  await page.getByLabel("Số nhãn").fill("6");
  const [sheet] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByRole("button", { name: "Tạo tờ nhãn" }).click(),
  ]);
  await sheet.waitForLoadState();
  const svg = await (await page.request.get(sheet.url())).body();
  await sheet.close();
  const decoded = await decodeSheet(svg, "30x30", 5);
  expect(decoded).toBe(uri);
  // the PDF version of the same sheet prints too
  const pdf = await page.request.get(sheet.url().replace("format=svg", "format=pdf"));
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  // a buyer's phone, before any JavaScript, opens the decoded URL
  const buyer = await phone(
    browser,
    "Mozilla/5.0 (Linux; Android 12; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36",
    false,
  );
  const scanPage = await buyer.newPage();
  await scanPage.goto(decoded!);
  await expect(scanPage).toHaveURL(/\/t\/[A-Z0-9]{8}$/);
  await expect(scanPage.getByText(`Lô ${lot}`)).toBeVisible();
  await expect(scanPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(scanPage.getByRole("heading", { name: "Quá trình chế biến" })).toBeVisible();
  await expect(scanPage.getByText("Hái một tôm hai lá lúc sớm")).toBeVisible();
  await expect(scanPage.getByText("Diệt men (sao chè)")).toBeVisible();
  await expect(
    scanPage.getByText("Đồi chè sau nhà").or(scanPage.getByText("Nương trên đồi")),
  ).toBeVisible();
  await expect(scanPage.getByRole("heading", { name: "Chứng nhận" })).toBeVisible();
  // certificates with issuer, number and validity; the seeded expired OCOP decision of prod-001 says so
  await expect(scanPage.locator("#certificates")).toContainText("Cơ quan cấp");
  await expect(scanPage.locator("#certificates")).toContainText("Hiệu lực");
  await expect(scanPage.locator("#certificates")).toContainText("Đã hết hạn");
  await expect(scanPage.locator("#certificates")).toContainText("Thẩm định bởi");
  await expect(scanPage.getByText(/Quầy hàng được cán bộ .+ xác minh ngày/)).toBeVisible();
  await expect(scanPage.getByText("Ngày thu hái")).toBeVisible();
  await expect(scanPage.getByText("20/11/2026")).toBeVisible();
  await expect(scanPage.getByTestId("scan-count")).toContainText("lần quét đầu tiên");
  await expect(scanPage.getByRole("link", { name: "Mua lại sản phẩm này" })).toHaveAttribute(
    "href",
    /\/products\//,
  );
  await fitsPhone(scanPage);
  // readable in sunlight: every text on the page at least WCAG AAA contrast (7:1)
  const contrast = await lowestContrast(scanPage, "article");
  expect(contrast.ratio, `lowest contrast: "${contrast.text}"`).toBeGreaterThanOrEqual(7);
  // printed, the page keeps the story and drops the site chrome and the buy button
  await scanPage.emulateMedia({ media: "print" });
  await expect(scanPage.getByRole("banner")).toBeHidden();
  await expect(scanPage.getByRole("link", { name: "Mua lại sản phẩm này" })).toBeHidden();
  await expect(scanPage.getByRole("heading", { name: "Quá trình chế biến" })).toBeVisible();
  await expect(scanPage.getByText(`Lô ${lot}`)).toBeVisible();
  await buyer.close();

  // printed labels fix the lot: the batch page says so and keeps the field read-only
  await page.goto(batchUrl);
  await expect(page.getByTestId("batch-locked")).toBeVisible();
  await expect(page.getByLabel("Số lô (AI 10)")).toHaveAttribute("readonly", "");

  // unit serials: issue two, print unit labels, decode the first
  await page.goto(batchUrl);
  await page.getByLabel("Số mã cần cấp").fill("2");
  await page.getByRole("button", { name: "Cấp mã đơn vị" }).click();
  await expect(page.getByTestId("serial-count")).toContainText("Đã cấp 2 mã đơn vị.");
  const serialSheet = await page.request.get(
    `${batchUrl}/labels?format=svg&size=50x30&kind=serial`,
  );
  const serialUri = await decodeSheet(await serialSheet.body(), "50x30", 0);
  expect(serialUri).toMatch(new RegExp(`/10/${lot}/21/U00001-[A-Z0-9]{6}$`));

  // the same printed code scanned from five different phones
  let last = null;
  for (let i = 0; i < 5; i++) {
    const ctx = await phone(
      browser,
      `Mozilla/5.0 (Linux; Android 1${i}; Phone-${i}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/12${i}.0 Mobile Safari/537.36`,
    );
    const p = await ctx.newPage();
    await p.goto(serialUri!);
    await expect(p.getByText(/Mã đơn vị U00001-/)).toBeVisible();
    if (i < 4) await expect(p.getByRole("status")).toHaveCount(0);
    else last = { ctx, p };
    if (i < 4) await ctx.close();
  }
  await expect(last!.p.getByRole("status")).toContainText("Mã này đã được quét 5 lần kể từ");
  await last!.ctx.close();

  // the seller sees it among flagged codes
  await page.goto(`/console/stalls/${STALL}/batches`);
  await page.getByRole("link", { name: /Mã bị gắn cờ/ }).click();
  await expect(page.getByTestId("flagged-code").filter({ hasText: lot })).toContainText("U00001");
  await fitsPhone(page);

  // the seller voids the copied code; the next buyer who scans it is told plainly
  await page
    .getByTestId("flagged-code")
    .filter({ hasText: lot })
    .getByRole("button", { name: "Vô hiệu mã" })
    .click();
  await expect(page.getByRole("status")).toContainText("Đã vô hiệu mã U00001");
  const later = await phone(
    browser,
    "Mozilla/5.0 (Linux; Android 14; Later) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
    false,
  );
  const laterPage = await later.newPage();
  const gone = await laterPage.goto(serialUri!);
  expect(gone!.status()).toBe(410);
  await expect(laterPage.getByRole("heading", { name: "Mã này đã bị vô hiệu" })).toBeVisible();
  await expect(laterPage.getByText(/nhãn có thể đã bị sao chép/)).toContainText("Hảo Đạt");
  await later.close();
});

test("without JavaScript a cooperative creates a batch: errors are translated and nothing typed is lost", async ({
  browser,
}) => {
  const ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    locale: "vi-VN",
    javaScriptEnabled: false,
  });
  const page = await ctx.newPage();
  await login(page, "0912000003");
  await page.goto(`/console/stalls/${STALL}/batches/new`);
  const lot = `NJ${Date.now().toString(36).toUpperCase()}`;
  await page.getByLabel("Sản phẩm", { exact: true }).selectOption("prod-001");
  await page.getByLabel("Số lô (AI 10)").fill("lô có dấu");
  await page.getByLabel("Hộ sản xuất").selectOption("hh-001");
  await page.getByLabel("Sản lượng").fill("12,5");
  await page.locator("#step-0-at").fill("2026-11-21T06:30");
  await page.locator("#step-0-note").fill("Hái sáng sớm");
  await page.getByRole("button", { name: "Lưu lô" }).click();
  // the server answers in Vietnamese and keeps every value
  await expect(
    page.getByText("Số lô chỉ gồm chữ không dấu, số và - . _ /, tối đa 20 ký tự."),
  ).toBeVisible();
  await expect(page.getByLabel("Số lô (AI 10)")).toHaveValue("lô có dấu");
  await expect(page.getByLabel("Sản phẩm", { exact: true })).toHaveValue("prod-001");
  await expect(page.locator("#step-0-note")).toHaveValue("Hái sáng sớm");
  await fitsPhone(page);
  await page.getByLabel("Số lô (AI 10)").fill(lot);
  await page.getByRole("button", { name: "Lưu lô" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lưu lô sản xuất.");
  await expect(page.getByRole("heading", { level: 2 })).toContainText(`Lô ${lot}`);
  await expect(page.getByTestId("batch-uri")).toContainText("/t/"); // no pack size chosen: the short form
  await expect(page.getByLabel("Sản lượng")).toHaveValue("12.5"); // "12,5" read with the decimal comma
  await ctx.close();
});

test("unknown codes get a helpful translated page with search", async ({ page }) => {
  const res = await page.goto("/t/ZZZZ9999");
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Không tìm thấy mã truy xuất" })).toBeVisible();
  await page.getByRole("searchbox").last().fill("chè");
  await page.getByRole("button", { name: "Tìm sản phẩm" }).click();
  await expect(page).toHaveURL(/\/search\?q=ch%C3%A8/);
});
