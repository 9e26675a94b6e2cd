// Test data for the delivery tests (imported by *.test.ts only): a campaign day of HTX
// Na La Hiên with two households' picks, two buyers' awarded pre-orders, a vehicle with
// a driver account, and either a run written here (`runs: "manual"`) or none (the
// test plans the day with app/dispatch).
import { prisma } from "~/utils/db.server";

const COOP = "coop-na-la-hien";
export const uniq = () => Math.random().toString(36).slice(2, 9);
/** An instant given as local time (Asia/Ho_Chi_Minh) of a day. */
export const localAt = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);

export async function deliveryDay(day: string, opts: { runs: "manual" | "none" }) {
  const id = uniq();
  const stall = await prisma.stall.findFirstOrThrow({ where: { cooperativeId: COOP } });
  const product = await prisma.product.findFirstOrThrow({
    where: { stallId: stall.id, deletedAt: null },
  });
  const members = await prisma.membership.findMany({
    where: { cooperativeId: COOP, status: "ACTIVE", household: { userId: { not: null } } },
    orderBy: { householdId: "asc" },
    take: 2,
    include: { household: { include: { plots: true } } },
  });
  const start = new Date(`${day}T00:00:00+07:00`);
  const campaign = await prisma.harvestCampaign.create({
    data: {
      slug: `na-giao-${id}`,
      title: `Na giao thử ${id}`,
      stallId: stall.id,
      cooperativeId: COOP,
      productId: product.id,
      unitKind: "BOX",
      boxGrams: 5000,
      priceVnd: 250_000,
      unitLabel: "Thùng 5 kg",
      expectedUnits: 40,
      preorderOpensAt: new Date(start.getTime() - 10 * 864e5),
      preorderClosesAt: new Date(start.getTime() - 4 * 3600e3),
      firstDay: day,
      lastDay: day,
      harvestFrom: start,
      harvestTo: new Date(start.getTime() + 864e5),
      deliveryCommunes: JSON.stringify(["05740", "05503"]),
      compensationPct: 10,
      status: "OPEN",
      collectionPoints: {
        create: [
          {
            name: "Sân HTX Na La Hiên",
            communeCode: "05740",
            latitude: 21.735,
            longitude: 105.93,
          },
        ],
      },
    },
  });
  const households = [];
  for (const [i, m] of members.entries()) {
    let plot = m.household.plots.find((p) => p.latitude !== null && p.longitude !== null);
    if (!plot)
      plot = await prisma.plot.create({
        data: {
          householdId: m.householdId,
          name: "Đồi na",
          crop: "na",
          communeCode: "05740",
          latitude: 21.74 + i * 0.01,
          longitude: 105.94,
        },
      });
    await prisma.campaignHousehold.create({
      data: {
        campaignId: campaign.id,
        householdId: m.householdId,
        plotId: plot.id,
        expectedUnits: 20,
      },
    });
    const pick = await prisma.pick.create({
      data: {
        campaignId: campaign.id,
        householdId: m.householdId,
        day,
        units: i === 0 ? 10 : 8,
        readyAt: localAt(day, "06:00"),
      },
    });
    households.push({ household: m.household, plot, pick, userId: m.household.userId! });
  }
  const buyerIds = ["u-buyer-001", "u-buyer-002"];
  const preOrders = [];
  for (const [i, buyerId] of buyerIds.entries())
    preOrders.push(
      await prisma.preOrder.create({
        data: {
          campaignId: campaign.id,
          buyerId,
          requestedUnits: 9,
          allocatedUnits: 9,
          status: "CONFIRMED",
          requestedDay: day,
          originDay: day,
          recipient: i === 0 ? "Chị Lan" : "Anh Minh",
          phone: i === 0 ? "+84912000001" : "+84915000002",
          communeCode: "05740",
          provinceCode: "19",
          line: `Xóm Đồng Dong, số ${i + 1}`,
          latitude: 21.72 - i * 0.01,
          longitude: 105.92,
        },
      }),
    );
  const entry = await prisma.allocationEntry.create({
    data: {
      campaignId: campaign.id,
      day,
      sequence: 1,
      kind: "ALLOCATE",
      ruleVersion: "test",
      seed: id,
      inputsHash: id,
      inputs: "{}",
      supply: 18,
      demand: 18,
      awarded: 18,
      awards: {
        create: preOrders.map((p) => ({ preOrderId: p.id, tier: 1, requested: 9, units: 9 })),
      },
    },
  });
  const driver = await prisma.user.create({
    data: {
      phone: `+8491${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`,
      name: `Lái xe ${id}`,
      passwordHash: "x",
      role: "BUYER",
    },
  });
  const vehicle = await prisma.vehicle.create({
    data: {
      campaignId: campaign.id,
      name: `Xe tải anh Tùng ${id}`,
      kind: "TRUCK",
      capacityUnits: 40,
      capacityKg: 1000,
      shiftStart: "05:00",
      shiftEnd: "20:00",
      driverName: "Anh Tùng",
      driverPhone: "+84913999001",
      driverUserId: driver.id,
    },
  });
  const base = { campaign, households, preOrders, entry, driver, vehicle, day };
  if (opts.runs === "none") return { ...base, run: null, dispatch: null };

  const dispatch = await prisma.dayDispatch.create({
    data: {
      campaignId: campaign.id,
      day,
      version: 1,
      status: "PUBLISHED",
      plannedAt: localAt(day, "05:00"),
      publishedAt: localAt(day, "05:00"),
    },
  });
  const pickedAt = localAt(day, "06:30");
  const run = await prisma.run.create({
    data: {
      dispatchId: dispatch.id,
      version: 1,
      vehicleId: vehicle.id,
      leg: "DIRECT",
      startsAt: localAt(day, "06:00"),
      endsAt: localAt(day, "10:00"),
      km: 24.5,
      loadUnits: 18,
      stops: {
        create: [
          ...households.map((h, i) => ({
            position: i,
            kind: "PICKUP",
            pickId: h.pick.id,
            householdId: h.household.id,
            units: h.pick.units,
            name: h.household.name,
            phone: h.household.phone ?? "",
            latitude: h.plot.latitude,
            longitude: h.plot.longitude,
            windowStart: localAt(day, "06:15"),
            windowEnd: localAt(day, "07:15"),
            plannedArrival: localAt(day, i === 0 ? "06:30" : "06:50"),
          })),
          ...preOrders.map((p, i) => ({
            position: 2 + i,
            kind: "DELIVERY",
            preOrderId: p.id,
            units: 9,
            name: p.recipient,
            phone: p.phone,
            line: p.line,
            latitude: p.latitude,
            longitude: p.longitude,
            windowStart: localAt(day, i === 0 ? "07:30" : "08:00"),
            windowEnd: localAt(day, i === 0 ? "08:30" : "09:00"),
            plannedArrival: localAt(day, i === 0 ? "07:45" : "08:20"),
            pickedAt,
            latestArrival: new Date(pickedAt.getTime() + 4 * 3600e3),
          })),
        ],
      },
    },
    include: { stops: { orderBy: { position: "asc" } } },
  });
  return { ...base, run, dispatch };
}
