// `npm run migrate`: the release step. Applies the pending migrations of the database
// DATABASE_URL names (SQLite under DATA_DIR by default; postgresql://… uses PostgreSQL's own
// history, docs/decisions/0071). With several app instances on one PostgreSQL, run this once
// per release and start the instances with MIGRATE=false, so they do not race to migrate.
import fs from "node:fs/promises";
import path from "node:path";
import { databaseUrlFor, migrate, root } from "../lib/stack";

const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, "data"));
const url = process.env.DATABASE_URL ?? databaseUrlFor(dataDir);
if (url.startsWith("file:")) await fs.mkdir(dataDir, { recursive: true });
await migrate({ ...process.env, DATABASE_URL: url });
console.log(`[xứ trà] migrated ${url.replace(/\/\/[^@/]*@/, "//…@")}`);
