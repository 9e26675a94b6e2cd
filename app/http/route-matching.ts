// Remix matches a request's path with @remix-run/router 1.x, which on every call
// flattens the whole route tree, ranks every branch and compiles each pattern it tries
// into a new RegExp: two or three calls per request, about an eighth of the app's CPU in
// a pre-order rush (docs/decisions/0076). On the server a route tree never changes once
// built (production builds it once; development builds new arrays, which miss), so the
// ranked branches are kept per route array and each compiled pattern per pattern text.
//
// The router offers no hook for this and calls these functions internally, so its own
// CommonJS source is loaded here with the two functions wrapped, and put in Node's module
// cache before anything of Remix is loaded (server.ts calls this first, imports Remix after).
// If the source is not the one expected (another version), the router is left as it is.
import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";

const FLATTEN = "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n";
const COMPILE = "function compilePath(path, caseSensitive, end) {";

const CACHES = `
const rankedByRoutes = new WeakMap();
function rankedBranches(routes) {
  let branches = rankedByRoutes.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    rankedByRoutes.set(routes, branches);
  }
  return branches;
}
const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = path + "\\u0000" + !!caseSensitive + "\\u0000" + (end === undefined || !!end);
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    compiled = compilePathUncached(path, caseSensitive, end);
    if (compiledPaths.size >= 5000) compiledPaths.clear();
    compiledPaths.set(key, compiled);
  }
  return compiled;
}
exports.UNSAFE_routeMatchingCached = true;
`;

/** The router's source with matching cached, or null if it is not the source this expects. */
export function cachedRouterSource(source: string): string | null {
  if (source.split(FLATTEN).length !== 2 || source.split(COMPILE).length !== 2) return null;
  return (
    source
      .replace(FLATTEN, "  let branches = rankedBranches(routes);\n")
      .replace(COMPILE, "function compilePathUncached(path, caseSensitive, end) {") + CACHES
  );
}

type LoadableModule = Module & {
  _compile(source: string, filename: string): void;
  loaded: boolean;
  paths: string[];
};

/** Loads @remix-run/router with cached matching; false if it was loaded already or did not match. */
export function cacheRouteMatching(): boolean {
  const require = createRequire(import.meta.url);
  const file = require.resolve("@remix-run/router");
  if (require.cache[file]) return false;
  const source = cachedRouterSource(readFileSync(file, "utf8"));
  if (!source) {
    console.warn(`[app] ${file} is not the router version expected: route matching uncached`);
    return false;
  }
  const m = new Module(file) as LoadableModule;
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(file),
  );
  m._compile(source, file);
  m.loaded = true;
  require.cache[file] = m as NodeJS.Module;
  return true;
}
