// An S3 server in this process, on loopback (s3rver: the S3 wire protocol over a
// directory), for tests of the S3 file store. Sets the app's S3_ settings, so it
// must run before anything imports app/utils/env.server.ts.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll } from "vitest";

export async function startS3(bucket = "xutra-test") {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  Object.assign(process.env, {
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: bucket,
    S3_REGION: "us-east-1",
    // s3rver's own fixed test credentials (it checks signatures with them)
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_FORCE_PATH_STYLE: "true",
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(directory, { recursive: true, force: true });
  });
  return { port, bucket, directory };
}
