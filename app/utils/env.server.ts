import path from "node:path";
import { z } from "zod";

// Parsed once. `npm start` (scripts/start.ts) fills in generated secrets and the
// local Meilisearch it started; every value can be set from outside instead.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // app server processes sharing PORT (node:cluster, read by server.ts; docs/decisions/0049):
  // 2 on a 2-core machine doubles what a flash sale can take, at ~200 MB more memory
  APP_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  DATA_DIR: z.string().default(path.resolve("data")),
  DATABASE_URL: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters"),
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  MEILI_INDEX_PREFIX: z.string().default("xutra_"),
  // no default: `npm start` generates one per install for its local Stripe-compatible server;
  // without a key (and without that server) card payment is not offered
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  // no default: generated per install (data/secrets.json, scripts/lib/stack.ts) or set from the Stripe dashboard
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .min(16, "STRIPE_WEBHOOK_SECRET must be at least 16 characters")
    .optional(),
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .default(15 * 1024 * 1024),
  // unreferenced photo/document files younger than this are kept (an upload writes files before its row)
  FILE_CLEANUP_GRACE_HOURS: z.coerce.number().min(0).default(24),
  // S3-compatible file store (photos, certificate scans, label sheets) instead of DATA_DIR:
  // what several app instances share (app/files/, docs/decisions/0074)
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // bucket in the path (http://host/bucket/key): what MinIO, Garage and most self-hosted servers need
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).optional(),
  SHOW_DEMO_LOGINS: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  // /dev/mailbox: on by default outside production, off (404) under NODE_ENV=production
  // unless a test stack turns it on explicitly (scripts/test-e2e.ts sets DEV_MAILBOX=true)
  DEV_MAILBOX: z.enum(["true", "false"]).optional(),
  // browser tests only (scripts/test-e2e.ts): lets an admin move the app's clock at /dev/clock
  // (app/utils/clock.server.ts, docs/decisions/0045); refused below for an https PUBLIC_URL
  TEST_CLOCK: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export type Env = z.infer<typeof schema>;

function parse(): Env {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `  ${i.path.join(".")}: ${i.message}`)
      .join("\n");
    throw new Error(
      `Invalid environment:\n${problems}\nRun the app with \`npm start\`, which sets the defaults.`,
    );
  }
  if (result.data.TEST_CLOCK && result.data.PUBLIC_URL?.startsWith("https:"))
    throw new Error(
      "Invalid environment:\n  TEST_CLOCK: the test clock is for browser tests and is never turned on for a public (https) site",
    );
  const d = result.data;
  if (!d.S3_BUCKET && (d.S3_ENDPOINT || d.S3_ACCESS_KEY_ID || d.S3_SECRET_ACCESS_KEY))
    throw new Error(
      "Invalid environment:\n  S3_BUCKET: the S3 file store needs a bucket (or unset every S3_ setting to keep files under DATA_DIR)",
    );
  if (!d.S3_ACCESS_KEY_ID !== !d.S3_SECRET_ACCESS_KEY)
    throw new Error(
      "Invalid environment:\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither (the SDK's own credential chain)",
    );
  return d;
}

export const env = parse();

export const devMailboxEnabled = env.DEV_MAILBOX
  ? env.DEV_MAILBOX === "true"
  : env.NODE_ENV !== "production";

export const databaseUrl = env.DATABASE_URL ?? `file:${path.join(env.DATA_DIR, "app.db")}`;
export const uploadsDir = path.join(env.DATA_DIR, "uploads");
export const documentsDir = path.join(env.DATA_DIR, "documents");

/** The S3 file store's settings, or null for the local disk under DATA_DIR (the default). */
export const s3Settings = env.S3_BUCKET
  ? {
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      // path style by default with an endpoint of one's own; virtual-hosted for AWS itself
      forcePathStyle: env.S3_FORCE_PATH_STYLE
        ? env.S3_FORCE_PATH_STYLE === "true"
        : Boolean(env.S3_ENDPOINT),
      credentials:
        env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
          : undefined,
    }
  : null;
