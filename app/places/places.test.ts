// GET /api/places and /api/places/{code} against the real database, and the loader
// keeping the units in step with a new edition of the national list.
import { describe, expect, it } from "vitest";
import { loader as communesLoader } from "~/routes/api.places.$provinceCode";
import { loader as provincesLoader } from "~/routes/api.places";
import { prisma } from "~/utils/db.server";
import units from "./data/vn-units.json";
import { forgetPlaces } from "./places.server";
import { loadUnits } from "./units.server";
import type { UnitsFile } from "./units";

const BASE = "http://localhost:3000";
const communes = (code: string, q = "") =>
  communesLoader({
    request: new Request(`${BASE}/api/places/${code}${q ? `?q=${encodeURIComponent(q)}` : ""}`),
    params: { provinceCode: code },
    context: {},
  });

describe("GET /api/places", () => {
  it("lists the 34 provinces in force with code, name and type, cacheable", async () => {
    const res = await provincesLoader();
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toMatch(/public, max-age=3600/);
    const body = (await res.json()) as {
      provinces: { code: string; name: string; type: string }[];
    };
    expect(body.provinces).toHaveLength(34);
    expect(body.provinces).toContainEqual({ code: "96", name: "Cà Mau", type: "tỉnh" });
    expect(body.provinces).toContainEqual({ code: "01", name: "Hà Nội", type: "thành phố" });
  });
});

describe("GET /api/places/{provinceCode}", () => {
  it("lists a province's communes and wards by name", async () => {
    const res = await communes("19");
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await res.json()) as { communes: { code: string; name: string; type: string }[] };
    expect(body.communes).toHaveLength(92);
    expect(body.communes).toContainEqual({ code: "05740", name: "La Hiên", type: "xã" });
    expect(body.communes).toContainEqual({
      code: "05443",
      name: "Phan Đình Phùng",
      type: "phường",
    });
    const names = body.communes.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "vi")));
  });
  it("finds a commune typed without diacritics (?q=)", async () => {
    const body = (await (await communes("19", "la hien")).json()) as {
      communes: { code: string }[];
    };
    expect(body.communes[0].code).toBe("05740");
    const camau = (await (await communes("96", "tan thanh")).json()) as {
      communes: { name: string }[];
    };
    expect(camau.communes[0].name).toBe("Tân Thành");
  });
  it("answers 404 for a code that is not a province in force", async () => {
    expect((await communes("99")).status).toBe(404);
    expect((await communes("TNG")).status).toBe(404);
  });
});

describe("the units loader", () => {
  it("retires a unit the new list drops without touching addresses that point at it, and brings it back", async () => {
    const user = await prisma.user.create({
      data: {
        phone: `+8490${Date.now() % 10_000_000}`,
        name: "B",
        passwordHash: "x",
        role: "BUYER",
      },
    });
    const address = await prisma.address.create({
      data: {
        userId: user.id,
        recipient: "B",
        phone: "0900000000",
        line: "Xóm 1",
        communeCode: "32025", // Tân Thành, Cà Mau
        provinceCode: "96",
      },
    });
    const file = units as UnitsFile;
    const without: UnitsFile = {
      ...file,
      provinces: file.provinces.map((p) =>
        p.code === "96" ? { ...p, communes: p.communes.filter((c) => c.code !== "32025") } : p,
      ),
    };
    expect(await loadUnits(prisma, without)).toMatchObject({ created: 0, updated: 0, retired: 1 });
    forgetPlaces();
    const stored = await prisma.commune.findUniqueOrThrow({ where: { code: "32025" } });
    expect(stored.retiredAt).not.toBeNull();
    expect(await prisma.address.findUnique({ where: { id: address.id } })).not.toBeNull();
    const listed = (await (await communes("96")).json()) as { communes: { code: string }[] };
    expect(listed.communes.map((c) => c.code)).not.toContain("32025");

    expect(await loadUnits(prisma, file)).toMatchObject({ updated: 1, retired: 0 });
    forgetPlaces();
    const back = (await (await communes("96")).json()) as { communes: { code: string }[] };
    expect(back.communes.map((c) => c.code)).toContain("32025");
    // an unchanged list writes nothing
    expect(await loadUnits(prisma, file)).toMatchObject({ created: 0, updated: 0, retired: 0 });
  });
  it("the seeded places are on the official codes: no made-up code is left", async () => {
    expect(await prisma.commune.count({ where: { code: { contains: "-" } } })).toBe(0);
    expect(await prisma.commune.count({ where: { retiredAt: null } })).toBe(3321);
    expect(await prisma.stall.count()).toBeGreaterThan(0);
    expect(await prisma.stall.count({ where: { communeCode: { contains: "-" } } })).toBe(0);
    expect(await prisma.household.count({ where: { communeCode: { contains: "-" } } })).toBe(0);
  });
});
