// The stop report form (page, offline queue door and tests parse it the same way).
// Errors are message keys of ./strings.
import { z } from "zod";
import { FAIL_REASONS, REPORT_KINDS, type Report } from "./rules";
import { isDeliveryKey, type DeliveryKey } from "./strings";

const m = (key: DeliveryKey) => key;

const Fields = z.object({
  stopId: z.string().trim().min(1, m("delivery.error.notFound")).max(40),
  kind: z.enum([...REPORT_KINDS, "START"], {
    errorMap: () => ({ message: m("delivery.error.kind") }),
  }),
  weighedUnits: z.string().trim().max(6).optional(),
  reason: z.string().trim().max(20).optional(),
  note: z.string().trim().max(300).optional(),
  idempotencyKey: z.string().trim().min(8).max(80).optional(),
});

export type ParsedReport =
  | { ok: true; stopId: string; report: Report | { kind: "START" }; idempotencyKey?: string }
  | { ok: false; error: DeliveryKey; params?: Record<string, string | number> };

/** What the driver sent, as a Report; a missing weight or reason is a translated refusal. */
export function parseReport(formData: FormData): ParsedReport {
  const raw = Object.fromEntries(
    ["stopId", "kind", "weighedUnits", "reason", "note", "idempotencyKey"].flatMap((k) => {
      const v = formData.get(k);
      return typeof v === "string" && v !== "" ? [[k, v]] : [];
    }),
  );
  const r = Fields.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0]?.message ?? "";
    return { ok: false, error: isDeliveryKey(first) ? first : "delivery.error.kind" };
  }
  const v = r.data;
  const key = v.idempotencyKey;
  if (v.kind === "PICKED") {
    // not a whole number: NaN, which the stop's own check refuses with its maximum
    const n = v.weighedUnits === undefined ? Number.NaN : Number(v.weighedUnits);
    return {
      ok: true,
      stopId: v.stopId,
      report: { kind: "PICKED", weighedUnits: n },
      idempotencyKey: key,
    };
  }
  if (v.kind === "FAILED") {
    const reason = FAIL_REASONS.find((x) => x === v.reason);
    if (!reason) return { ok: false, error: "delivery.error.reason" };
    return {
      ok: true,
      stopId: v.stopId,
      report: { kind: "FAILED", reason, note: v.note ?? "" },
      idempotencyKey: key,
    };
  }
  return { ok: true, stopId: v.stopId, report: { kind: v.kind }, idempotencyKey: key };
}
