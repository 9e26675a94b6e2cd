// The flash-harvest demo: HTX Na La Hiên's open campaign for na La Hiên, with 40 member
// households and their plots on the limestone hills of La Hiên (Võ Nhai), a 10-day
// window, 300 pre-orders from buyers across Thái Nguyên, confirmed picks for the first
// two days, and the first day shared by the app's own allocation (so its ledger entry
// is what `npm run allocate` recomputes). Deterministic: stable ids, a fixed random
// seed, fixed dates; re-running adds what is missing and changes nothing else.
import { publishAllocation } from "../../app/harvest/allocation.server";
import { cutoffOf, readyAtOf } from "../../app/harvest/rules/campaign";
import { addDays, dayStart, daysOf } from "../../app/harvest/rules/preorder";
import { normalizePhone } from "../../app/domain/phone";
import { prisma } from "../../app/utils/db.server";
import { rng } from "./art";
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES } from "./catalog";
import { COMMUNES } from "./places";

export const HARVEST_SEED = {
  campaignId: "hc-na-la-hien-2027",
  slug: "na-la-hien",
  cooperativeId: "coop-na-la-hien",
  stallId: "stall-coop-na-la-hien",
  firstDay: "2027-08-12",
  lastDay: "2027-08-21",
  /** the day the seed shares (its ledger entry is the one auditors recompute) */
  allocatedDay: "2027-08-12",
  /** days households have confirmed picks for */
  pickedDays: ["2027-08-12", "2027-08-13"],
  households: 40,
  preOrders: 300,
} as const;

const pad = (n: number, w = 3) => String(n).padStart(w, "0");
const NA_HAMLETS = [
  "Xóm Đồng Dong",
  "Xóm Na Ri",
  "Xóm Làng Lường",
  "Xóm Hang Hon",
  "Xóm Cây Thị",
  "Xóm Mỏ Gà",
  "Xóm Trung Thành",
  "Xóm Đồng Bục",
];

