import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// `npm run test:security`: attacks a real stack (scripts/start.ts, as `npm start`
// runs it) over HTTP the way an outsider would. One stack for the whole run;
// files run one after another so limiters and timings are not shared by accident.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/security/**/*.test.ts"],
    globalSetup: ["tests/security/support/stack.ts"],
    setupFiles: ["tests/security/support/env.ts"],
    testTimeout: 60_000,
    hookTimeout: 360_000,
    pool: "forks",
    fileParallelism: false,
  },
});
