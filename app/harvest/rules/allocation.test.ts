import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AllocationInputError,
  allocate,
  canonicalJson,
  hashedBodyJson,
  hashedInputJson,
  carryOverRequests,
  outcomes,
  reallocate,
  seededOrder,
  seedFor,
  sha256Hex,
  verify,
  type AllocationEntry,
  type AllocationInput,
  type AllocationRequest,
} from "./allocation";
import { sha256HexPure } from "./sha256";

const request = (ids: string[]) =>
  fc.tuple(
    ...ids.map((id) =>
      fc.record({
        id: fc.constant(id),
        units: fc.integer({ min: 0, max: 12 }),
        tier: fc.integer({ min: 0, max: 3 }),
        carryOver: fc.boolean(),
      }),
    ),
  );
const requests: fc.Arbitrary<AllocationRequest[]> = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 25 })
  .chain((ids) => request(ids))
  .map((rs) => [...rs]);
const input: fc.Arbitrary<AllocationInput> = fc.record({
  supply: fc.integer({ min: 0, max: 150 }),
  seed: fc.string({ minLength: 1, maxLength: 20 }),
  requests,
  reserve: fc.integer({ min: 0, max: 10 }),
  cap: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
});

const cappedOf = (i: AllocationInput, r: AllocationRequest) =>
  i.cap == null ? r.units : Math.min(r.units, i.cap);
const shared = (i: AllocationInput) => Math.max(0, i.supply - (i.reserve ?? 0));
const sum = (awards: Record<string, number>) => Object.values(awards).reduce((a, b) => a + b, 0);

/** The rule spelled out box by box: each box goes to the earliest tier still short, to the
 *  buyer holding the fewest boxes there, ties by seeded order. */
function boxByBox(i: AllocationInput): { awards: Record<string, number>; sequence: string[] } {
  const awards: Record<string, number> = Object.fromEntries(i.requests.map((r) => [r.id, 0]));
  const rank = new Map(
    seededOrder(
      i.seed,
      i.requests.map((r) => r.id),
    ).map((id, k) => [id, k]),
  );
  const sequence: string[] = [];
  for (let box = 0; box < shared(i); box++) {
    const open = i.requests.filter((r) => awards[r.id] < cappedOf(i, r));
    if (!open.length) break;
    const tier = Math.min(...open.map((r) => r.tier));
    const next = open
      .filter((r) => r.tier === tier)
      .sort((a, b) => awards[a.id] - awards[b.id] || rank.get(a.id)! - rank.get(b.id)!)[0];
    awards[next.id]++;
    sequence.push(next.id);
  }
  return { awards, sequence };
}

describe("sha256 (pure where there is no Node, so the rule runs anywhere)", () => {
  it("matches the FIPS test vectors", () => {
    for (const hash of [sha256Hex, sha256HexPure]) {
      expect(hash("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      expect(hash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
      expect(hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
      );
    }
  });
  it("the pure implementation matches node:crypto for any text, any length (Vietnamese included)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: "grapheme", maxLength: 80 }),
          fc.string({ minLength: 100, maxLength: 3000 }),
          fc.constant("Na La Hiên – Võ Nhai, Thái Nguyên"),
        ),
        (s) => {
          const expected = createHash("sha256").update(s, "utf8").digest("hex");
          expect(sha256HexPure(s)).toBe(expected);
          expect(sha256Hex(s)).toBe(expected);
        },
      ),
    );
  });
});

