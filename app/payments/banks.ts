// The NAPAS 247 member banks, as data (napas-banks.json): the name a buyer sees
// beside the account number, looked up from the stall's BIN.
import list from "./napas-banks.json";

export type NapasBank = { bin: string; shortName: string; name: string };

export const NAPAS_BANKS: readonly NapasBank[] = list.banks;

const byBin = new Map(NAPAS_BANKS.map((b) => [b.bin, b]));

export function bankByBin(bin: string): NapasBank | null {
  return byBin.get(bin) ?? null;
}
