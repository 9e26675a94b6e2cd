// GS1 Digital Link URIs (GS1 Digital Link Standard: URI Syntax 1.x) for batches and
// unit serials, plus our short form /t/{code}[/{serial}] for goods without a GTIN.
// Pure: no framework imports, so the resolver, the label printer and EPCIS share it.
import { toGtin14 } from "./gs1";

/** Key qualifiers of AI 01 (GTIN), in the order the standard requires: 22, 10, 21. */
export const GTIN_QUALIFIERS = ["22", "10", "21"] as const;
export type GtinQualifier = (typeof GTIN_QUALIFIERS)[number];

export type DigitalLinkKey = {
  gtin: string; // GTIN-14
  cpv?: string; // AI 22 consumer product variant
  lot?: string; // AI 10 batch/lot
  serial?: string; // AI 21 serial
};

/** Max lengths from the GS1 General Specifications (AI 22, 10, 21: X..20). */
const MAX_LENGTH: Record<GtinQualifier, number> = { "22": 20, "10": 20, "21": 20 };

// GS1 AI encodable character set 82 (General Specifications, figure 7.11-1).
const CSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;

/** True when `value` is a non-empty value of the AI 82 set within `max` characters. */
export function isCset82(value: string, max = 20): boolean {
  return value.length > 0 && value.length <= max && CSET_82.test(value);
}

/**
 * Percent-encodes an AI value for a URI path segment. Only RFC 3986 unreserved
 * characters stay literal; everything else in set 82 (! " % & ' ( ) * + , / : ; < = > ?)
 * is encoded with upper-case hex, as the GS1 DL URI syntax asks.
 */
