// Onboarding stages of a farm household (issue 12) and who is stuck. Pure (no
// framework, no database): the officer's overview and its tests use it.

/** The programme's ladder, in the order a household climbs it. */
export const STAGES = [
  "REGISTERED",
  "TRAINED",
  "STALL_OPENED",
  "FIRST_PRODUCT",
  "PAYMENT_ACCOUNT",
  "FIRST_ORDER",
  "VERIFIED",
] as const;
export type Stage = (typeof STAGES)[number];

export function isStage(v: string): v is Stage {
  return (STAGES as readonly string[]).includes(v);
}

/** What a household has done so far (registered is a given: it exists). */
export type Progress = {
  trained: boolean;
  stallOpened: boolean;
  firstProduct: boolean;
  paymentAccount: boolean;
  firstOrder: boolean;
  verified: boolean;
};

const DONE: Record<Exclude<Stage, "REGISTERED">, keyof Progress> = {
  TRAINED: "trained",
  STALL_OPENED: "stallOpened",
  FIRST_PRODUCT: "firstProduct",
  PAYMENT_ACCOUNT: "paymentAccount",
  FIRST_ORDER: "firstOrder",
  VERIFIED: "verified",
};

export function hasReached(p: Progress, stage: Stage): boolean {
  return stage === "REGISTERED" || p[DONE[stage]];
}

/**
 * The stage a household stands at: the last rung reached with every rung below it
 * reached too. A household that sells without training stands at "registered", which
 * is what the officer needs to see (the training is still owed).
 */
export function stageOf(p: Progress): Stage {
  let at: Stage = "REGISTERED";
  for (const s of STAGES.slice(1)) {
    if (!hasReached(p, s)) break;
    at = s;
  }
  return at;
}

/** Households that reached each stage (whatever else they did): the funnel. */
export function funnel(all: readonly Progress[]): Record<Stage, number> {
  const out = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const p of all) for (const s of STAGES) if (hasReached(p, s)) out[s]++;
  return out;
}

const DAY = 86_400_000;
/** A stall with nothing listed this long after it opened needs the officer. */
export const STALL_WITHOUT_PRODUCT_DAYS = 14;
/** A verified certificate this close to expiry needs renewing. */
export const CERT_EXPIRY_WARNING_DAYS = 30;
/** A household not visited (nor trained) for this long is due a visit. */
export const VISIT_DUE_DAYS = 90;

export type StuckReason = "STALL_NO_PRODUCT" | "CERT_EXPIRING";

export function stuckReasons(
  h: { stallOpenedAt: Date | null; firstProduct: boolean; certExpiresAt: Date | null },
  now: Date,
): StuckReason[] {
  const out: StuckReason[] = [];
  if (
    h.stallOpenedAt &&
    !h.firstProduct &&
    now.getTime() - h.stallOpenedAt.getTime() >= STALL_WITHOUT_PRODUCT_DAYS * DAY
  )
    out.push("STALL_NO_PRODUCT");
  if (
    h.certExpiresAt &&
    h.certExpiresAt > now &&
    h.certExpiresAt.getTime() - now.getTime() <= CERT_EXPIRY_WARNING_DAYS * DAY
  )
    out.push("CERT_EXPIRING");
  return out;
}

/** Due a visit: the last visit or training (else the registration) is VISIT_DUE_DAYS old. */
export function visitDue(
  h: { registeredAt: Date; lastContactAt: Date | null },
  now: Date,
): boolean {
  const since = h.lastContactAt ?? h.registeredAt;
  return now.getTime() - since.getTime() >= VISIT_DUE_DAYS * DAY;
}
