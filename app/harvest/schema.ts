// Seller-side harvest forms: one zod schema for browser and server; messages are
// i18n keys (typed through m()). Buyer forms are in ./preorder-schema.ts.
import { z } from "zod";
import { parseVnd } from "~/domain/money";
import type { MessageKey } from "~/i18n";
import { CORRECTION_REASONS, MAX_PICK_UNITS, parseLocalTime } from "./rules/campaign";
import { isDay } from "./rules/preorder";

const m = (key: MessageKey) => key;

const whole = (min: number, max: number) =>
  z
    .number({ required_error: m("form.required"), invalid_type_error: m("harvest.error.whole") })
    .int(m("harvest.error.whole"))
    .min(min, m("harvest.error.range"))
    .max(max, m("harvest.error.range"));

const day = z
  .string({ required_error: m("form.required") })
  .trim()
  .refine(isDay, m("harvest.error.day"));
const localTime = z
  .string({ required_error: m("form.required") })
  .trim()
  .refine((v) => parseLocalTime(v) !== null, m("harvest.error.time"));
const text = (max: number) => z.string().trim().max(max, m("form.tooLong"));

/** "5", "2,5", "2.5" kg -> grams; null when it is not a sensible box weight. */
export function parseKg(input: string): number | null {
  const s = input.trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d{1,3})?$/.test(s)) return null;
  const grams = Math.round(Number(s) * 1000);
  return grams >= 100 && grams <= 100_000 ? grams : null;
}

export const UNIT_KINDS = ["BOX", "KG"] as const;
export const VIETQR_MODES = ["NONE", "DEPOSIT", "FULL"] as const;

const point = z.object({
  name: text(120).optional(),
  line: text(200).optional(),
  communeCode: z.string().max(40).optional(),
  hours: text(40).optional(),
});

const participant = z.object({
  householdId: z.string().max(40),
  expectedUnits: whole(1, 1_000_000).optional(),
});

export const CampaignSchema = z
  .object({
    title: z
      .string({ required_error: m("form.required") })
      .trim()
      .min(3, m("form.required"))
      .max(120, m("form.tooLong")),
    description: text(3000).optional(),
    productId: z.string({ required_error: m("harvest.error.product") }).max(40),
    grade: text(80).optional(),
    unitKind: z.enum(UNIT_KINDS),
    boxKg: z.string().trim().optional(),
    price: z
      .string({ required_error: m("form.required") })
      .trim()
      .refine((v) => {
        const n = parseVnd(v);
        return n !== null && n >= 1000 && n <= 50_000_000;
      }, m("harvest.error.price"))
      .transform((v) => parseVnd(v) ?? 0),
    firstDay: day,
    lastDay: day,
    cutoffTime: localTime,
    maxPerBuyer: whole(1, 1000),
    gradingReservePct: whole(0, 50).optional(),
    deliveryCommunes: z.array(z.string().max(40)).max(200).optional(),
    deliveryRadiusKm: whole(1, 500).optional(),
    deliveryLat: z
      .number({ invalid_type_error: m("harvest.error.range") })
      .min(-90, m("harvest.error.range"))
      .max(90, m("harvest.error.range"))
      .optional(),
    deliveryLng: z
      .number({ invalid_type_error: m("harvest.error.range") })
      .min(-180, m("harvest.error.range"))
      .max(180, m("harvest.error.range"))
      .optional(),
    freshNearHours: whole(1, 72),
    freshFarKm: whole(1, 2000),
    freshFarHours: whole(1, 96),
    compensationPct: whole(0, 1000).optional(),
    payCod: z.boolean().optional(),
    vietqrMode: z.enum(VIETQR_MODES),
    depositPct: whole(0, 100).optional(),
    payCard: z.boolean().optional(),
    points: z.array(point.optional()).max(10).optional(),
    households: z.array(participant.optional()).max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.lastDay < v.firstDay)
      ctx.addIssue({
        code: "custom",
        path: ["lastDay"],
        message: m("harvest.error.windowEndsBeforeStart"),
      });
    else if (Date.parse(v.lastDay) - Date.parse(v.firstDay) > 59 * 86_400_000)
      ctx.addIssue({
        code: "custom",
        path: ["lastDay"],
        message: m("harvest.error.windowTooLong"),
      });
    if (v.unitKind === "BOX" && (!v.boxKg || parseKg(v.boxKg) === null))
      ctx.addIssue({ code: "custom", path: ["boxKg"], message: m("harvest.error.boxKg") });
    if (!v.payCod && !v.payCard && v.vietqrMode === "NONE")
      ctx.addIssue({ code: "custom", path: ["payCod"], message: m("harvest.error.payment") });
    if (v.vietqrMode === "DEPOSIT" && (!v.depositPct || v.depositPct < 1 || v.depositPct > 99))
      ctx.addIssue({ code: "custom", path: ["depositPct"], message: m("harvest.error.deposit") });
    const radius =
      v.deliveryRadiusKm !== undefined &&
      v.deliveryLat !== undefined &&
      v.deliveryLng !== undefined;
    const partialRadius =
      v.deliveryRadiusKm !== undefined ||
      v.deliveryLat !== undefined ||
      v.deliveryLng !== undefined;
    if (!v.deliveryCommunes?.length && !radius)
      ctx.addIssue({
        code: "custom",
        path: ["deliveryCommunes"],
        message: m("harvest.error.area"),
      });
    else if (partialRadius && !radius)
      ctx.addIssue({
        code: "custom",
        path: ["deliveryRadiusKm"],
        message: m("harvest.error.area"),
      });
    v.points?.forEach((p, i) => {
      if (!p || (!p.name && !p.line && !p.hours)) return;
      if (!p.name)
        ctx.addIssue({ code: "custom", path: ["points", i, "name"], message: m("form.required") });
      if (!p.communeCode)
        ctx.addIssue({
          code: "custom",
          path: ["points", i, "communeCode"],
          message: m("harvest.error.commune"),
        });
    });
    if (!v.households?.some((h) => h?.expectedUnits))
      ctx.addIssue({
        code: "custom",
        path: ["households"],
        message: m("harvest.error.noHouseholds"),
      });
  });

