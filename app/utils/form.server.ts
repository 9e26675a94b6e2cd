import { data } from "@remix-run/node";
import { checkCsrf, CsrfError } from "./csrf.server";

/**
 * Reads a submitted form and checks its CSRF token. Every action calls this
 * (or checkCsrf after its own multipart parsing) before touching anything.
 */
export async function readForm(request: Request): Promise<FormData> {
  return verifyForm(await request.formData(), request);
}

/** Checks an already parsed form's CSRF token: a forged post gets a 403 with a translated key. */
export async function verifyForm(formData: FormData, request: Request): Promise<FormData> {
  try {
    await checkCsrf(formData, request);
  } catch (e) {
    if (e instanceof CsrfError) throw data({ error: "form.csrf" }, { status: 403 });
    throw e;
  }
  return formData;
}
