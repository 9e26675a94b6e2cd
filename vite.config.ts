import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  server: { watch: { ignored: ["**/data/**", "**/test-results/**"] } },
  // browsers: es2020 (older phones); the server bundle runs on Node 20, which has top-level await
  build: { target: isSsrBuild ? "node20" : "es2020" },
  // BUILD_DIR lets concurrent test runs build side by side (scripts/test-e2e.ts).
  plugins: [
    tailwindcss(),
    remix({ ...remixConfig, buildDirectory: process.env.BUILD_DIR ?? "build" }),
    tsconfigPaths(),
  ],
}));
