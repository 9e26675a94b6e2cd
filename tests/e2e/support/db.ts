// Test-only checks against the e2e stack's database, run in a child process (tsx)
// so they use the app's own Prisma client:
//   tsx tests/e2e/support/db.ts count-products <stallId> <name prefix>
import { prisma } from "~/utils/db.server";

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === "count-products") {
  const [stallId, prefix] = rest;
  console.log(
    JSON.stringify({
      count: await prisma.product.count({
        where: { stallId, name: { startsWith: prefix }, deletedAt: null },
      }),
    }),
  );
} else {
  throw new Error(`unknown command ${cmd}`);
}
await prisma.$disconnect();
