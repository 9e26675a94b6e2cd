import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

const ORIGINS = ["https://xutra.vn", "http://localhost:3000"];

// What a browser does with a Location header: resolve it against the page's origin (WHATWG URL).
function followed(location: string, origin: string) {
  const url = new URL(location, origin);
  return { origin: url.origin, path: `${url.pathname}${url.search}${url.hash}` };
}

function staysHome(location: string) {
  expect(location.startsWith("/")).toBe(true);
  expect(location.startsWith("//")).toBe(false);
  expect(location).not.toMatch(/[\p{Cc}\p{Cf}\p{Z}\\]/u);
  for (const origin of ORIGINS) {
    const where = followed(location, origin);
    expect(where.origin).toBe(origin);
    expect(where.path).toBe(location); // already what the browser will ask for
  }
}

// Pieces attackers put together: slashes, backslashes, dots, encoded and raw control characters, schemes.
const piece = fc.constantFrom(
  "/",
  "//",
  "\\",
  "/\\",
  ".",
  "..",
  "%2f",
  "%2F",
  "%5c",
  "%09",
  "\t",
  "\r",
  "\n",
  "\u0000",
  "\u3000",
  "\u202e",
  " ",
  "@",
  ":",
  "?",
  "#",
  "evil.example",
  "https:",
  "javascript:",
  "http://evil.example",
  "xutra.invalid",
  "%",
  "é",
  "🍵",
);

describe("safeRedirect", () => {
  it("whatever string comes in, the answer is a path on this site (never throws)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.array(piece, { maxLength: 8 }).map((a) => a.join("")),
          fc.tuple(fc.constantFrom("/", "//", "/\\", "/\t/"), fc.string()).map(([a, b]) => a + b),
        ),
        (s) => {
          staysHome(safeRedirect(s));
          staysHome(safeRedirect(s, "/cart"));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("sends the attacks of the security review home", () => {
    for (const s of [
      "/\t/evil.example",
      "/\r\n/evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/.//evil.example",
      "/a/..//evil.example",
      "///evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      " /account",
      "/account\r\nSet-Cookie: x=1",
      "http://xutra.invalid/account",
      "",
    ])
      expect(safeRedirect(s, "/home"), JSON.stringify(s)).toBe("/home");
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
  });

  it("keeps honest paths, with their query and hash, encoded as a browser sends them", () => {
    expect(safeRedirect("/checkout")).toBe("/checkout");
    expect(safeRedirect("/console?x=1#orders")).toBe("/console?x=1#orders");
    expect(safeRedirect("/search?q=chè tân cương".replaceAll(" ", "+"))).toBe(
      "/search?q=ch%C3%A8+t%C3%A2n+c%C6%B0%C6%A1ng",
    );
    expect(safeRedirect("/%09/evil.example")).toBe("/%09/evil.example"); // encoded: a path here, not a tab
  });
});
