// A stall's shipping columns <-> the rules' rates. Pure (the cart, the checkout's
// summary in the browser and the settings form share it).
import { DEFAULT_RATES, FRESH_REACHES, type FreshReach, type ShippingRates } from "./rules";

export type StallShippingColumns = {
  shippingFeeVnd: number;
  shipNearVnd: number;
  shipFarVnd: number;
  shipExtraKgVnd: number;
  shipSameDays: number;
  shipNearDays: number;
  shipFarDays: number;
  freshReach: string;
};

export function ratesOf(s: StallShippingColumns): ShippingRates {
  return {
    sameVnd: s.shippingFeeVnd,
    nearVnd: s.shipNearVnd,
    farVnd: s.shipFarVnd,
    extraKgVnd: s.shipExtraKgVnd,
    sameDays: s.shipSameDays,
    nearDays: s.shipNearDays,
    farDays: s.shipFarDays,
    freshReach: (FRESH_REACHES as readonly string[]).includes(s.freshReach)
      ? (s.freshReach as FreshReach)
      : DEFAULT_RATES.freshReach,
  };
}

export function columnsOf(r: ShippingRates): StallShippingColumns {
  return {
    shippingFeeVnd: r.sameVnd,
    shipNearVnd: r.nearVnd,
    shipFarVnd: r.farVnd,
    shipExtraKgVnd: r.extraKgVnd,
    shipSameDays: r.sameDays,
    shipNearDays: r.nearDays,
    shipFarDays: r.farDays,
    freshReach: r.freshReach,
  };
}
