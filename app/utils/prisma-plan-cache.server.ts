// Prisma 6's JS engine compiles every query into a plan in WebAssembly before running it:
// in the flash-sale race that was a quarter of the app server's CPU (docs/benchmarks.md).
// A read's plan is a pure function of its request (model, action, arguments, values
// included), so an identical read reuses its plan: a checkout page repeats the same cart,
// variant and product reads in its action, the root loader and its own loader, and during
// a flash sale every buyer reads the same product. Only plans are kept, never results.
// Writes are always compiled afresh. Prisma 7 caches (parameterised) plans itself.
import { QueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";

const MAX_PLANS = 2000;
const MAX_REQUEST_CHARS = 8000; // a read with a long `in` list is not worth keeping
const READ =
  /^\{"modelName":"\w+","action":"(?:findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|aggregate|groupBy)"/;

type Compile = (this: object, request: string) => unknown;
const proto = QueryCompiler.prototype as unknown as {
  compile: Compile;
  __planCache?: { hits: number; misses: number };
};

/** Hits and misses since the process started (tests, diagnostics). */
export const planCacheStats = (proto.__planCache ??= install());

function install() {
  const stats = { hits: 0, misses: 0 };
  const compile = proto.compile;
  const plans = new WeakMap<object, Map<string, unknown>>(); // per compiler (per client)
  proto.compile = function (request: string) {
    if (request.length > MAX_REQUEST_CHARS || !READ.test(request))
      return compile.call(this, request);
    let cache = plans.get(this);
    if (!cache) plans.set(this, (cache = new Map()));
    const hit = cache.get(request);
    if (hit !== undefined) {
      stats.hits++;
      cache.delete(request); // most recently used last
      cache.set(request, hit);
      return hit;
    }
    stats.misses++;
    const plan = compile.call(this, request);
    if (cache.size >= MAX_PLANS) cache.delete(cache.keys().next().value!);
    cache.set(request, plan);
    return plan;
  };
  return stats;
}
