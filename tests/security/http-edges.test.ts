// Doubtful answers found by attacking the running site: odd Origin headers and
// encoded paths gave 500 (Remix's own origin check threw), AVIF photos were served
// as application/octet-stream.
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_USERS, Outsider, stack } from "./support/outsider";

/** node:http sends the path exactly as given (fetch would normalise the dot segments away first). */
function raw(method: string, rawPath: string, headers: Record<string, string> = {}, body = "") {
  const url = new URL(stack().BASE_URL);
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: rawPath,
        method,
        headers: {
          ...headers,
          ...(body
            ? {
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": String(Buffer.byteLength(body)),
              }
            : {}),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("odd requests get a 4xx, never a 500", () => {
  it("Origin: null on a form POST is refused with 403 (translated), on any path, webhooks included", async () => {
    for (const p of ["/login", "/cart", "/webhooks/stripe"]) {
      const o = new Outsider();
      await o.page("/login");
      const res = await o.post(
        p,
        { phone: DEMO_USERS[0].phone, password: "x" },
        { headers: { Origin: "null" } },
      );
      expect(res.status, p).toBe(403);
      expect(await res.text()).toContain("Yêu cầu từ trang khác bị từ chối");
    }
  });

  it("a malformed Origin, or one that disagrees with X-Forwarded-Host, is a 403", async () => {
    const o = new Outsider();
    await o.page("/login");
    const host = new URL(stack().BASE_URL).host;
    expect(
      (
        await o.post(
          "/login",
          { phone: "0912000001", password: "x" },
          { headers: { Origin: "http://[::1" } },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await o.post(
          "/login",
          { phone: "0912000001", password: "x" },
          { headers: { Origin: `http://${host}`, "X-Forwarded-Host": "evil.example" } },
        )
      ).status,
    ).toBe(403);
  });

  it("encoded dot segments cannot smuggle a request past the webhook exemption: /webhooks/%2e%2e/login is a 400", async () => {
    const o = new Outsider();
    await o.page("/login");
    const { csrf } = o;
    for (const p of [
      "/webhooks/%2e%2e/login",
      "/webhooks/%2E%2E/login",
      "/webhooks/../login",
      "/webhooks/%2e/stripe",
      "/x/%5c..%5clogin",
      "/webhooks\\..\\login",
    ]) {
      const post = await raw(
        "POST",
        p,
        { Origin: "http://evil.example", Cookie: o.cookieHeader() },
        `csrf=${csrf}&phone=0912000001&password=x`,
      );
      expect(post, `POST ${p}`).toBe(400);
      expect(await raw("GET", p), `GET ${p}`).toBe(400);
    }
    // an ordinary path with a percent-encoded Vietnamese word still works
    expect((await o.get("/search?q=ch%C3%A8")).status).toBe(200);
  });
});

describe("photos", () => {
  it("AVIF variants are served as image/avif", async () => {
    const uploads = path.join(stack().DATA_DIR, "uploads");
    let file: string | null = null;
    for (const dir of await fs.readdir(uploads)) {
      const avif = (await fs.readdir(path.join(uploads, dir)).catch(() => [] as string[])).find(
        (f) => f.endsWith(".avif"),
      );
      if (avif) {
        file = `${dir}/${avif}`;
        break;
      }
    }
    expect(file, "the seed stores AVIF variants").toBeTruthy();
    const res = await new Outsider().get(`/images/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/avif");
  });
});
