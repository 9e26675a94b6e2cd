// The dashboard's figures (the report's columns), shared by the server and the page.
export const FIGURES = [
  "households",
  "householdsTrained",
  "stallsOpen",
  "productsListed",
  "paymentAccounts",
  "stallsVerified",
  "orders30d",
  "revenue30dVnd",
] as const;
export type Figure = (typeof FIGURES)[number];

/** The charts drawn by commune (the others are in the totals). */
export const CHARTED: Figure[] = ["householdsTrained", "stallsOpen", "orders30d", "revenue30dVnd"];