export async function seedHarvest(passwordHash: string, log: (m: string) => void = console.log) {
  const S = HARVEST_SEED;
  if (
    await prisma.allocationEntry.findFirst({
      where: { campaignId: S.campaignId, day: S.allocatedDay },
    })
  )
    return seedVehicles();
  const r = rng(20270812);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const person = () => `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`;
  log("seed: flash harvest (na La Hiên)…");

  // The 40 member households: the cooperative's seeded members, then new ones.
  const existing = await prisma.membership.findMany({
    where: { cooperativeId: S.cooperativeId, status: "ACTIVE" },
    orderBy: { householdId: "asc" },
    select: { householdId: true },
  });
  const memberIds: string[] = existing.map((m) => m.householdId).slice(0, S.households);
  await prisma.$transaction(
    async (tx) => {
      for (let i = memberIds.length + 1; memberIds.length < S.households; i++) {
        const id = `hh-nlh-${pad(i)}`;
        const uid = `u-hh-nlh-${pad(i)}`;
        const name = person();
        const phone = normalizePhone(`0916${pad(i, 6)}`)!;
        await tx.user.upsert({
          where: { id: uid },
          create: { id: uid, phone, name, role: "HOUSEHOLD", passwordHash },
          update: {},
        });
        await tx.household.upsert({
          where: { id },
          create: {
            id,
            name: `Hộ ${name}`,
            phone,
            hamlet: pick(NA_HAMLETS),
            communeCode: "05740",
            userId: uid,
            onboardedById: "u-officer",
            createdAt: new Date(Date.UTC(2025, 5, 1 + i)),
          },
          update: {},
        });
        await tx.membership.upsert({
          where: { cooperativeId_householdId: { cooperativeId: S.cooperativeId, householdId: id } },
          create: {
            id: `m-${S.cooperativeId}-${id}`,
            cooperativeId: S.cooperativeId,
            householdId: id,
            status: "ACTIVE",
            joinedAt: new Date(Date.UTC(2025, 5, 1 + i)),
            acceptedAt: new Date(Date.UTC(2025, 5, 1 + i)),
          },
          update: {},
        });
        memberIds.push(id);
      }
      // a custard-apple orchard for each, on the hills around La Hiên
      for (const id of memberIds)
        await tx.plot.upsert({
          where: { id: `${id}-plot-na` },
          create: {
            id: `${id}-plot-na`,
            householdId: id,
            name: pick(["Vườn na đồi đá", "Vườn na sau nhà", "Nương na chân núi"]),
            crop: "na dai",
            areaM2: 2000 + Math.floor(r() * 6000),
            communeCode: "05740",
            latitude: Math.round((21.73 + r() * 0.05) * 1e5) / 1e5,
            longitude: Math.round((106.02 + r() * 0.06) * 1e5) / 1e5,
          },
          update: {},
        });

      const stall = await tx.stall.findUniqueOrThrow({ where: { id: S.stallId } });
      const products = await tx.product.findMany({
        where: { stallId: stall.id, deletedAt: null },
        orderBy: { id: "asc" },
        include: { variants: { orderBy: { position: "asc" }, take: 1 } },
      });
      const product = products.find((p) => p.name.startsWith("Na")) ?? products[0];
      const tng = COMMUNES.filter((c) => c.provinceCode === "19").map((c) => c.code);
      const expected = memberIds.map(() => 20 + Math.floor(r() * 40));
      await tx.harvestCampaign.upsert({
        where: { id: S.campaignId },
        create: {
          id: S.campaignId,
          slug: S.slug,
          title: "Na La Hiên mùa 2027",
          stallId: stall.id,
          cooperativeId: S.cooperativeId,
          productId: product.id,
          variantId: product.variants[0]?.id ?? null,
          description:
            "Na dai trên núi đá vôi La Hiên, hái buổi sáng, giao trong ngày. Khi ít hàng, mọi người được chia đều theo quy tắc công khai.",
          grade: "Loại 1 (3–4 quả/kg)",
          unitKind: "BOX",
          boxGrams: 5000,
          unitLabel: "Thùng 5 kg",
          priceVnd: 250_000,
          expectedUnits: expected.reduce((a, b) => a + b, 0),
          maxPerBuyer: 5,
          gradingReservePct: 5,
          firstDay: S.firstDay,
          lastDay: S.lastDay,
          harvestFrom: dayStart(S.firstDay),
          harvestTo: dayStart(S.lastDay),
          cutoffTime: "20:00",
          preorderOpensAt: new Date(Date.UTC(2027, 6, 20, 1)),
          preorderClosesAt: cutoffOf(S.lastDay, "20:00"),
          deliveryCommunes: JSON.stringify([...tng].sort()),
          freshNearHours: 4,
          freshFarHours: 6,
          freshFarKm: 100,
          compensationPct: 20,
          payCod: true,
          vietqrMode: "DEPOSIT",
          depositPct: 30,
          payCard: false,
          status: "OPEN",
          openedAt: new Date(Date.UTC(2027, 6, 20, 1)),
          createdById: "u-manager-coop-na-la-hien",
          createdAt: new Date(Date.UTC(2027, 6, 15, 2)),
        },
        update: {},
      });
      await tx.collectionPoint.upsert({
        where: { id: `${S.campaignId}-cp-1` },
        create: {
          id: `${S.campaignId}-cp-1`,
          campaignId: S.campaignId,
          name: "Sân HTX Na La Hiên",
          line: "Xóm Đồng Dong",
          communeCode: "05740",
          latitude: 21.7552,
          longitude: 106.0481,
          hours: "15:00-19:00",
          position: 0,
        },
        update: {},
      });
      await tx.collectionPoint.upsert({
        where: { id: `${S.campaignId}-cp-2` },
        create: {
          id: `${S.campaignId}-cp-2`,
          campaignId: S.campaignId,
          name: "Điểm nhận hàng phường Phan Đình Phùng",
          line: "Số 12 đường Hoàng Văn Thụ",
          communeCode: "05443",
          latitude: 21.5942,
          longitude: 105.8482,
          hours: "17:00-20:00",
          position: 1,
        },
        update: {},
      });
      for (const [i, id] of memberIds.entries())
        await tx.campaignHousehold.upsert({
          where: { campaignId_householdId: { campaignId: S.campaignId, householdId: id } },
          create: {
            id: `${S.campaignId}-hh-${pad(i + 1)}`,
            campaignId: S.campaignId,
            householdId: id,
            plotId: `${id}-plot-na`,
            expectedUnits: expected[i],
          },
          update: {},
        });

      // Picks for the first days: most households confirm; a few do not (the board lists them).
      for (const [d, day] of S.pickedDays.entries())
        for (const [i, id] of memberIds.entries()) {
          if ((i * 7 + d * 3) % 11 === 0) continue;
          const units = 2 + Math.floor(r() * 7);
          const ready = pick(["05:30", "06:00", "06:30", "07:00", "07:30"]);
          await tx.pick.upsert({
            where: {
              campaignId_householdId_day: { campaignId: S.campaignId, householdId: id, day },
            },
            create: {
              id: `${S.campaignId}-pick-${day}-${pad(i + 1)}`,
              campaignId: S.campaignId,
              householdId: id,
              day,
              units,
              readyAt: readyAtOf(day, ready),
              confirmedAt: new Date(cutoffOf(day, "20:00").getTime() - (2 + (i % 5)) * 3600_000),
            },
            update: {},
          });
        }

      // 300 buyers across Thái Nguyên and their pre-orders.
      for (let i = 1; i <= S.preOrders; i++) {
        const uid = `u-hbuyer-${pad(i)}`;
        const name = person();
        const phone = normalizePhone(`0917${pad(i, 6)}`)!;
        await tx.user.upsert({
          where: { id: uid },
          create: { id: uid, phone, name, role: "BUYER", passwordHash },
          update: {},
        });
        // a fifth for the first day, most for a chosen later day, one in ten "the first day possible"
        const roll = r();
        const requestedDay =
          roll < 0.2
            ? S.firstDay
            : roll < 0.9
              ? addDays(S.firstDay, 1 + Math.floor(r() * 9))
              : null;
        const communeCode = pick(tng);
        await tx.preOrder.upsert({
          where: { id: `po-nlh-${pad(i)}` },
          create: {
            id: `po-nlh-${pad(i)}`,
            campaignId: S.campaignId,
            buyerId: uid,
            requestedUnits: 1 + Math.floor(r() * 5),
            requestedDay,
            queueDay: requestedDay ?? S.firstDay,
            allowCarryOver: r() < 0.8,
            recipient: name,
            phone,
            communeCode,
            provinceCode: "19",
            line: `Số ${1 + Math.floor(r() * 200)}, ${pick(NA_HAMLETS).replace("Xóm", "tổ")}`,
            paymentMethod: "COD",
            createdAt: new Date(Date.UTC(2027, 6, 20, 2) + i * 7 * 60_000),
          },
          update: {},
        });
      }
    },
    { timeout: 300_000, maxWait: 30_000 },
  );

  // The first day, shared the way the app shares it: just after its cut-off.
  const at = new Date(cutoffOf(S.allocatedDay, "20:00").getTime() + 60_000);
  const out = await publishAllocation(
    S.campaignId,
    S.allocatedDay,
    "u-manager-coop-na-la-hien",
    at,
  );
  if (!out.ok) throw new Error(`seed: could not share ${S.allocatedDay}: ${out.error}`);
  await seedVehicles();
  log(
    `seed: ${S.slug}: ${memberIds.length} households, ${S.preOrders} pre-orders, ${daysOf(S.firstDay, S.lastDay).length} days; ${S.allocatedDay} shared ${out.awarded} of ${out.shared} boxes`,
  );
}

