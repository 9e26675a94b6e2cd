import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The small "← back to …" line at the top of a page. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="text-sm">
      <Link to={to} className="text-tea-800 underline">
        {children}
      </Link>
    </p>
  );
}
