// Where to send the browser after a form or a link that carries "come back here"
// (?redirectTo=, ?next=, returnTo). Decided by parsing, as the browser will,
// never by looking at prefixes: "/%09/evil.example" reaches us as "/\t/evil.example",
// which passes a startsWith("/") test and which a browser, dropping the tab, follows
// to //evil.example.

// Any origin of our own would do: what matters is that the target resolved against
// it stays on it. ".invalid" can never be a real host (RFC 2606).
const HOME = "http://xutra.invalid";
const MAX_LENGTH = 2048;
// control characters (tab, CR, LF... which browsers silently drop), invisible
// format characters, backslashes (browsers read them as slashes) and spaces: no
// honest link of ours has them raw
const ODD = /[\p{Cc}\p{Cf}\p{Z}\\]/u;

/**
 * A same-site path (path + query + hash, percent-encoded as a browser would send
 * it) for `to`, or `fallback` when `to` could lead anywhere else or is odd.
 * Never throws: whatever string comes in, the answer is a path on this site.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/",
): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH || ODD.test(to))
    return fallback;
  // only paths: an absolute URL, even to ourselves, is not something our pages send
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, HOME);
  } catch {
    return fallback;
  }
  if (url.origin !== HOME) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a Location
  // header would turn into another host
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
