// Child process for sqlite-adapter.test.ts: read-modify-write transactions on a shared row.
import { prisma } from "~/utils/db.server";

const [key, times] = [process.argv[2], Number(process.argv[3])];
for (let i = 0; i < times; i++) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUniqueOrThrow({ where: { key } });
    await new Promise((r) => setTimeout(r, 5));
    await tx.rateLimit.update({ where: { key }, data: { count: row.count + 1 } });
  });
}
await prisma.$disconnect();
