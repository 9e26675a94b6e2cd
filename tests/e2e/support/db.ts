// Test-only setup and checks against the e2e stack's database and files, run in
// a child process (tsx) so it can use the app's own Prisma client and helpers:
//   tsx tests/e2e/support/db.ts order <stallId> <productName>   -> prints the order id
//   tsx tests/e2e/support/db.ts count-products <stallId> <prefix>
// The checkout that would normally create orders belongs to the buyer side.
import { prisma } from "~/utils/db.server";
import { createOrder } from "../../helpers/seller";

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === "order") {
  const [stallId, productName] = rest;
  const variant = await prisma.variant.findFirstOrThrow({ where: { product: { stallId, name: productName }, active: true } });
  const order = await createOrder({ stallId, variantId: variant.id, quantity: 1, paymentMethod: "COD" });
  console.log(JSON.stringify({ id: order.id, number: order.number }));
} else if (cmd === "count-products") {
  const [stallId, prefix] = rest;
  console.log(JSON.stringify({ count: await prisma.product.count({ where: { stallId, name: { startsWith: prefix }, deletedAt: null } }) }));
} else {
  throw new Error(`unknown command ${cmd}`);
}
await prisma.$disconnect();