describe("allocation: worked examples", () => {
  it("one tier, uniform rule: 7 boxes for 5, 5, 1 -> 3, 3, 1", () => {
    const e = allocate({
      supply: 7,
      seed: "s",
      requests: [
        { id: "a", units: 5, tier: 0 },
        { id: "b", units: 5, tier: 0 },
        { id: "c", units: 1, tier: 0 },
      ],
    });
    expect(e.awards).toEqual({ a: 3, b: 3, c: 1 });
    expect(e.total).toBe(7);
  });
  it("carried-over tier first, then the leftovers of the short tier in seeded order", () => {
    const seed = seedFor("na-la-hien", "2027-08-14");
    expect(seed).toBe("na-la-hien-2027-08-14");
    const e = allocate({
      supply: 12,
      reserve: 2,
      seed,
      requests: [
        { id: "new1", units: 4, tier: 1 },
        { id: "old", units: 5, tier: 0 },
        { id: "new2", units: 4, tier: 1 },
        { id: "new3", units: 1, tier: 1 },
        { id: "old2", units: 3, tier: 0 },
      ],
    });
    // 10 boxes: tier 0 takes 8; 2 left for new1, new2, new3 (λ = 0), one each in seeded order.
    const [first, second] = seededOrder(seed, ["new1", "new2", "new3"]);
    expect(e.awards.old).toBe(5);
    expect(e.awards.old2).toBe(3);
    expect(e.awards[first]).toBe(1);
    expect(e.awards[second]).toBe(1);
    expect(e.total).toBe(10);
    expect(e.shared).toBe(10);
  });
  it("the cap applies before sharing, and everyone is listed, zero included", () => {
    const e = allocate({
      supply: 100,
      cap: 3,
      seed: "s",
      requests: [
        { id: "a", units: 9, tier: 0 },
        { id: "b", units: 0, tier: 0 },
      ],
    });
    expect(e.awards).toEqual({ a: 3, b: 0 });
  });
  it("rejects bad input with a clear error", () => {
    const bad: AllocationInput[] = [
      { supply: 5, seed: "s", requests: [{ id: "a", units: -1, tier: 0 }] },
      { supply: 5, seed: "s", requests: [{ id: "a", units: 1.5, tier: 0 }] },
      {
        supply: 5,
        seed: "s",
        requests: [
          { id: "a", units: 1, tier: 0 },
          { id: "a", units: 2, tier: 0 },
        ],
      },
      { supply: -5, seed: "s", requests: [] },
      { supply: 5, seed: "", requests: [] },
      { supply: 5, seed: "s", cap: 0, requests: [] },
      { supply: 5, seed: "s", requests: [{ id: "a", units: 1, tier: -1 }] },
    ];
    for (const i of bad) expect(() => allocate(i)).toThrow(AllocationInputError);
    expect(() => allocate(bad[2])).toThrow(/appears twice/);
  });
});

