import type { LoaderFunctionArgs } from "@remix-run/node";
import { servePhoto } from "~/files/serve.server";

// A stored photo rendition, streamed from the file store (local disk or S3).
export function loader({ request, params }: LoaderFunctionArgs) {
  return servePhoto(request, params.hash!, params.file!);
}