/**
 * The campaign's vehicles (app/dispatch): two motorbikes collect on the hill roads,
 * two trucks deliver, so the dispatcher can plan the shared day out of the box.
 */
export const HARVEST_VEHICLES = [
  {
    id: "veh-nlh-1",
    name: "Xe máy anh Tùng",
    kind: "MOTORBIKE",
    units: 25,
    kg: 140,
    from: "05:00",
    to: "14:00",
    driver: "Hoàng Văn Tùng",
    phone: "0918000001",
  },
  {
    id: "veh-nlh-2",
    name: "Xe máy chị Hoa",
    kind: "MOTORBIKE",
    units: 25,
    kg: 140,
    from: "05:00",
    to: "14:00",
    driver: "Lý Thị Hoa",
    phone: "0918000002",
  },
  {
    id: "veh-nlh-3",
    name: "Xe tải 1,5 tấn HTX",
    kind: "TRUCK",
    units: 150,
    kg: 1500,
    from: "06:00",
    to: "20:00",
    driver: "Nông Văn Hải",
    phone: "0918000003",
  },
  {
    id: "veh-nlh-4",
    name: "Xe tải nhỏ anh Sơn",
    kind: "TRUCK",
    units: 80,
    kg: 800,
    from: "06:00",
    to: "20:00",
    driver: "Đàm Văn Sơn",
    phone: "0918000004",
  },
] as const;

async function seedVehicles() {
  for (const v of HARVEST_VEHICLES)
    await prisma.vehicle.upsert({
      where: { id: v.id },
      create: {
        id: v.id,
        campaignId: HARVEST_SEED.campaignId,
        name: v.name,
        kind: v.kind,
        capacityUnits: v.units,
        capacityKg: v.kg,
        shiftStart: v.from,
        shiftEnd: v.to,
        driverName: v.driver,
        driverPhone: normalizePhone(v.phone)!,
      },
      update: {},
    });
}
