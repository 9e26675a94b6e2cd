// The stall's shipping settings (decision 0066): the zod fields the settings form and
// its action share; messages are i18n keys.
import { z } from "zod";
import { parseVnd } from "~/domain/money";
import { DEFAULT_RATES, FRESH_REACHES, type ShippingRates } from "./rules";

export const MAX_FEE_VND = 500_000;
export const MAX_DAYS = 30;

const fee = z
  .string()
  .trim()
  .refine((v) => {
    const n = parseVnd(v);
    return n !== null && n <= MAX_FEE_VND;
  }, "shipping.feeInvalid")
  .transform((v) => parseVnd(v) as number);

const days = z
  .string()
  .trim()
  .regex(/^\d{1,2}$/, "shipping.daysInvalid")
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_DAYS, "shipping.daysInvalid");

/** Spread into the stall settings schema; empty fields keep the defaults. */
export const shippingFields = {
  shippingFee: fee.optional(),
  shipNear: fee.optional(),
  shipFar: fee.optional(),
  shipExtraKg: fee.optional(),
  shipSameDays: days.optional(),
  shipNearDays: days.optional(),
  shipFarDays: days.optional(),
  freshReach: z.enum(FRESH_REACHES).optional(),
};

type ShippingInput = {
  shippingFee?: number;
  shipNear?: number;
  shipFar?: number;
  shipExtraKg?: number;
  shipSameDays?: number;
  shipNearDays?: number;
  shipFarDays?: number;
  freshReach?: ShippingRates["freshReach"];
};

/** The rates a valid form means (an empty field: the default). */
export function ratesFromForm(v: ShippingInput): ShippingRates {
  return {
    sameVnd: v.shippingFee ?? DEFAULT_RATES.sameVnd,
    nearVnd: v.shipNear ?? DEFAULT_RATES.nearVnd,
    farVnd: v.shipFar ?? DEFAULT_RATES.farVnd,
    extraKgVnd: v.shipExtraKg ?? DEFAULT_RATES.extraKgVnd,
    sameDays: v.shipSameDays ?? DEFAULT_RATES.sameDays,
    nearDays: v.shipNearDays ?? DEFAULT_RATES.nearDays,
    farDays: v.shipFarDays ?? DEFAULT_RATES.farDays,
    freshReach: v.freshReach ?? DEFAULT_RATES.freshReach,
  };
}

/** Farther never sooner: a neighbouring province takes at least as long as the stall's own. */
export function shippingIssues(v: ShippingInput): [keyof ShippingInput, "shipping.daysOrder"][] {
  const r = ratesFromForm(v);
  const issues: [keyof ShippingInput, "shipping.daysOrder"][] = [];
  if (r.nearDays < r.sameDays) issues.push(["shipNearDays", "shipping.daysOrder"]);
  if (r.farDays < r.nearDays) issues.push(["shipFarDays", "shipping.daysOrder"]);
  return issues;
}
