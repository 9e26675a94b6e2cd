// The PostgreSQL driver adapter as Prisma's migrate commands need it (prisma.config.ts only;
// the app uses the stock adapter). Two traps of @prisma/adapter-pg 6.19.3 (see
// docs/decisions/0071 and ../shared/notes/postgres.md):
// - the catalog types `name` (OID 19) and `"char"` (OID 18) that migrate's own queries return
//   have no mapping ("Column type 'name' could not be deserialized", prisma/orm#27403):
//   they are reported as text, which they are;
// - a migration file is split on `;`, which breaks a `$$` function body: each file goes to
//   the server as one query instead, so PostgreSQL also applies it atomically.
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type Transaction,
} from "@prisma/driver-adapter-utils";

const TEXT = 25;
const CATALOG_TEXT = new Set([18, 19]);

type Result = { fields: { dataTypeID: number }[] };
type WithIO = { performIO(q: unknown): Promise<Result> };

function asText<T extends object>(queryable: T): T {
  const q = queryable as unknown as WithIO;
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    for (const f of result.fields) if (CATALOG_TEXT.has(f.dataTypeID)) f.dataTypeID = TEXT;
    return result;
  };
  return queryable;
}

function wrap(adapter: SqlDriverAdapter): SqlDriverAdapter {
  asText(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (level) => asText<Transaction>(await startTransaction(level));
  const pool = (adapter as unknown as { client: { query(sql: string): Promise<unknown> } }).client;
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
}

// New migrations come from `migrate diff` between schema files (npm run db:pg), never from
// `migrate dev`, whose shadow database adapter-pg 6.19.3 gets wrong (the notes).
const noShadow = async (): Promise<SqlDriverAdapter> => {
  throw new Error("no shadow database: write PostgreSQL migrations with npm run db:pg");
};

export function migrateAdapter(connectionString: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg({ connectionString });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: noShadow,
  };
}

/**
 * For `prisma migrate diff` between two schema files, which needs no database but still
 * asks the adapter for the server's version: answers that one query as PostgreSQL 15 would,
 * refuses everything else. It lets a developer without PostgreSQL add the twin migration.
 */
export function offlineAdapter(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = async () => {
    throw new Error("no PostgreSQL here: offline adapter for migrate diff between schema files");
  };
  const adapter = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    queryRaw: async (q: { sql: string }) => {
      if (!/^SELECT EXISTS\(SELECT 1 FROM pg_namespace/.test(q.sql)) return refuse();
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, "PostgreSQL 15.18", 150018]],
      };
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
    dispose: async () => undefined,
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => adapter as unknown as SqlDriverAdapter,
    connectToShadowDb: noShadow,
  };
}
