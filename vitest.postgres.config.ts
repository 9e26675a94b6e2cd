import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

// The integration tests a second time, on PostgreSQL (docs/decisions/0073): `.ci/run` starts a
// throwaway server and sets TEST_PG_URL; each file gets its own database copied from the
// seeded template. Unit tests do not touch the database and run once, in the SQLite pass.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["tests/integration/**/*.test.ts", "app/**/*.test.ts"],
      exclude: [
        // SQLite's own connection handling (decision 0048): nothing of it runs on PostgreSQL
        "tests/integration/sqlite-adapter.test.ts",
        "**/node_modules/**",
      ],
    },
  }),
);
