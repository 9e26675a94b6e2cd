import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { localeCookie } from "~/utils/locale.server";
import { safeRedirect } from "~/utils/redirect";

// A plain link switches language, so it works before JavaScript loads.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const to = url.searchParams.get("to");
  const next = safeRedirect(url.searchParams.get("next"));
  if (!isLocale(to)) return redirect(next);
  return redirect(next, { headers: { "Set-Cookie": await localeCookie.serialize(to) } });
}
