// The production build: the Remix app (vite) and the two long-running Node processes
// `npm start` supervises, compiled to plain JavaScript beside it. Running them compiled
// instead of through tsx saves each process tsx's loader thread (~34 MB resident), which
// the footprint budget of a small server needs (docs/decisions/0042).
import path from "node:path";
import { run } from "./process";
import { bin, root } from "./stack";

export const compiled = (buildDir: string) => ({
  appServer: path.join(buildDir, "app-server.mjs"),
  stripeLocal: path.join(buildDir, "stripe-local.mjs"),
});

/** Builds in a child process: vite keeps hundreds of MB that the supervisor must not hold. */
export async function buildProduction(env: NodeJS.ProcessEnv, buildDir: string) {
  await run(process.execPath, ["--import", "tsx", import.meta.filename], {
    cwd: root,
    env: { ...env, BUILD_DIR: buildDir },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function buildAll(env: NodeJS.ProcessEnv, buildDir: string) {
  const { build } = await import("vite"); // only in the build's own process
  await run(bin("remix"), ["vite:build"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const out = compiled(buildDir);
  // vite's SSR build leaves every package an import (resolved from the build inside the repo)
  for (const [entry, outfile] of [
    [path.join(root, "server.ts"), out.appServer],
    [path.join(root, "scripts", "stripe-local", "server.ts"), out.stripeLocal],
  ]) {
    await build({
      configFile: false,
      root,
      logLevel: "warn",
      build: {
        ssr: entry,
        outDir: path.dirname(outfile),
        emptyOutDir: false,
        target: "node20",
        minify: false,
        rollupOptions: { output: { format: "esm", entryFileNames: path.basename(outfile) } },
      },
    });
  }
}

// `tsx scripts/lib/build.ts`: the whole production build into BUILD_DIR (default build/)
if (process.argv[1] === import.meta.filename)
  await buildAll(process.env, path.resolve(process.env.BUILD_DIR ?? path.join(root, "build")));
