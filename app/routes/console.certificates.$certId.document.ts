import fs from "node:fs/promises";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentFile } from "~/console/certificates.server";
import { canManageStall } from "~/domain/roles";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

// A certificate scan: for the stall's own managers and for the officers and
// admins who review it. Never public (it carries names and addresses).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["HOUSEHOLD", "COOP_MANAGER", "OFFICER", "ADMIN"]);
  const cert = await prisma.certification.findUnique({
    where: { id: params.certId! },
    include: { stall: true },
  });
  if (!cert) throw new Response("Not found", { status: 404 });
  if (user.role !== "OFFICER" && !canManageStall(user, cert.stall))
    throw new Response("Forbidden", { status: 403 });
  const file = cert.documentPath ? documentFile(cert.documentPath) : null;
  if (!file) throw new Response("Not found", { status: 404 });
  const bytes = await fs.readFile(file.path).catch(() => null);
  if (!bytes) throw new Response("Not found", { status: 404 });
  return new Response(bytes, {
    headers: {
      "Content-Type": file.type,
      "Cache-Control": "private, max-age=3600",
      "Content-Disposition": "inline",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
    },
  });
}