describe("allocation: properties", () => {
  it("equals the rule spelled out box by box (tiers, fewest boxes first, ties in seeded order)", () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(allocate(i).awards).toEqual(boxByBox(i).awards);
      }),
    );
  });
  it("sum awarded = min(supply - reserve, total capped demand); every award within 0..capped request", () => {
    fc.assert(
      fc.property(input, (i) => {
        const e = allocate(i);
        const demand = i.requests.reduce((a, r) => a + cappedOf(i, r), 0);
        expect(sum(e.awards)).toBe(Math.min(shared(i), demand));
        expect(e.total).toBe(sum(e.awards));
        expect(Object.keys(e.awards).sort()).toEqual(i.requests.map((r) => r.id).sort());
        for (const r of i.requests) {
          expect(Number.isInteger(e.awards[r.id])).toBe(true);
          expect(e.awards[r.id]).toBeGreaterThanOrEqual(0);
          expect(e.awards[r.id]).toBeLessThanOrEqual(cappedOf(i, r));
        }
      }),
    );
  });
  it("a tier gets nothing while an earlier tier is unsatisfied", () => {
    fc.assert(
      fc.property(input, (i) => {
        const e = allocate(i);
        for (const early of i.requests)
          if (e.awards[early.id] < cappedOf(i, early))
            for (const late of i.requests)
              if (late.tier > early.tier) expect(e.awards[late.id]).toBe(0);
      }),
    );
  });
  it("within a tier two unsatisfied buyers differ by at most one box, and nobody holds more than an unsatisfied buyer + 1", () => {
    fc.assert(
      fc.property(input, (i) => {
        const e = allocate(i);
        for (const a of i.requests) {
          if (e.awards[a.id] >= cappedOf(i, a)) continue;
          for (const b of i.requests) {
            if (b.tier !== a.tier) continue;
            expect(e.awards[b.id]).toBeLessThanOrEqual(e.awards[a.id] + 1);
          }
        }
      }),
    );
  });
  it("leftover boxes go in the seeded order: those given λ + 1 are a prefix of the seeded order of the short buyers", () => {
    fc.assert(
      fc.property(input, (i) => {
        const e = allocate(i);
        const short = i.requests.filter((r) => e.awards[r.id] < cappedOf(i, r));
        if (!short.length) return;
        const tier = Math.min(...short.map((r) => r.tier));
        const lambda = Math.min(...short.filter((r) => r.tier === tier).map((r) => e.awards[r.id]));
        const over = i.requests
          .filter((r) => r.tier === tier && cappedOf(i, r) > lambda)
          .map((r) => r.id);
        const got = seededOrder(i.seed, over).map((id) => e.awards[id] === lambda + 1);
        expect(got.indexOf(false) === -1 || got.slice(got.indexOf(false)).every((g) => !g)).toBe(
          true,
        );
      }),
    );
  });
  it("one more box of supply never gives anyone less", () => {
    fc.assert(
      fc.property(input, (i) => {
        const a = allocate(i).awards;
        const b = allocate({ ...i, supply: i.supply + 1 }).awards;
        for (const r of i.requests) expect(b[r.id]).toBeGreaterThanOrEqual(a[r.id]);
        expect(sum(b) - sum(a)).toBeLessThanOrEqual(1);
      }),
    );
  });
  it("does not depend on the order of the input, and the same input gives the same entry", () => {
    fc.assert(
      fc.property(
        input.chain((i) =>
          fc.tuple(
            fc.constant(i),
            fc.shuffledSubarray([...i.requests], {
              minLength: i.requests.length,
              maxLength: i.requests.length,
            }),
          ),
        ),
        ([i, shuffled]) => {
          const e = allocate(i);
          expect(canonicalJson(allocate({ ...i, requests: shuffled }))).toBe(canonicalJson(e));
          expect(canonicalJson(allocate(structuredClone(i)))).toBe(canonicalJson(e));
        },
      ),
    );
  });
  it("the hashes are sha256 of the canonical JSON the module header describes", () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 50 }), (i, boxes) => {
        for (const e of [allocate(i), reallocate(allocate(i), boxes)]) {
          expect(hashedInputJson(e.kind, e.input)).toBe(
            canonicalJson({ rule: e.rule, kind: e.kind, input: e.input }),
          );
          expect(e.inputHash).toBe(
            createHash("sha256")
              .update(canonicalJson({ rule: e.rule, kind: e.kind, input: e.input }))
              .digest("hex"),
          );
          const { entryHash, input: _input, ...body } = e;
          expect(hashedBodyJson({ ...body, input: e.input })).toBe(canonicalJson(body));
          expect(entryHash).toBe(createHash("sha256").update(canonicalJson(body)).digest("hex"));
        }
      }),
    );
  });
  it("canonical JSON sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: [2, { d: 1, c: "x" }], a: null, z: undefined })).toBe(
      '{"a":null,"b":[2,{"c":"x","d":1}]}',
    );
  });
  it("an entry recomputes from its own input; any tampering is caught", () => {
    fc.assert(
      fc.property(input, (i) => {
        const e = allocate(i);
        expect(verify(e)).toBe(true);
        expect(verify(JSON.parse(JSON.stringify(e)))).toBe(true);
        if (i.requests.length) {
          const id = i.requests[0].id;
          const forged: AllocationEntry = structuredClone(e);
          forged.awards[id] += 1;
          expect(verify(forged)).toBe(false);
          const moved: AllocationEntry = structuredClone(e);
          moved.input.requests[0].tier += 1;
          expect(verify(moved)).toBe(false);
        }
        if (i.requests.length > 1) {
          const doubled: AllocationEntry = structuredClone(e);
          doubled.input.requests[1].id = doubled.input.requests[0].id;
          expect(verify(doubled)).toBe(false);
        }
        const reseeded: AllocationEntry = structuredClone(e);
        reseeded.input.seed += "x";
        expect(verify(reseeded)).toBe(false);
      }),
    );
  });
});

