// Everyday Vietnamese names for the same goods. Used for Meilisearch synonyms
// and to add the other name to a product's searchable keywords.
export const SYNONYM_GROUPS: string[][] = [
  ["hồng trà", "trà đen"],
  ["na", "mãng cầu"],
  ["mật ong", "mật"],
  ["gạo", "lúa gạo"],
  ["măng", "măng tre"],
  ["nấm hương", "nấm đông cô"],
  ["bưởi", "bòng"],
  ["chè xanh", "trà xanh", "lục trà"],
  ["mộc nhĩ", "nấm mèo"],
  ["ngô", "bắp"],
  ["lạc", "đậu phộng"],
  ["bánh chưng", "bánh tét"],
];

// A query word that also means another, not the other way round: "trà" is any
// tea, so it finds chè; "chè" is the green tea buyers mean, and as a synonym of
// "trà" it ranked "Hồng trà Tân Cương" (black tea, "trà" beside the place) first
// for "chè Tân Cương". Keywords still pair them, so "chè" finds black tea lower.
export const ONE_WAY_SYNONYMS: Record<string, string[]> = { trà: ["chè"] };
const KEYWORD_GROUPS = [...SYNONYM_GROUPS, ["chè", "trà"]];

/** What a query word also finds (Meilisearch synonyms; the database fallback). */
export function synonymMap(): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS)
    for (const word of group) map[word] = group.filter((w) => w !== word);
  for (const [word, also] of Object.entries(ONE_WAY_SYNONYMS))
    map[word] = [...new Set([...(map[word] ?? []), ...also])];
  return map;
}

/** The other names of what this text mentions, e.g. "Chè búp" -> ["trà"]. */
export function alsoKnownAs(text: string): string[] {
  const lower = ` ${text.toLowerCase()} `;
  const out = new Set<string>();
  for (const group of KEYWORD_GROUPS)
    if (group.some((w) => lower.includes(` ${w} `)))
      group.forEach((w) => !lower.includes(` ${w} `) && out.add(w));
  return [...out];
}
