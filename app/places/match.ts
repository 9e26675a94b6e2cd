// Finding a commune as people type it: accents optional ("la hien", "tan cuong"),
// đ typed as d, the unit's type ("xã", "phường") optional. Pure: the checkout's
// picker runs it in the browser and the API on the server.
import { fold } from "~/search/params";

export type PlaceOption = { code: string; name: string; type: string };

/** "  Xã  La Hiên " -> "xa la hien": lower case, accents off, đ -> d, spaces collapsed. */
export function foldPlace(text: string): string {
  return fold(text).replace(/\s+/g, " ").trim();
}

const TYPE_WORDS = /^(xa|phuong|dac khu|thi tran|tinh|thanh pho|tp\.?)\s+/;

/**
 * The options whose name matches what was typed, best first: an exact name, then a
 * name that starts with it, then one that contains it; ties in the list's order.
 */
export function matchPlaces<T extends PlaceOption>(query: string, options: T[], limit = 20): T[] {
  const q = foldPlace(query).replace(TYPE_WORDS, "");
  if (!q) return options.slice(0, limit);
  const ranked: { o: T; rank: number; i: number }[] = [];
  options.forEach((o, i) => {
    const name = foldPlace(o.name);
    const rank = name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : -1;
    if (rank >= 0) ranked.push({ o, rank, i });
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .slice(0, limit)
    .map((r) => r.o);
}
