// `npm run -s allocate -- FILE.json`: the flash-harvest allocation rule for auditors and
// outside checks (app/harvest/rules/allocation.ts, decision 0043). Prints the awards of
// every request; exit 0, or 2 with a clear error for bad input.
import fs from "node:fs";
import { allocate, ALLOCATION_RULE } from "../app/harvest/rules/allocation";
import { allocationInputSchema, describeIssues } from "../app/harvest/rules/allocation-input";

const HELP = `Chia hàng vụ thu hoạch / flash-harvest allocation (rule ${ALLOCATION_RULE})

Usage: npm run -s allocate -- FILE.json [--ledger]

FILE.json:
  {"supply": 120, "seed": "na-la-hien-2027-08-14",
   "requests": [{"id": "b1", "units": 3, "tier": 0}, ...]}
  supply   boxes confirmed for the day (whole number >= 0)
  seed     the published seed of the campaign's day (slug-YYYY-MM-DD)
  requests id (unique), units (>= 0), tier (>= 0, lower is served first),
           optional carryOver (true/false; only shown with --ledger)
  reserve  optional grading reserve kept back from supply (default 0)
  cap      optional per-buyer cap (>= 1; default none)

Prints {"awards": {"b1": 3, ...}} with every id (zero included), in file order.
--ledger prints the whole ledger entry instead (input hash, entry hash, awards).
Exit 0 on success, 2 on bad input (the problems are listed on stderr).
`;

function fail(lines: string[]): never {
  process.stderr.write(
    `allocate: dữ liệu không hợp lệ / invalid input\n${lines.map((l) => `  ${l}\n`).join("")}`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}
const files = args.filter((a) => !a.startsWith("--"));
const unknown = args.filter((a) => a.startsWith("--") && a !== "--ledger");
if (unknown.length) fail([`không rõ tuỳ chọn / unknown option: ${unknown.join(" ")} (see --help)`]);
if (files.length !== 1) fail([`cần đúng một tệp JSON / give exactly one JSON file (see --help)`]);

let raw: string;
try {
  raw = fs.readFileSync(files[0], "utf8");
} catch (e) {
  fail([
    `không đọc được tệp / cannot read ${files[0]}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
  ]);
}
let json: unknown;
try {
  json = JSON.parse(raw);
} catch (e) {
  fail([`không phải JSON / not valid JSON: ${(e as Error).message}`]);
}
const parsed = allocationInputSchema.safeParse(json);
if (!parsed.success) fail(describeIssues(parsed.error));

const entry = allocate(parsed.data);
if (args.includes("--ledger")) {
  process.stdout.write(`${JSON.stringify(entry, null, 2)}\n`);
} else {
  const awards: Record<string, number> = {};
  for (const r of parsed.data.requests) awards[r.id] = entry.awards[r.id];
  process.stdout.write(`${JSON.stringify({ awards })}\n`);
}
