// Errors travel as message keys (zod messages, server refusals); this tells a key from
// a sentence so a page translates the one and shows the other as it is.
import type { MessageKey } from "~/i18n";
import { vi as commonVi } from "~/i18n/common";
import { vi as harvestVi } from "./strings";

const known = new Set<string>([...Object.keys(harvestVi), ...Object.keys(commonVi)]);

export function isSellerMessageKey(s: string): s is MessageKey {
  return known.has(s);
}
