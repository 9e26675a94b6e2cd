import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

// Each test file may also read the stack's database (import prisma from
// ~/utils/db.server) and its generated secrets: point this worker at them.
const stack = inject("securityStack");
const secrets = JSON.parse(
  fs.readFileSync(path.join(stack.DATA_DIR, "secrets.json"), "utf8"),
) as Record<string, string>;
Object.assign(process.env, {
  NODE_ENV: "test",
  BASE_URL: stack.BASE_URL,
  DATA_DIR: stack.DATA_DIR,
  DATABASE_URL: stack.DATABASE_URL,
  SESSION_SECRET: secrets.sessionSecret,
  ...(secrets.stripeWebhookSecret ? { STRIPE_WEBHOOK_SECRET: secrets.stripeWebhookSecret } : {}),
});
