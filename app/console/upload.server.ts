import { data, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { env } from "~/utils/env.server";
import { readForm, verifyForm } from "~/utils/form.server";

// Multipart forms (photos, certificate scans, CSV). The size limit is enforced
// while the body streams in: a file part that passes the limit is drained and
// replaced by a marker, so memory never holds more than the limit and the other
// fields survive for the form to show again.
export const TOO_LARGE = "\u0000upload:too-large";
const MAX_TEXT_FIELD = 64 * 1024;

export type UploadOptions = { maxFileBytes?: number; maxFiles?: number; maxTextBytes?: number };

export async function readUploadForm(
  request: Request,
  opts: UploadOptions = {},
): Promise<FormData> {
  const maxFileBytes = opts.maxFileBytes ?? env.UPLOAD_MAX_BYTES;
  const maxFiles = opts.maxFiles ?? 1;
  const maxText = opts.maxTextBytes ?? MAX_TEXT_FIELD;
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return readForm(request);
  // A body far beyond what the files may be is refused before reading it.
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxFileBytes * maxFiles + Math.max(maxText, 1024 * 1024))
    throw data({ error: "photo.tooLarge" }, { status: 413 });

  let files = 0;
  const handler: UploadHandler = async ({ filename, contentType, data: body }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of body) {
        size += chunk.length;
        if (size > maxText) throw data({ error: "form.tooLong" }, { status: 413 });
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString("utf8");
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = ++files > maxFiles;
    for await (const chunk of body) {
      if (over) continue;
      size += chunk.length;
      if (size > maxFileBytes) {
        over = true;
        chunks.length = 0;
        continue;
      }
      chunks.push(chunk);
    }
    if (over) return TOO_LARGE;
    if (size === 0 && !filename) return undefined; // an empty file input
    return new File([Buffer.concat(chunks)], filename || "upload", { type: contentType });
  };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, handler);
  } catch (e) {
    if (e instanceof Response || (e && typeof e === "object" && "type" in e)) throw e;
    throw data({ error: "upload.broken" }, { status: 400 });
  }
  return verifyForm(formData, request);
}

/** The uploaded file under `name`: a File, "too large", or nothing. */
export async function uploadedFile(
  formData: FormData,
  name: string,
): Promise<{ buffer: Buffer; name: string; type: string } | "tooLarge" | null> {
  const v = formData.get(name);
  if (v === TOO_LARGE) return "tooLarge";
  if (!v || typeof v === "string" || v.size === 0) return null;
  return { buffer: Buffer.from(await v.arrayBuffer()), name: v.name, type: v.type };
}

/** Form values without files, for conform (which would choke on Files it does not know). */
export function textFields(formData: FormData): FormData {
  const out = new FormData();
  for (const [k, v] of formData.entries())
    if (typeof v === "string" && v !== TOO_LARGE) out.append(k, v);
  return out;
}