export function encodeAiValue(value: string): string {
  let out = "";
  for (const ch of value) {
    out += /[A-Za-z0-9\-._~]/.test(ch)
      ? ch
      : "%" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Decodes a path segment; null when the percent-encoding is broken. */
export function decodeAiValue(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Strips a trailing slash from an origin such as PUBLIC_URL. */
function origin(base: string) {
  return base.replace(/\/+$/, "");
}

/** The canonical path /01/{gtin14}[/22/..][/10/..][/21/..]; throws on invalid input. */
export function digitalLinkPath(key: DigitalLinkKey): string {
  const gtin = toGtin14(key.gtin);
  if (!gtin) throw new Error(`invalid GTIN: ${key.gtin}`);
  let path = `/01/${gtin}`;
  const values: Record<GtinQualifier, string | undefined> = {
    "22": key.cpv,
    "10": key.lot,
    "21": key.serial,
  };
  for (const ai of GTIN_QUALIFIERS) {
    const v = values[ai];
    if (v === undefined || v === "") continue;
    if (!isCset82(v, MAX_LENGTH[ai])) throw new Error(`invalid AI ${ai} value: ${v}`);
    path += `/${ai}/${encodeAiValue(v)}`;
  }
  return path;
}

export function digitalLink(base: string, key: DigitalLinkKey): string {
  return origin(base) + digitalLinkPath(key);
}

/** Short codes: upper-case letters and digits, 3-20 characters (seed: "00011K"). */
export const SHORT_CODE = /^[A-Z0-9]{3,20}$/;

export function shortLinkPath(code: string, serial?: string): string {
  if (!SHORT_CODE.test(code)) throw new Error(`invalid short code: ${code}`);
  if (serial !== undefined && !isCset82(serial)) throw new Error(`invalid serial: ${serial}`);
  return `/t/${code}` + (serial ? `/${encodeAiValue(serial)}` : "");
}

export function shortLink(base: string, code: string, serial?: string): string {
  return origin(base) + shortLinkPath(code, serial);
}

export type ParseError =
  | "not-digital-link"
  | "bad-gtin"
  | "check-digit"
  | "bad-qualifier"
  | "qualifier-order"
  | "bad-value"
  | "duplicate";

/** What each syntax error means, for machine clients (people get a translated line). */
export const PARSE_ERROR_MESSAGES: Record<ParseError, string> = {
  "not-digital-link": "Not a GS1 Digital Link URI with a GTIN (AI 01) primary key",
  "bad-gtin": "A GTIN has 8, 12, 13 or 14 digits",
  "check-digit": "The GTIN's check digit (its last digit) is wrong",
  "bad-qualifier": "Only the key qualifiers 22, 10 and 21 may follow a GTIN, each with a value",
  "qualifier-order": "Key qualifiers must come in the order 22, 10, 21",
  "bad-value":
    "A lot (10), variant (22) or serial (21) value holds characters outside GS1 set 82 or is longer than 20",
  duplicate: "A key qualifier appears twice",
};
export type ParseResult = { ok: true; key: DigitalLinkKey } | { ok: false; error: ParseError };

/**
 * Parses the path of a GS1 Digital Link URI with a GTIN primary key. Accepts
 * GTIN-8/12/13/14 (normalised to 14), validates the check digit ("check-digit"), requires the
 * qualifiers in the order 22, 10, 21 (each at most once) and set-82 values.
 */
export function parseDigitalLinkPath(pathname: string): ParseResult {
  const parts = pathname.replace(/^\/+|\/+$/g, "").split("/");
  if (parts[0] !== "01" || parts.length < 2) return { ok: false, error: "not-digital-link" };
  const gtin = /^\d+$/.test(parts[1]) ? toGtin14(parts[1]) : null;
  // a GTIN of the right length that fails its check digit is a misprint or a forgery: say so
  if (!gtin)
    return { ok: false, error: /^(\d{8}|\d{12,14})$/.test(parts[1]) ? "check-digit" : "bad-gtin" };
  if ((parts.length - 2) % 2 !== 0) return { ok: false, error: "bad-qualifier" };
  const key: DigitalLinkKey = { gtin };
  let lastIndex = -1;
  for (let i = 2; i < parts.length; i += 2) {
    const ai = parts[i] as GtinQualifier;
    const index = GTIN_QUALIFIERS.indexOf(ai);
    if (index < 0) return { ok: false, error: "bad-qualifier" };
    if (index === lastIndex) return { ok: false, error: "duplicate" };
    if (index < lastIndex) return { ok: false, error: "qualifier-order" };
    lastIndex = index;
    const value = decodeAiValue(parts[i + 1]);
    if (value === null || !isCset82(value, MAX_LENGTH[ai]))
      return { ok: false, error: "bad-value" };
    if (ai === "22") key.cpv = value;
    else if (ai === "10") key.lot = value;
    else key.serial = value;
  }
  return { ok: true, key };
}

export type ShortParse = { ok: true; code: string; serial?: string } | { ok: false };

/** Parses the splat after /t/: "{code}" or "{code}/{serial}". Codes are case-insensitive. */
export function parseShortPath(splat: string): ShortParse {
  const parts = splat.replace(/^\/+|\/+$/g, "").split("/");
  if (parts.length < 1 || parts.length > 2) return { ok: false };
  const code = parts[0].toUpperCase();
  if (!SHORT_CODE.test(code)) return { ok: false };
  if (parts.length === 1) return { ok: true, code };
  const serial = decodeAiValue(parts[1]);
  if (serial === null || !isCset82(serial)) return { ok: false };
  return { ok: true, code, serial };
}

/** The URI printed on a batch (or unit) label: Digital Link when there is a GTIN. */
export function batchLink(
  base: string,
  batch: { code: string; lot: string; gtin: string | null | undefined },
  serial?: string,
): string {
  if (batch.gtin && toGtin14(batch.gtin) && isCset82(batch.lot))
    return digitalLink(base, { gtin: batch.gtin, lot: batch.lot, serial });
  return shortLink(base, batch.code, serial);
}

/** GS1 link types the resolver answers (GS1 Web Vocabulary). */
export const LINK_TYPES = [
  "gs1:pip",
  "gs1:traceability",
  "gs1:certificationInfo",
  "gs1:epcis",
  "gs1:defaultLink",
] as const;
export type LinkType = (typeof LINK_TYPES)[number];
export const GS1_VOC = "https://gs1.org/voc/";

/** The vocabulary's newer home; link types spelled with it mean the same. */
export const GS1_VOC_REF = "https://ref.gs1.org/voc/";

/** Reads ?linkType=: "gs1:pip", the full vocabulary URI (either home), or "all"/"linkset". Unknown -> null. */
export function parseLinkType(value: string | null): LinkType | "all" | null {
  if (!value) return "gs1:defaultLink";
  if (value === "all" || value === "linkset") return "all";
  const home = [GS1_VOC, GS1_VOC_REF].find((v) => value.startsWith(v));
  const short = home ? "gs1:" + value.slice(home.length) : value;
  return (LINK_TYPES as readonly string[]).includes(short) ? (short as LinkType) : null;
}

/** Stable short codes for new batches: 8 characters without look-alikes (0/O, 1/I). */
export function makeShortCode(random: () => number = Math.random): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  let code = "";
  for (let i = 0; i < 8; i++) code += alphabet[Math.floor(random() * alphabet.length)];
  return code;
}
