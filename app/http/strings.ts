// Answers server.ts gives before the app runs (body too large, odd path, foreign
// origin). Vietnamese first; the page shows the chosen language, then the other.
export const vi = {
  "http.tooLarge.title": "Nội dung gửi lên quá lớn",
  "http.tooLarge.body":
    "Biểu mẫu hoặc tệp gửi lên vượt quá {limit}. Không có gì được lưu. Hãy quay lại, bớt nội dung hoặc chọn tệp nhỏ hơn rồi gửi lại.",
  "http.badPath.title": "Địa chỉ không hợp lệ",
  "http.badPath.body":
    "Đường dẫn này có ký tự không được phép. Hãy mở trang từ thanh điều hướng của Xứ Trà.",
  "http.crossOrigin.title": "Yêu cầu từ trang khác bị từ chối",
  "http.crossOrigin.body":
    "Biểu mẫu này phải được gửi từ chính trang Xứ Trà. Hãy tải lại trang rồi thử lại.",
  "http.back": "Quay lại trang chủ",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "http.tooLarge.title": "What you sent is too large",
  "http.tooLarge.body":
    "The form or file is over {limit}. Nothing was saved. Go back, send less or pick a smaller file, and try again.",
  "http.badPath.title": "Invalid address",
  "http.badPath.body":
    "This path has characters that are not allowed. Open the page from Xứ Trà's navigation.",
  "http.crossOrigin.title": "Request from another site refused",
  "http.crossOrigin.body":
    "This form must be sent from Xứ Trà itself. Reload the page and try again.",
  "http.back": "Back to the home page",
};

export type HttpMessage = "tooLarge" | "badPath" | "crossOrigin";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page in the chosen language first (Vietnamese unless the lang cookie says en), then the other. */
export function httpErrorPage(
  message: HttpMessage,
  locale: "vi" | "en",
  params: Record<string, string> = {},
): string {
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? "");
  const order =
    locale === "en"
      ? ([
          ["en", en],
          ["vi", vi],
        ] as const)
      : ([
          ["vi", vi],
          ["en", en],
        ] as const);
  const sections = order
    .map(
      ([lang, d]) =>
        `<section lang="${lang}"><h1>${escape(fill(d[`http.${message}.title`]))}</h1><p>${escape(fill(d[`http.${message}.body`]))}</p><p><a href="/">${escape(d["http.back"])}</a></p></section>`,
    )
    .join("<hr>");
  return `<!doctype html><html lang="${order[0][0]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(order[0][1][`http.${message}.title`])} · Xứ Trà</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}h1{font-size:1.25rem}</style></head><body>${sections}</body></html>`;
}

/** Plain text, both languages, for clients that do not want HTML. */
export function httpErrorText(
  message: HttpMessage,
  locale: "vi" | "en",
  params: Record<string, string> = {},
): string {
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? "");
  const order = locale === "en" ? [en, vi] : [vi, en];
  return order
    .map((d) => `${fill(d[`http.${message}.title`])}. ${fill(d[`http.${message}.body`])}`)
    .join("\n");
}
