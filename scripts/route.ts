// `npm run -s route -- --solomon FILE --seconds N [--seed S] [--iterations K]`
// Solves a Solomon VRPTW instance (least total distance with the fleet given) and prints
// {"routes": [[customer numbers in visiting order], ...], "vehicles": n, "distance": d}.
// Bad arguments or a bad file: a clear message on stderr (Vietnamese, then English), exit 2.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { parseSolomon, solomonProblem, SolomonFormatError } from "../app/routing/solomon";
import { solve } from "../app/routing/solver";
import { RoutingInputError } from "../app/routing/model";

function fail(vi: string, en: string): never {
  process.stderr.write(`Lỗi: ${vi}\nError: ${en}\n`);
  process.exit(2);
}

let values: { solomon?: string; seconds?: string; seed?: string; iterations?: string };
try {
  ({ values } = parseArgs({
    options: {
      solomon: { type: "string" },
      seconds: { type: "string" },
      seed: { type: "string" },
      iterations: { type: "string" },
    },
    strict: true,
  }));
} catch (e) {
  fail("tham số không hợp lệ", `bad arguments: ${(e as Error).message}`);
}
if (!values.solomon) fail("thiếu --solomon TỆP", "missing --solomon FILE");
const seconds = values.seconds === undefined ? 1 : Number(values.seconds);
if (!Number.isFinite(seconds) || seconds <= 0)
  fail("--seconds phải là số dương", "--seconds must be a positive number");
const seed = values.seed === undefined ? 1 : Number(values.seed);
if (!Number.isInteger(seed)) fail("--seed phải là số nguyên", "--seed must be a whole number");
const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
if (iterations !== undefined && !(Number.isInteger(iterations) && iterations > 0)) {
  fail("--iterations phải là số nguyên dương", "--iterations must be a positive whole number");
}

let text: string;
try {
  text = fs.readFileSync(values.solomon, "utf8");
} catch (e) {
  fail(
    `không đọc được tệp ${values.solomon}`,
    `cannot read ${values.solomon}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
  );
}
try {
  const inst = parseSolomon(text);
  const result = solve(solomonProblem(inst), { seconds, seed, iterations, objective: "distance" });
  if (result.unassigned.length) {
    process.stderr.write(
      `Cảnh báo / Warning: ${result.unassigned.length} customers cannot be served with the fleet given: ${result.unassigned.map((u) => `${u.jobId} (${u.reason})`).join(", ")}\n`,
    );
  }
  const routes = result.routes.map((r) => r.stops.map((s) => Number(s.jobId)));
  process.stdout.write(
    JSON.stringify({ routes, vehicles: routes.length, distance: result.distance }) + "\n",
  );
  process.exit(0);
} catch (e) {
  if (e instanceof SolomonFormatError)
    fail(
      `tệp Solomon ${values.solomon} sai định dạng: ${e.message}`,
      `bad Solomon file ${values.solomon}: ${e.message}`,
    );
  if (e instanceof RoutingInputError)
    fail(`dữ liệu không hợp lệ: ${e.message}`, `invalid instance: ${e.message}`);
  throw e;
}
