import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStallAccess } from "~/stalls/access.server";

// A stall opens on its products: that is what sellers come for.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallAccess(request, params.stallId!);
  throw redirect(`/console/stalls/${params.stallId}/products`);
}
