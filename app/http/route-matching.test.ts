import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { cachedRouterSource } from "./route-matching";

type Router = typeof import("@remix-run/router") & { UNSAFE_routeMatchingCached?: boolean };

const require = createRequire(import.meta.url);
const file = require.resolve("@remix-run/router");
const original = readFileSync(file, "utf8");

/** A fresh copy of the router from `source`, outside Node's module cache. */
function load(source: string): Router {
  const m = new Module(file) as Module & { _compile(s: string, f: string): void };
  m.filename = file;
  m._compile(source, file);
  return m.exports as Router;
}

// a tree shaped like the app's: a root layout, nested layouts, index routes, params,
// optional segments, a splat, case sensitivity
const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "campaigns", path: "campaigns" },
      { id: "campaign", path: "campaigns/:slug" },
      {
        id: "console",
        path: "console",
        children: [
          { id: "console-index", index: true },
          { id: "stall", path: "stalls/:stallId/campaigns/:campaignId?" },
          { id: "Exact", path: "Exact", caseSensitive: true },
        ],
      },
      { id: "preorder", path: "preorders/:id" },
      { id: "lang", path: ":lang?/about" },
      { id: "splat", path: "*" },
    ],
  },
];
const paths = [
  "/",
  "/campaigns",
  "/campaigns/",
  "/campaigns/na-la-hien",
  "/campaigns/na%20la",
  "/CAMPAIGNS/x",
  "/console",
  "/console/stalls/s1/campaigns",
  "/console/stalls/s1/campaigns/c9",
  "/console/Exact",
  "/console/exact",
  "/preorders/abc",
  "/en/about",
  "/about",
  "/nowhere/at/all",
];
const shape = (ms: ReturnType<Router["matchRoutes"]>) =>
  ms?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname }));

describe("cached route matching", () => {
  it("applies to the installed @remix-run/router (an upgrade that changes its source fails here)", () => {
    expect(cachedRouterSource(original)).not.toBeNull();
    expect(load(cachedRouterSource(original)!).UNSAFE_routeMatchingCached).toBe(true);
  });

  it("leaves a source it does not know alone", () => {
    expect(cachedRouterSource("function matchRoutes() {}")).toBeNull();
  });

  it("matches every path as the router itself does, the first time and again", () => {
    const plain = load(original);
    const cached = load(cachedRouterSource(original)!);
    for (const p of paths) {
      const expected = shape(plain.matchRoutes(routes, p));
      expect(shape(cached.matchRoutes(routes, p)), p).toEqual(expected);
      expect(shape(cached.matchRoutes(routes, p)), p).toEqual(expected);
    }
    for (const [pattern, p] of [
      ["/campaigns/:slug", "/campaigns/x"],
      [{ path: "/a/*", end: false }, "/a/b/c"],
      [{ path: "/Exact", caseSensitive: true }, "/exact"],
      [{ path: "/Exact", caseSensitive: false }, "/exact"],
      [{ path: "/a", end: false }, "/a/b"],
      [{ path: "/a", end: true }, "/a/b"],
    ] as const) {
      expect(cached.matchPath(pattern, p)).toEqual(plain.matchPath(pattern, p));
      expect(cached.matchPath(pattern, p)).toEqual(plain.matchPath(pattern, p));
    }
  });

  it("a new route tree is matched on its own (nothing is kept from another tree)", () => {
    const cached = load(cachedRouterSource(original)!);
    expect(shape(cached.matchRoutes(routes, "/campaigns/x"))?.at(-1)?.id).toBe("campaign");
    const other = [{ id: "only", path: "campaigns/:slug/edit" }];
    expect(cached.matchRoutes(other, "/campaigns/x")).toBeNull();
    expect(shape(cached.matchRoutes(other, "/campaigns/x/edit"))?.at(-1)?.id).toBe("only");
  });
});