export type CampaignForm = z.infer<typeof CampaignSchema>;

/** The filled collection-point rows and participating households of a valid form. */
export function campaignRows(v: CampaignForm) {
  return {
    points: (v.points ?? []).filter(
      (p): p is NonNullable<typeof p> & { name: string; communeCode: string } =>
        !!p?.name && !!p.communeCode,
    ),
    households: (v.households ?? []).filter(
      (h): h is { householdId: string; expectedUnits: number } => !!h?.expectedUnits,
    ),
  };
}

export const PauseSchema = z.object({
  pauseMessage: z
    .string({ required_error: m("harvest.error.pauseMessage") })
    .trim()
    .min(3, m("harvest.error.pauseMessage"))
    .max(300, m("form.tooLong")),
});

export const CancelSchema = z.object({
  cancelReason: z
    .string({ required_error: m("harvest.error.cancelReason") })
    .trim()
    .min(3, m("harvest.error.cancelReason"))
    .max(300, m("form.tooLong")),
});

/** A household's confirmation of one day's pick. The idempotency key comes from the form (or the offline queue). */
export const PickSchema = z.object({
  campaignId: z.string({ required_error: m("form.required") }).max(40),
  householdId: z.string({ required_error: m("form.required") }).max(40),
  day,
  units: z
    .number({
      required_error: m("form.required"),
      invalid_type_error: m("harvest.pick.error.units"),
    })
    .int(m("harvest.pick.error.units"))
    .min(0, m("harvest.pick.error.units"))
    .max(MAX_PICK_UNITS, m("harvest.pick.error.absurd")),
  readyTime: z
    .string({ required_error: m("form.required") })
    .trim()
    .refine((v) => parseLocalTime(v) !== null, m("harvest.pick.error.readyAt")),
  idempotencyKey: z.string().trim().min(8).max(80).optional(),
});

export const CorrectionSchema = z.object({
  pickId: z.string({ required_error: m("form.required") }).max(40),
  toUnits: z
    .number({
      required_error: m("form.required"),
      invalid_type_error: m("harvest.pick.error.correction"),
    })
    .int(m("harvest.pick.error.correction"))
    .min(0, m("harvest.pick.error.correction"))
    .max(MAX_PICK_UNITS, m("harvest.pick.error.correction")),
  reason: z.enum(CORRECTION_REASONS),
  note: text(300).optional(),
});

export const DaySchema = z.object({ day, reason: text(300).optional() });
