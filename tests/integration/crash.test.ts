// A process killed in the middle of ordering leaves a consistent database:
// every unit is either still in stock, held by a pending checkout, or in an
// order, and a pending checkout's units come back when it is released.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { releaseCheckout } from "~/checkout/checkout.server";
import { prisma } from "~/utils/db.server";
import { makeProduct, makeStall } from "../helpers/buyer";

const T = `crash${Date.now().toString(36)}`;
const STOCK = 10_000;

/** Runs the worker until it has placed `before` checkouts, then SIGKILLs it a random moment later. */
function runAndKill(variantId: string, before: number) {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "tests/helpers/checkout-crash-worker.ts", variantId],
      { env: process.env, stdio: ["ignore", "pipe", "inherit"] },
    );
    let placed = 0;
    let first = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      if (!placed) first = Date.now();
      placed += chunk.toString().split("\n").filter(Boolean).length;
      // a random moment within one more iteration: before, inside or between the two transactions
      const iteration = (Date.now() - first) / Math.max(1, placed - 1);
      if (placed >= before && !child.killed)
        setTimeout(() => child.kill("SIGKILL"), Math.random() * iteration);
    });
    child.on("exit", (code, signal) =>
      signal === "SIGKILL"
        ? resolve(placed)
        : reject(new Error(`worker exited on its own (${code})`)),
    );
  });
}

async function ledger(variantId: string) {
  const [variant, reservations, items, checkouts] = await Promise.all([
    prisma.variant.findUniqueOrThrow({ where: { id: variantId } }),
    prisma.stockReservation.groupBy({
      by: ["status"],
      where: { variantId },
      _sum: { quantity: true },
    }),
    prisma.orderItem.aggregate({ where: { variantId }, _sum: { quantity: true } }),
    prisma.checkout.findMany({
      where: { reservations: { some: { variantId } } },
      include: { reservations: true, orders: { include: { items: true } }, payments: true },
    }),
  ]);
  const sum = (s: string) => reservations.find((r) => r.status === s)?._sum.quantity ?? 0;
  return {
    stock: variant.stock,
    held: sum("HELD"),
    consumed: sum("CONSUMED"),
    released: sum("RELEASED"),
    ordered: items._sum.quantity ?? 0,
    checkouts,
  };
}

function expectConsistent(l: Awaited<ReturnType<typeof ledger>>) {
  expect(l.stock + l.held + l.consumed).toBe(STOCK);
  expect(l.ordered).toBe(l.consumed);
  for (const c of l.checkouts) {
    const statuses = new Set(c.reservations.map((r) => r.status));
    if (c.status === "PENDING") {
      expect([...statuses]).toEqual(["HELD"]);
      expect(c.orders).toHaveLength(0);
    } else if (c.status === "PLACED") {
      expect([...statuses]).toEqual(["CONSUMED"]);
      expect(c.orders).toHaveLength(1);
      expect(c.orders[0].items.reduce((s, i) => s + i.quantity, 0)).toBe(2);
      expect(c.payments).toHaveLength(1);
    } else {
      expect([...statuses]).toEqual(["RELEASED"]);
      expect(c.orders).toHaveLength(0);
    }
  }
}

describe("a crash in the middle of ordering", () => {
  it("never leaves units half-taken, orders without stock, or stock without orders", async () => {
    const stall = await makeStall(T);
    await makeProduct(stall.id, T, { stock: STOCK });
    const variantId = `var-${T}`;
    let placed = 0;
    for (let round = 0; round < 6; round++) {
      placed += await runAndKill(variantId, 3);
      expectConsistent(await ledger(variantId));
    }
    const before = await ledger(variantId);
    expect(before.consumed).toBeGreaterThanOrEqual(placed * 2);
    // what a killed process left pending is given back by the expiry path
    for (const c of before.checkouts.filter((c) => c.status === "PENDING"))
      expect(await releaseCheckout(c.id, "EXPIRED")).toBe(true);
    const after = await ledger(variantId);
    expectConsistent(after);
    expect(after.held).toBe(0);
    expect(after.stock + after.ordered).toBe(STOCK);
  }, 120_000);
});
