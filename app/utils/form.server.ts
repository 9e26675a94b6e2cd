import { parseWithZod, unstable_coerceFormValue as coerceFormValue } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { ZodTypeAny } from "zod";
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

const coerced = new WeakMap<ZodTypeAny, ZodTypeAny>();

/**
 * The form's fields turned into the schema's types (empty to undefined, numbers,
 * booleans), built once per schema. `parseWithZod` without `disableAutoCoercion`
 * rebuilds this wrapper on every call, about a millisecond of CPU per request of a
 * pre-order rush or flash sale (decision 0061).
 */
export function formSchema<S extends ZodTypeAny>(schema: S) {
  let c = coerced.get(schema) as ReturnType<typeof coerceFormValue<S>> | undefined;
  if (!c) coerced.set(schema, (c = coerceFormValue(schema)));
  return c;
}

/** `parseWithZod(formData, { schema })`, with the coercion of `formSchema`. */
export function parseForm<S extends ZodTypeAny>(formData: FormData, schema: S) {
  return parseWithZod(formData, { schema: formSchema(schema), disableAutoCoercion: true });
}
