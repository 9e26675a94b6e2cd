import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCertificateAccess } from "~/certificates/access.server";
import { readDocument } from "~/certificates/documents.server";

// A certificate scan: for the stall's own managers and for the officers and
// admins who review it. Never public (it carries names and addresses).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cert } = await requireCertificateAccess(request, params.certId!);
  const doc = await readDocument(cert);
  if (!doc) throw new Response("Not found", { status: 404 });
  return new Response(doc.bytes, {
    headers: {
      "Content-Type": doc.type,
      "Cache-Control": "private, max-age=3600",
      "Content-Disposition": "inline",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
    },
  });
}
