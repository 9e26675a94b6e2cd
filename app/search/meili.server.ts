import { Meilisearch } from "meilisearch";
import { env } from "~/utils/env.server";

const g = globalThis as unknown as { __meili?: Meilisearch | null };

/** The Meilisearch client, or null when no server is configured. */
export function meili(): Meilisearch | null {
  if (g.__meili === undefined) {
    g.__meili = env.MEILI_URL
      ? new Meilisearch({ host: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, timeout: 5000 })
      : null;
  }
  return g.__meili;
}

export type SearchHealth = "ok" | "degraded" | "disabled";

export async function searchHealth(): Promise<SearchHealth> {
  const client = meili();
  if (!client || !env.MEILI_URL) return "disabled";
  try {
    const res = await fetch(new URL("/health", env.MEILI_URL), { signal: AbortSignal.timeout(1000) });
    return res.ok ? "ok" : "degraded";
  } catch {
    return "degraded";
  }
}

export const indexName = (name: string) => `${env.MEILI_INDEX_PREFIX}${name}`;
