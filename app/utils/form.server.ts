import { data } from "@remix-run/node";
import { checkCsrf, CsrfError } from "./csrf.server";

/**
 * Reads a submitted form and checks its CSRF token. Every action calls this
 * (or checkCsrf after its own multipart parsing) before touching anything.
 */
export async function readForm(request: Request): Promise<FormData> {
  const formData = await request.formData();
  try {
    await checkCsrf(formData, request);
  } catch (e) {
    if (e instanceof CsrfError) throw data({ error: "form.csrf" }, { status: 403 });
    throw e;
  }
  return formData;
}
