import { useRouteLoaderData } from "@remix-run/react";
import type { RootData } from "~/root";

export const CSRF_FIELD = "csrf";

/** Hidden CSRF token field; put it in every <Form method="post">. */
export function AuthenticityTokenInput() {
  const root = useRouteLoaderData<RootData>("root");
  return <input type="hidden" name={CSRF_FIELD} value={root?.csrf ?? ""} />;
}
