// Hole 4: unbounded request bodies. A 200 MB urlencoded POST to /login grew the
// server by ~600 MB before the CSRF refusal. Every body now has a limit for its
// kind of route, enforced while it streams, before any parsing: 413, translated.
import fs from "node:fs";
import http from "node:http";
import { describe, expect, it } from "vitest";
import { Outsider, baseUrl, stack } from "./support/outsider";

const MB = 1024 * 1024;

function rssKb(pid: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

/**
 * Streams `total` bytes of "a=aaaa…" to `path` with node:http (Content-Length or
 * chunked) and resolves with the status the server answers, which may come
 * before the upload is done. No cookie, like an outsider.
 */
function flood(
  path: string,
  total: number,
  opts: { chunked?: boolean; contentType?: string; headers?: Record<string, string> } = {},
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(path, baseUrl());
    const headers: Record<string, string> = {
      "Content-Type": opts.contentType ?? "application/x-www-form-urlencoded",
      Accept: "text/html",
      ...opts.headers,
    };
    if (!opts.chunked) headers["Content-Length"] = String(total);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "POST",
      headers,
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let done = false;
    req.on("response", (res) => {
      done = true;
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode!, body: Buffer.concat(parts).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.on("error", (e) => {
      if (!done) reject(e);
    }); // EPIPE/ECONNRESET once the server stopped reading is expected
    const write = () => {
      while (!done && sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (
          !req.write(
            sent === n
              ? Buffer.concat([Buffer.from("a="), chunk.subarray(2, n)])
              : chunk.subarray(0, n),
          )
        )
          return void req.once("drain", write);
      }
      if (!done) req.end();
    };
    write();
  });
}

async function peakGrowthDuring<T>(
  pid: string,
  work: () => Promise<T>,
): Promise<{ result: T; idleMb: number; peakGrowthMb: number }> {
  await new Promise((r) => setTimeout(r, 500));
  const idle = rssKb(pid);
  let peak = idle;
  const timer = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 20);
  try {
    const result = await work();
    await new Promise((r) => setTimeout(r, 300));
    peak = Math.max(peak, rssKb(pid));
    return { result, idleMb: idle / 1024, peakGrowthMb: (peak - idle) / 1024 };
  } finally {
    clearInterval(timer);
  }
}

describe("request body limits", () => {
  it("a 50 MB form POST to /login (no cookie) gets 413 without the server growing by 100 MB, declared or chunked", async () => {
    const pid = stack().APP_PID;
    expect(pid).toMatch(/^\d+$/);
    for (const chunked of [false, true]) {
      const { result, idleMb, peakGrowthMb } = await peakGrowthDuring(pid, () =>
        flood("/login", 50 * MB, { chunked }),
      );
      console.log(
        `[body-limits] 50 MB ${chunked ? "chunked" : "Content-Length"} POST /login: ${result.status}, idle ${idleMb.toFixed(0)} MB, peak growth ${peakGrowthMb.toFixed(1)} MB`,
      );
      expect(result.status).toBe(413);
      expect(peakGrowthMb).toBeLessThan(100);
      // translated, Vietnamese first
      expect(result.body.indexOf("Nội dung gửi lên quá lớn")).toBeGreaterThan(-1);
      expect(result.body.indexOf("Nội dung gửi lên quá lớn")).toBeLessThan(
        result.body.indexOf("What you sent is too large"),
      );
    }
    // and the site still answers
    expect((await new Outsider().get("/login")).status).toBe(200);
  });

  it("forms are small (64 KB), webhooks 1 MB, console uploads their own ceiling", async () => {
    expect((await flood("/signup", 65 * 1024)).status).toBe(413);
    expect((await flood("/cart", 65 * 1024, { chunked: true })).status).toBe(413);
    expect(
      (await flood("/webhooks/stripe", 1 * MB + 1, { contentType: "application/json" })).status,
    ).toBe(413);
    expect(
      (await flood("/webhooks/stripe", 2 * MB, { contentType: "application/json", chunked: true }))
        .status,
    ).toBe(413);
    // multipart is a file upload only in the console; elsewhere it is a small form
    expect(
      (await flood("/login", 1 * MB, { contentType: "multipart/form-data; boundary=x" })).status,
    ).toBe(413);
    expect(
      (
        await flood("/console/stalls/x/photos", 40 * MB, {
          contentType: "multipart/form-data; boundary=x",
        })
      ).status,
    ).toBe(413);
    // under the limits the app itself answers (no session, no token: not 413)
    expect((await flood("/login", 10 * 1024)).status).not.toBe(413);
    expect(
      (
        await flood("/console/stalls/x/photos", 2 * MB, {
          contentType: "multipart/form-data; boundary=x",
        })
      ).status,
    ).not.toBe(413);
  });

  it("English first when the person chose English", async () => {
    const o = new Outsider();
    const res = await o.fetch("/lang?to=en&next=/login"); // sets the lang cookie, however the switch is built
    if (!o.cookies.has("lang")) {
      console.warn(
        `[body-limits] /lang did not set a cookie (${res.status}); using the cookie format directly`,
      );
      o.cookies.set(
        "lang",
        encodeURIComponent(Buffer.from(JSON.stringify("en")).toString("base64")),
      );
    }
    const r = await o.fetch("/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/plain" },
      body: "a=" + "b".repeat(70 * 1024),
    });
    expect(r.status).toBe(413);
    const text = await r.text();
    expect(text.indexOf("What you sent is too large")).toBeLessThan(
      text.indexOf("Nội dung gửi lên quá lớn"),
    );
  });
});
