// An outsider on the open internet: plain HTTP to the running stack, a cookie
// jar, CSRF tokens scraped from the forms it was served, nothing else.
import { randomInt } from "node:crypto";
import { inject } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../../app/domain/demo-users";

export const stack = () => inject("securityStack");
export const baseUrl = () => inject("securityStack").BASE_URL;
export { DEMO_PASSWORD, DEMO_USERS };

export type DemoRole = (typeof DEMO_USERS)[number]["role"];
export const demoPhone = (role: DemoRole) => DEMO_USERS.find((u) => u.role === role)!.phone;

/** A fresh address in 198.18.0.0/15 (benchmarking range): its own rate-limit buckets. */
export function randomAddress() {
  return `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;
}

type Body = Record<string, string | string[]> | URLSearchParams | FormData | string | Uint8Array;

export class Outsider {
  readonly cookies = new Map<string, string>();
  /** The CSRF token from the last page with a form, if any. */
  csrf: string | null = null;

  constructor(
    readonly address: string = randomAddress(),
    readonly base: string = baseUrl(),
  ) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** fetch with this outsider's cookies and address; never follows redirects. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size && !headers.has("Cookie")) headers.set("Cookie", this.cookieHeader());
    if (!headers.has("X-Forwarded-For")) headers.set("X-Forwarded-For", this.address);
    const res = await fetch(new URL(path, this.base), { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** GET a page; remembers the CSRF token its forms carry. Returns status and HTML. */
  async page(path: string, init: RequestInit = {}): Promise<{ res: Response; html: string }> {
    const res = await this.fetch(path, init);
    const html = await res.text();
    const token = csrfFrom(html);
    if (token) this.csrf = token;
    return { res, html };
  }

  async get(path: string, init: RequestInit = {}) {
    return this.fetch(path, init);
  }

  /**
   * POST a form (urlencoded unless a FormData is given). The CSRF token is added
   * from the last page seen (or by visiting `csrfFrom` first) unless `csrf: false`.
   */
  async post(
    path: string,
    fields: Body,
    opts: { csrf?: boolean; csrfFrom?: string; headers?: Record<string, string> } = {},
  ) {
    if (opts.csrf !== false && !this.csrf) await this.page(opts.csrfFrom ?? "/login");
    let body: BodyInit;
    const headers = new Headers(opts.headers);
    if (fields instanceof FormData) {
      if (opts.csrf !== false && this.csrf && !fields.has("csrf")) fields.set("csrf", this.csrf);
      body = fields;
    } else if (typeof fields === "string" || fields instanceof Uint8Array) {
      body = fields as BodyInit; // Uint8Array<ArrayBufferLike>: fetch takes any view
      if (!headers.has("Content-Type"))
        headers.set("Content-Type", "application/x-www-form-urlencoded");
    } else {
      const params = fields instanceof URLSearchParams ? fields : new URLSearchParams();
      if (!(fields instanceof URLSearchParams)) {
        for (const [k, v] of Object.entries(fields))
          for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      }
      if (opts.csrf !== false && this.csrf && !params.has("csrf")) params.set("csrf", this.csrf);
      body = params;
    }
    return this.fetch(path, { method: "POST", body, headers });
  }

  /** Logs in through the real form; throws unless the site lets us in. */
  async login(phone: string, password: string = DEMO_PASSWORD) {
    await this.page("/login");
    const res = await this.post("/login", { phone, password });
    if (res.status !== 302 && res.status !== 303) {
      throw new Error(
        `login as ${phone} failed: ${res.status} ${(await res.text()).slice(0, 300)}`,
      );
    }
    this.csrf = null; // a new session may come with a new page token; scrape again
    return res;
  }

  async loginAs(role: DemoRole) {
    return this.login(demoPhone(role));
  }
}

export function csrfFrom(html: string): string | null {
  return (
    /name="csrf"\s+value="([^"]+)"/.exec(html)?.[1] ??
    /value="([^"]+)"\s+name="csrf"/.exec(html)?.[1] ??
    null
  );
}

/** Decodes the few entities React escapes in attribute values and text. */
export function unescapeHtml(s: string) {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
