import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import type { RootData } from "~/root";
import { translator, type Locale } from "./index";

export function useLocale(): Locale {
  return useRouteLoaderData<RootData>("root")?.locale ?? "vi";
}

export function useT() {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}
