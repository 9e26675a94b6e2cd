// Everyday Vietnamese names for the same goods. Used for Meilisearch synonyms
// and to add the other name to a product's searchable keywords, so "trà Tân
// Cương" ranks "Chè Tân Cương" as high as "Hồng trà Tân Cương".
export const SYNONYM_GROUPS: string[][] = [
  ["chè", "trà"],
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

export function synonymMap(): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS)
    for (const word of group) map[word] = group.filter((w) => w !== word);
  return map;
}

/** The other names of what this text mentions, e.g. "Chè búp" -> ["trà"]. */
export function alsoKnownAs(text: string): string[] {
  const lower = ` ${text.toLowerCase()} `;
  const out = new Set<string>();
  for (const group of SYNONYM_GROUPS)
    if (group.some((w) => lower.includes(` ${w} `)))
      group.forEach((w) => !lower.includes(` ${w} `) && out.add(w));
  return [...out];
}
