import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSolomon, SolomonFormatError } from "./solomon";
import { checkSolomonRoutes } from "./feasibility-check";

const c101 = fs.readFileSync(path.resolve("tests/fixtures/solomon/c101.txt"), "utf8");

/** The first n customers of c101: a small instance of the real format. */
function smallInstance(n: number) {
  const lines = c101.split("\n");
  const depotAt = lines.findIndex((l) => /^\s+0\s/.test(l));
  return lines.slice(0, depotAt + 1 + n).join("\n") + "\n";
}

function runRoute(args: string[]) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", path.resolve("scripts/route.ts"), ...args],
    { encoding: "utf8", timeout: 60_000 },
  );
}

describe("parseSolomon", () => {
  it("reads the fleet, the depot and every customer", () => {
    const inst = parseSolomon(c101);
    expect(inst.name).toBe("C101");
    expect(inst.vehicles).toBe(25);
    expect(inst.capacity).toBe(200);
    expect(inst.depot).toMatchObject({ no: 0, x: 40, y: 50, due: 1236 });
    expect(inst.customers).toHaveLength(100);
    expect(inst.customers[0]).toEqual({
      no: 1,
      x: 45,
      y: 68,
      demand: 10,
      ready: 912,
      due: 967,
      service: 90,
    });
  });

  const bad: [string, string, RegExp][] = [
    ["an empty file", "", /empty/],
    [
      "no vehicle section",
      c101.replace("VEHICLE", "VEHICLES?").replace(/NUMBER\s+CAPACITY/, ""),
      /VEHICLE/,
    ],
    [
      "a non-numeric field",
      c101.replace("   45         68 ", "   45         6x8 "),
      /"6x8" is not a number/,
    ],
    ["a truncated last line", c101.trimEnd().slice(0, -12), /expected 7 numbers/],
    ["no depot line", c101.replace(/\n\s+0\s+40\s+50[^\n]*/, ""), /no depot/],
    [
      "a duplicated customer",
      c101.replace(/\n(\s+2\s+45\s+70[^\n]*)/, "\n$1\n$1"),
      /appears twice/,
    ],
    [
      "a window that ends before it opens",
      c101.replace("912        967", "967        912"),
      /empty time window/,
    ],
    ["no customers at all", c101.split("\n").slice(0, 10).join("\n"), /depot but no customers/],
  ];
  for (const [what, text, message] of bad) {
    it(`refuses ${what}`, () => {
      expect(() => parseSolomon(text)).toThrow(SolomonFormatError);
      expect(() => parseSolomon(text)).toThrow(message);
    });
  }
});

describe("npm run route (spawned)", () => {
  it("solves a small instance and prints feasible routes as JSON, exit 0", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "route-"));
    const file = path.join(dir, "c101-25.txt");
    const text = smallInstance(25);
    fs.writeFileSync(file, text);
    const r = runRoute(["--solomon", file, "--seconds", "1"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { routes: number[][]; vehicles: number; distance: number };
    expect(Object.keys(out)).toEqual(["routes", "vehicles", "distance"]);
    expect(out.vehicles).toBe(out.routes.length);
    const check = checkSolomonRoutes(text, out.routes, out.distance);
    expect(check.problems).toEqual([]);
    expect(out.routes.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    fs.rmSync(dir, { recursive: true });
  });

  it("gives the same routes for the same seed and iteration budget", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "route-"));
    const file = path.join(dir, "c101-30.txt");
    fs.writeFileSync(file, smallInstance(30));
    const args = ["--solomon", file, "--iterations", "200", "--seed", "7", "--seconds", "60"];
    const a = runRoute(args);
    const b = runRoute(args);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    fs.rmSync(dir, { recursive: true });
  });

  it("says clearly what is wrong with a bad file and exits 2", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "route-"));
    const file = path.join(dir, "bad.txt");
    fs.writeFileSync(file, smallInstance(5).replace("   45         68 ", "   45         sáu "));
    const r = runRoute(["--solomon", file, "--seconds", "1"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("sai định dạng");
    expect(r.stderr).toContain('"sáu" is not a number');
    const missing = runRoute(["--solomon", path.join(dir, "nope.txt")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("ENOENT");
    const noArg = runRoute(["--seconds", "1"]);
    expect(noArg.status).toBe(2);
    expect(noArg.stderr).toContain("--solomon");
    fs.rmSync(dir, { recursive: true });
  });
});
