// The stall details form: one schema for browser and server; messages are i18n keys.
import { z } from "zod";
import { parseVnd } from "~/domain/money";
import { normalizePhone } from "~/domain/phone";
import { shippingFields, shippingIssues } from "~/shipping/schema";
import { isValidBankBin } from "~/domain/vietqr";

/**
 * Banks a household is likely to hold an account at, with their NAPAS BIN (what
 * VietQR needs; nobody knows their bank's BIN by heart). Agribank and the
 * Co-op Bank first: that is where farm households bank.
 */
export const PAYOUT_BANKS = [
  { bin: "970405", name: "Agribank" },
  { bin: "970446", name: "Co-opBank (Ngân hàng Hợp tác xã)" },
  { bin: "970436", name: "Vietcombank" },
  { bin: "970415", name: "VietinBank" },
  { bin: "970418", name: "BIDV" },
  { bin: "970449", name: "LPBank (Lộc Phát)" },
  { bin: "970422", name: "MB" },
  { bin: "970407", name: "Techcombank" },
  { bin: "970416", name: "ACB" },
  { bin: "970432", name: "VPBank" },
  { bin: "970403", name: "Sacombank" },
  { bin: "970423", name: "TPBank" },
  { bin: "970443", name: "SHB" },
  { bin: "970437", name: "HDBank" },
  { bin: "970441", name: "VIB" },
  { bin: "970440", name: "SeABank" },
  { bin: "970448", name: "OCB" },
  { bin: "970426", name: "MSB" },
  { bin: "970431", name: "Eximbank" },
  { bin: "970428", name: "Nam A Bank" },
  { bin: "970409", name: "Bac A Bank" },
  { bin: "970452", name: "Kienlongbank" },
  { bin: "970412", name: "PVcomBank" },
  { bin: "970425", name: "ABBANK" },
] as const;

export const STALL_STATUSES = ["OPEN", "VACATION", "CLOSED"] as const;

const amount = z
  .string()
  .trim()
  .refine(
    (v) => parseVnd(v) !== null && (parseVnd(v) as number) <= 10_000_000,
    "stall.amountInvalid",
  )
  .transform((v) => parseVnd(v) as number);

export const StallSettingsSchema = z
  .object({
    name: z
      .string({ required_error: "form.required" })
      .trim()
      .min(2, "form.required")
      .max(80, "form.tooLong"),
    story: z.string().trim().max(3000, "form.tooLong").optional(),
    communeCode: z.string({ required_error: "form.required" }).max(40),
    phone: z
      .string()
      .trim()
      .max(20, "form.tooLong")
      .refine((v) => normalizePhone(v) !== null, "form.phoneInvalid")
      .optional(),
    status: z.enum(STALL_STATUSES),
    offersPickup: z.boolean().optional(),
    // fees and days by zone (app/shipping, decision 0066)
    ...shippingFields,
    freeShippingFrom: amount.optional(),
    // a NAPAS BIN (9704xx): anything else would save fine and then never give buyers a VietQR
    bankBin: z.string().trim().refine(isValidBankBin, "stall.bankBinInvalid").optional(),
    bankAccount: z
      .string()
      .trim()
      .regex(/^\d{6,19}$/, "stall.bankAccountInvalid")
      .optional(),
    bankAccountName: z.string().trim().max(60, "form.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    // VietQR needs both the bank and the account: half a payout is no payout
    if (v.bankBin && !v.bankAccount)
      ctx.addIssue({ code: "custom", path: ["bankAccount"], message: "stall.bankIncomplete" });
    if (v.bankAccount && !v.bankBin)
      ctx.addIssue({ code: "custom", path: ["bankBin"], message: "stall.bankIncomplete" });
    for (const [path, message] of shippingIssues(v))
      ctx.addIssue({ code: "custom", path: [path], message });
  });
