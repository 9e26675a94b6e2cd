import { useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { RootData } from "~/root";

/**
 * After a password reset the person lands where login would send them
 * (/account, /console, ...) with ?reset=done: this says what happened, on
 * whichever page that is. Only for someone logged in.
 */
export function ResetNotice() {
  const t = useT();
  const [params] = useSearchParams();
  const root = useRouteLoaderData<RootData>("root");
  if (params.get("reset") !== "done" || !root?.user) return null;
  return (
    <p role="status" className="mb-4 rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
      {t("reset.done")}
    </p>
  );
}
