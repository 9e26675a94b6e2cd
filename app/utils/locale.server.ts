import { createCookie } from "@remix-run/node";
import { pickLocale, translator, type Locale } from "~/i18n";

export const localeCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  maxAge: 365 * 24 * 3600,
});

export async function getLocale(request: Request): Promise<Locale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  return pickLocale(typeof fromCookie === "string" ? fromCookie : undefined);
}

export async function getTranslator(request: Request) {
  return translator(await getLocale(request));
}
