import * as common from "./common";
import * as trace from "./trace";
import * as console_ from "./console";
import * as storefront from "./storefront";
import * as account from "./account";
import * as admin from "./admin";
import * as reset from "./reset";
import * as harvestBuyer from "~/harvest/buyer-strings";
import * as harvest from "~/harvest/strings";
import * as delivery from "~/delivery/strings";
import * as certificates from "~/certificates/strings";
import * as places from "~/places/strings";
import * as shipping from "~/shipping/strings";
import * as orders from "~/orders/strings";
import * as stalls from "~/stalls/strings";
import * as catalog from "~/catalog/strings";
import * as audit from "~/audit/strings";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

// Feature dictionaries are spread in here; keys are namespaced ("cart.total").
const dictionaries = {
  vi: {
    ...harvest.vi,
    ...delivery.vi,
    ...certificates.vi,
    ...places.vi,
    ...shipping.vi,
    ...orders.vi,
    ...stalls.vi,
    ...catalog.vi,
    ...audit.vi,
    ...harvestBuyer.vi,
    ...reset.vi,
    ...account.vi,
    ...admin.vi,
    ...storefront.vi,
    ...console_.vi,
    ...trace.vi,
    ...common.vi,
  },
  en: {
    ...harvest.en,
    ...delivery.en,
    ...certificates.en,
    ...places.en,
    ...shipping.en,
    ...orders.en,
    ...stalls.en,
    ...catalog.en,
    ...audit.en,
    ...harvestBuyer.en,
    ...reset.en,
    ...account.en,
    ...admin.en,
    ...storefront.en,
    ...console_.en,
    ...trace.en,
    ...common.en,
  },
};

export type MessageKey = keyof (typeof dictionaries)["vi"];
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Whether a string that comes from data (a form's error, a stored state) is one of our keys. */
export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(dictionaries.vi, value);
}

/** A key from data translated; any other text (a sentence already translated) as it is. */
export function translateText(
  t: Translate,
  text: string,
  params?: Record<string, string | number>,
): string {
  return isMessageKey(text) ? t(text, params) : text;
}

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale] as Record<string, string>;
  return (key, params) => {
    const template = dict[key] ?? (dictionaries.vi as Record<string, string>)[key] ?? key;
    return params
      ? template.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`))
      : template;
  };
}

/**
 * Vietnamese unless the person chose English (the `lang` cookie set by the switch).
 * The browser's Accept-Language is not consulted: many Vietnamese phones run in
 * English, and a farmer must not get an English console for it (decision 0037).
 */
export function pickLocale(cookieValue: string | undefined): Locale {
  return isLocale(cookieValue) ? cookieValue : "vi";
}