describe("re-allocation after weighing", () => {
  const withBoxes = input.chain((i) => fc.tuple(fc.constant(i), fc.integer({ min: 0, max: 160 })));
  it("never below zero, only takes back, total = min(boxes, previous total), lists exactly the buyers affected", () => {
    fc.assert(
      fc.property(withBoxes, ([i, boxes]) => {
        const prev = allocate(i);
        const next = reallocate(prev, boxes);
        expect(next.kind).toBe("reallocation");
        expect(next.total).toBe(Math.min(boxes, prev.total));
        for (const r of i.requests) {
          expect(next.awards[r.id]).toBeGreaterThanOrEqual(0);
          expect(next.awards[r.id]).toBeLessThanOrEqual(prev.awards[r.id]);
        }
        const lost = i.requests
          .filter((r) => next.awards[r.id] < prev.awards[r.id])
          .map((r) => r.id)
          .sort();
        expect(next.affected.map((a) => a.id)).toEqual(lost);
        for (const a of next.affected)
          expect([a.before, a.after]).toEqual([prev.awards[a.id], next.awards[a.id]]);
        expect(next.input.previous?.entryHash).toBe(prev.entryHash);
        expect(verify(next)).toBe(true);
      }),
    );
  });
  it("takes boxes back in the reverse of the order they were given (one box: the last one given)", () => {
    fc.assert(
      fc.property(input, (i) => {
        const prev = allocate(i);
        fc.pre(prev.total > 0);
        const next = reallocate(prev, prev.total - 1);
        const last = boxByBox(i).sequence.at(-1)!;
        expect(next.affected).toEqual([
          { id: last, before: prev.awards[last], after: prev.awards[last] - 1 },
        ]);
      }),
    );
  });
  it("k boxes back = the last k boxes of the sequence; equals a fresh allocation of the weighed boxes", () => {
    fc.assert(
      fc.property(withBoxes, ([i, boxes]) => {
        const prev = allocate(i);
        const next = reallocate(prev, boxes);
        const { sequence } = boxByBox(i);
        const kept: Record<string, number> = Object.fromEntries(i.requests.map((r) => [r.id, 0]));
        for (const id of sequence.slice(0, Math.min(boxes, prev.total))) kept[id]++;
        expect(next.awards).toEqual(kept);
        expect(next.awards).toEqual(
          allocate({ ...i, reserve: 0, supply: Math.min(boxes, shared(i)) }).awards,
        );
      }),
    );
  });
  it("re-allocating twice is the same as once to the smaller figure; more boxes change nothing", () => {
    fc.assert(
      fc.property(withBoxes, fc.integer({ min: 0, max: 160 }), ([i, a], b) => {
        const prev = allocate(i);
        const twice = reallocate(reallocate(prev, a), b);
        expect(twice.awards).toEqual(reallocate(prev, Math.min(a, b)).awards);
        expect(reallocate(prev, prev.total + b).awards).toEqual(prev.awards);
        expect(reallocate(prev, prev.total + b).affected).toEqual([]);
        expect(verify(twice)).toBe(true);
      }),
    );
  });
});

describe("what happens to the unfilled part", () => {
  it("each request is filled, carried over (if allowed) or released; carried requests keep their tier", () => {
    fc.assert(
      fc.property(input, (i) => {
        const e = allocate(i);
        const out = outcomes(e);
        expect(out.map((o) => o.id).sort()).toEqual(i.requests.map((r) => r.id).sort());
        for (const r of i.requests) {
          const o = out.find((x) => x.id === r.id)!;
          expect(o.unfilled).toBe(cappedOf(i, r) - e.awards[r.id]);
          expect(o.disposition).toBe(
            o.unfilled === 0 ? "filled" : r.carryOver ? "carry-over" : "release",
          );
        }
        const carried = carryOverRequests(e);
        expect(carried).toEqual(
          out
            .filter((o) => o.disposition === "carry-over")
            .map((o) => ({ id: o.id, units: o.unfilled, tier: o.tier, carryOver: true })),
        );
      }),
    );
  });
  it("next day: carried-over buyers come before that day's new requests", () => {
    const day1 = allocate({
      supply: 3,
      seed: "na-la-hien-2027-08-14",
      requests: [
        { id: "an", units: 3, tier: 0, carryOver: true },
        { id: "binh", units: 3, tier: 0, carryOver: true },
        { id: "chi", units: 2, tier: 0 },
      ],
    });
    const carried = carryOverRequests(day1);
    expect(outcomes(day1).find((o) => o.id === "chi")?.disposition).toBe(
      day1.awards.chi === 2 ? "filled" : "release",
    );
    const day2 = allocate({
      supply: carried.reduce((a, r) => a + r.units, 0),
      seed: "na-la-hien-2027-08-15",
      requests: [...carried, { id: "dung", units: 3, tier: 1 }],
    });
    for (const r of carried) expect(day2.awards[r.id]).toBe(r.units);
    expect(day2.awards.dung).toBe(0);
  });
  it("after a weighing shortfall, what was taken back is unfilled again", () => {
    const e = allocate({
      supply: 6,
      seed: "s",
      requests: [
        { id: "a", units: 3, tier: 0, carryOver: true },
        { id: "b", units: 3, tier: 0 },
      ],
    });
    const r = reallocate(e, 4);
    expect(r.awards).toEqual({ a: 2, b: 2 });
    expect(outcomes(r).map((o) => [o.id, o.unfilled, o.disposition])).toEqual([
      ["a", 1, "carry-over"],
      ["b", 1, "release"],
    ]);
  });
});
