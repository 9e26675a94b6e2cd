import type { ReactNode } from "react";

/**
 * The line at the top of a page after an action: "saved" (a status, read out politely)
 * or what went wrong (an alert).
 */
export function Notice({
  tone = "done",
  children,
}: {
  tone?: "done" | "error";
  children: ReactNode;
}) {
  return tone === "error" ? (
    <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
      {children}
    </p>
  ) : (
    <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
      {children}
    </p>
  );
}
