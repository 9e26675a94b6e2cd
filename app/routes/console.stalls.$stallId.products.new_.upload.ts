import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { submitNewProduct } from "~/catalog/new-product.server";
import { requireStallAccess } from "~/stalls/access.server";

// The new-product form sent by XMLHttpRequest (upload progress on slow connections):
// the same checks and writes as the page's action, answered as JSON.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallAccess(request, params.stallId!);
  throw new Response("Method not allowed", { status: 405 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  try {
    const outcome = await submitNewProduct(request, params.stallId!);
    return outcome.ok ? Response.json(outcome) : Response.json(outcome, { status: outcome.status });
  } catch (e) {
    // refused before the form could be read (too large, CSRF): a message, not a page
    if (e && typeof e === "object" && "type" in e && "data" in e) {
      const d = e as unknown as { data: { error?: string }; init: { status?: number } | null };
      if (d.data?.error)
        return Response.json(
          { ok: false as const, error: d.data.error },
          { status: d.init?.status ?? 400 },
        );
    }
    throw e;
  }
}
