// The auditors' command, run as a real process: `npm run -s allocate -- FILE.json`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allocate } from "~/harvest/rules/allocation";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "allocate-cmd-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (content: unknown) => {
  const p = path.join(dir, `in-${n++}.json`);
  fs.writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
};
// tsx through node directly: the same script npm runs, without npm's start-up per case.
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/allocate.ts", ...args], {
    encoding: "utf8",
  });

const day = {
  supply: 12,
  seed: "na-la-hien-2027-08-14",
  requests: [
    { id: "b1", units: 3, tier: 0 },
    { id: "b2", units: 5, tier: 0 },
    { id: "b3", units: 4, tier: 1 },
    { id: "b4", units: 4, tier: 1 },
    { id: "b5", units: 0, tier: 1 },
  ],
};

describe("npm run -s allocate", () => {
  it("prints every id's award (zero included) as JSON and exits 0, through npm itself", () => {
    const r = spawnSync("npm", ["run", "-s", "allocate", "--", file(day)], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({ awards: allocate(day).awards });
    expect(Object.keys(out.awards)).toEqual(["b1", "b2", "b3", "b4", "b5"]);
    expect(out.awards.b1 + out.awards.b2).toBe(8);
    expect(out.awards.b3 + out.awards.b4).toBe(4);
    expect(out.awards.b5).toBe(0);
  });
  it("takes the optional cap and reserve, and prints the ledger entry with --ledger", () => {
    const input = { ...day, cap: 2, reserve: 3 };
    const r = run(file(input), "--ledger");
    expect(r.status).toBe(0);
    const entry = JSON.parse(r.stdout);
    expect(entry).toEqual(allocate(input));
    expect(entry.shared).toBe(9);
    expect(entry.awards).toEqual({ b1: 2, b2: 2, b3: 2, b4: 2, b5: 0 });
  });
  it.each([
    [
      "negative units",
      { ...day, requests: [{ id: "b1", units: -1, tier: 0 }] },
      /requests\[0\]\.units: .*must be >= 0/,
    ],
    [
      "duplicate ids",
      {
        ...day,
        requests: [
          { id: "b1", units: 1, tier: 0 },
          { id: "b1", units: 2, tier: 0 },
        ],
      },
      /requests\[1\]\.id: .*duplicate of requests\[0\]/,
    ],
    ["a missing field", { supply: 3, requests: [] }, /seed: .*missing/],
    [
      "a missing tier",
      { ...day, requests: [{ id: "b1", units: 1 }] },
      /requests\[0\]\.tier: .*missing/,
    ],
    ["a fractional box", { ...day, supply: 2.5 }, /supply: .*whole number/],
    ["a misspelt field", { ...day, reserv: 2 }, /unknown field: reserv/],
    ["text for a number", { ...day, supply: "12" }, /supply: .*must be a number/],
    ["bad JSON", '{"supply": 12,', /not valid JSON/],
  ])("refuses %s with a clear error and exit 2", (_what, content, message) => {
    const r = run(file(content));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/invalid input/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
  it("refuses a missing file or no file with exit 2; --help explains the format", () => {
    const missing = run(path.join(dir, "nope.json"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: ENOENT/);
    expect(run().status).toBe(2);
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/"requests"/);
    expect(help.stdout).toMatch(/reserve/);
    expect(help.stdout).toMatch(/cap/);
  });
});
