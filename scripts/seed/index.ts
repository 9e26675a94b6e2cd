// Deterministic, idempotent demo data for Thái Nguyên. Every row has a stable id;
// re-running creates what is missing and leaves existing rows as they are.
import { makeGtin13 } from "../../app/domain/gs1";
import { DEMO_PASSWORD, DEMO_USERS } from "../../app/domain/demo-users";
import { slugify } from "../../app/domain/listing";
import { normalizePhone } from "../../app/domain/phone";
import { processPhoto } from "../../app/images/pipeline.server";
import { defaultBestBefore, TRACE_TEMPLATES, traceKindOf } from "../../app/trace/steps";
import { prisma } from "../../app/utils/db.server";
import { photoShelf } from "../../app/files/files.server";
import { hashPassword } from "../../app/utils/password.server";
import { drawProductPhoto, rng } from "./art";
import {
  CATEGORIES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  HAMLETS,
  MIDDLE_NAMES,
  PRODUCT_TEMPLATES,
  type ArtKind,
  type ProductTpl,
} from "./catalog";
import { COMMUNES, FARM_COMMUNES, PROVINCES } from "./places";
import { seedHarvest } from "./harvest";

const HOUSEHOLDS = 60;
const PRODUCTS = 300;
const BASE_DATE = Date.UTC(2026, 0, 5, 1, 0, 0);
const day = 24 * 3600 * 1000;
// fresh goods' batches are dated from the day the demo is seeded (midnight UTC: stable within a day)
const SEED_TODAY = Math.floor(Date.now() / day) * day;
const pad = (n: number, w = 3) => String(n).padStart(w, "0");

const COOPERATIVES = [
  {
    id: "coop-hao-dat",
    name: "HTX Chè Hảo Đạt",
    commune: "05503",
    description:
      "Hợp tác xã chè Tân Cương, gắn mã QR trên từng sản phẩm và quản lý chất lượng chè bằng số hóa.",
  },
  {
    id: "coop-la-bang",
    name: "HTX Chè La Bằng",
    commune: "05818",
    description: "Chè dưới chân núi Tam Đảo, vùng chè đặc sản của Đại Từ.",
  },
  {
    id: "coop-trai-cai",
    name: "HTX Chè Trại Cài",
    commune: "05662",
    description: "Chè búp Trại Cài sao tay truyền thống.",
  },
  {
    id: "coop-khe-coc",
    name: "HTX Chè Khe Cốc",
    commune: "05641",
    description: "Vùng chè Khe Cốc, chè VietGAP từ năm 2016.",
  },
  {
    id: "coop-na-la-hien",
    name: "HTX Na La Hiên",
    commune: "05740",
    description: "Na trên núi đá vôi Võ Nhai, vận chuyển trong ngày thu hoạch.",
  },
  {
    id: "coop-phuc-thuan",
    name: "HTX Nông sản Phúc Thuận",
    commune: "05857",
    description: "Chè, mật ong và nông sản xã vùng cao Phúc Thuận.",
  },
  {
    id: "coop-sang-moc",
    name: "HTX Nông lâm sản Sảng Mộc",
    commune: "05719",
    description: "Măng, nấm hương, mật ong rừng của đồng bào vùng cao Sảng Mộc.",
  },
];
const MEMBERS_PER_COOP = 6;

function areaOf(communeCode: string) {
  return COMMUNES.find((c) => c.code === communeCode)!.name;
}

/** Which products a farm in this commune makes. */
function templatesFor(communeCode: string): ProductTpl[] {
  const byArt = (arts: ArtKind[]) => PRODUCT_TEMPLATES.filter((t) => arts.includes(t.art));
  if (["05740", "05716"].includes(communeCode))
    return byArt(["custard-apple", "honey", "fruit", "bamboo"]);
  if (["05569", "01906", "02020"].includes(communeCode))
    return byArt(["rice", "bamboo", "mushroom", "honey", "tea"]);
  if (["05719", "05857", "05605"].includes(communeCode))
    return byArt(["honey", "bamboo", "mushroom", "tea", "cake"]);
  return byArt(["tea", "tea-dark", "honey", "cake"]);
}

export async function seed(log: (m: string) => void = console.log) {
  const r = rng(20261124);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  log("seed: photos…");
  const arts: ArtKind[] = [
    "tea",
    "tea-dark",
    "honey",
    "rice",
    "custard-apple",
    "fruit",
    "bamboo",
    "mushroom",
    "cake",
  ];
  const photos = new Map<
    ArtKind,
    { hash: string; width: number; height: number; placeholder: string }[]
  >();
  for (const art of arts) {
    const list = [];
    for (let v = 0; v < (art === "tea" ? 5 : 3); v++)
      list.push(await processPhoto(await drawProductPhoto(art, v), photoShelf));
    photos.set(art, list);
  }

  log("seed: places, people, stalls, products…");
  await prisma.$transaction(
    async (tx) => {
      for (const p of PROVINCES)
        await tx.province.upsert({ where: { code: p.code }, create: p, update: {} });
      for (const c of COMMUNES)
        await tx.commune.upsert({ where: { code: c.code }, create: c, update: {} });
      for (const [i, c] of CATEGORIES.entries())
        await tx.category.upsert({
          where: { slug: c.slug },
          create: { id: `cat-${c.slug}`, ...c, position: i },
          update: {},
        });

      const user = (
        id: string,
        phone: string,
        name: string,
        role: string,
        cooperativeId: string | null = null,
      ) =>
        tx.user.upsert({
          where: { id },
          create: { id, phone: normalizePhone(phone)!, name, role, passwordHash, cooperativeId },
          update: {},
        });

      for (const c of COOPERATIVES)
        await tx.cooperative.upsert({
          where: { id: c.id },
          create: {
            id: c.id,
            slug: slugify(c.name),
            name: c.name,
            description: c.description,
            communeCode: c.commune,
            phone: "+84208385" + pad(COOPERATIVES.indexOf(c), 4).slice(1),
          },
          update: {},
        });

      const [buyer, householdUser, manager, officer, admin] = DEMO_USERS;
      await user("u-buyer", buyer.phone, buyer.name, "BUYER");
      await user("u-officer", officer.phone, officer.name, "OFFICER");
      await user("u-admin", admin.phone, admin.name, "ADMIN");
      await user(
        "u-manager-coop-hao-dat",
        manager.phone,
        manager.name,
        "COOP_MANAGER",
        "coop-hao-dat",
      );
      for (const [i, c] of COOPERATIVES.entries()) {
        if (i === 0) continue;
        await user(
          `u-manager-${c.id}`,
          `0914000${pad(i)}`,
          `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`,
          "COOP_MANAGER",
          c.id,
        );
      }
      for (let i = 1; i <= 8; i++)
        await user(
          `u-buyer-${pad(i)}`,
          `0915000${pad(i)}`,
          `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`,
          "BUYER",
        );

      // Households: the first MEMBERS_PER_COOP * coops are cooperative members, in the coop's commune.
      const households: {
        id: string;
        name: string;
        commune: string;
        coop: string | null;
        ownStall: boolean;
      }[] = [];
      for (let i = 1; i <= HOUSEHOLDS; i++) {
        const coopIndex = Math.floor((i - 1) / MEMBERS_PER_COOP);
        const coop = coopIndex < COOPERATIVES.length ? COOPERATIVES[coopIndex] : null;
        const commune = i === 1 ? "05503" : coop ? coop.commune : pick(FARM_COMMUNES);
        const person =
          i === 1
            ? householdUser.name
            : `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`;
        const id = `hh-${pad(i)}`;
        const uid = i === 1 ? "u-household" : `u-hh-${pad(i)}`;
        await user(uid, i === 1 ? householdUser.phone : `0913${pad(i, 6)}`, person, "HOUSEHOLD");
        await tx.household.upsert({
          where: { id },
          create: {
            id,
            name: `Hộ ${person}`,
            phone: normalizePhone(i === 1 ? householdUser.phone : `0913${pad(i, 6)}`),
            hamlet: pick(HAMLETS),
            communeCode: commune,
            userId: uid,
            onboardedById: "u-officer",
            createdAt: new Date(BASE_DATE - (90 - i) * day),
          },
          update: {},
        });
        await tx.plot.upsert({
          where: { id: `${id}-plot-1` },
          create: {
            id: `${id}-plot-1`,
            householdId: id,
            name: i % 3 ? "Đồi chè sau nhà" : "Nương trên đồi",
            crop: "chè trung du",
            areaM2: 1500 + Math.floor(r() * 8000),
            communeCode: commune,
            latitude: 21.55 + r() * 0.3,
            longitude: 105.65 + r() * 0.4,
          },
          update: {},
        });
        if (coop) {
          await tx.membership.upsert({
            where: { cooperativeId_householdId: { cooperativeId: coop.id, householdId: id } },
            create: {
              id: `m-${coop.id}-${id}`,
              cooperativeId: coop.id,
              householdId: id,
              status: "ACTIVE",
              joinedAt: new Date(BASE_DATE - 400 * day + i * day),
              acceptedAt: new Date(BASE_DATE - 400 * day + i * day),
            },
            update: {},
          });
        }
        for (const [k, kind] of ["ACCOUNT_CREATED", "TRAINING"].entries())
          await tx.onboardingRecord.upsert({
            where: { id: `ob-${id}-${k}` },
            create: {
              id: `ob-${id}-${k}`,
              officerId: "u-officer",
              householdId: id,
              kind,
              topic: kind === "TRAINING" ? "Quy trình đóng gói, bàn giao, vận chuyển" : "",
              at: new Date(BASE_DATE - (80 - i) * day + k * day),
            },
            update: {},
          });
        households.push({
          id,
          name: person,
          commune,
          coop: coop?.id ?? null,
          ownStall: i === 1 || i % 2 === 0,
        });
      }

      // Stalls: one per cooperative, and one for every other household.
      type StallSeed = {
        id: string;
        slug: string;
        name: string;
        commune: string;
        householdId: string | null;
        cooperativeId: string | null;
        members: typeof households;
      };
      const stalls: StallSeed[] = [];
      for (const c of COOPERATIVES)
        stalls.push({
          id: `stall-${c.id}`,
          slug: slugify(c.name),
          name: c.name,
          commune: c.commune,
          householdId: null,
          cooperativeId: c.id,
          members: households.filter((h) => h.coop === c.id),
        });
      // "Nhà An Tân Cương"; a second An of Tân Cương is "Nhà Văn An Tân Cương"
      const stallNames = new Set<string>();
      const stallNameOf = (h: (typeof households)[number]) => {
        const words = h.name.split(" ");
        for (let n = 1; n <= words.length; n++) {
          const name = `Nhà ${words.slice(-n).join(" ")} ${areaOf(h.commune)}`;
          if (!stallNames.has(name)) return (stallNames.add(name), name);
        }
        return `Nhà ${h.name} ${areaOf(h.commune)} (${h.id})`;
      };
      for (const h of households.filter((x) => x.ownStall))
        stalls.push({
          id: `stall-${h.id}`,
          slug: slugify(`${h.name} ${areaOf(h.commune)}`),
          name: stallNameOf(h),
          commune: h.commune,
          householdId: h.id,
          cooperativeId: null,
          members: [h],
        });

      for (const [si, s] of stalls.entries()) {
        const verified = si % 7 !== 6;
        await tx.stall.upsert({
          where: { id: s.id },
          create: {
            id: s.id,
            slug: s.slug,
            name: s.name,
            householdId: s.householdId,
            cooperativeId: s.cooperativeId,
            communeCode: s.commune,
            story: s.cooperativeId
              ? `${s.name} bán sản phẩm của ${s.members.length} hộ thành viên, đóng gói và giao hàng tập trung tại hợp tác xã.`
              : `Gia đình ${s.members[0].name} làm chè và nông sản ở ${areaOf(s.commune)} đã ba thế hệ.`,
            phone: normalizePhone(`0913${pad(si + 200, 6)}`),
            verification: verified ? "VERIFIED" : "PENDING",
            verifiedById: verified ? "u-officer" : null,
            verifiedAt: verified ? new Date(BASE_DATE - 30 * day) : null,
            shippingFeeVnd: s.cooperativeId ? 25000 : 30000,
            freeShippingFromVnd: s.cooperativeId ? 500000 : null,
            bankBin: "970405", // Agribank
            bankAccount: `1500${pad(si, 9)}`,
            bankAccountName: s.cooperativeId
              ? s.name.toUpperCase()
              : s.members[0].name.toUpperCase(),
          },
          update: {},
        });
        if (verified && s.householdId)
          await tx.onboardingRecord.upsert({
            where: { id: `ob-${s.householdId}-verified` },
            create: {
              id: `ob-${s.householdId}-verified`,
              officerId: "u-officer",
              householdId: s.householdId,
              kind: "STALL_VERIFIED",
              at: new Date(BASE_DATE - 30 * day),
            },
            update: {},
          });
        // VietGAP for some tea stalls, one of them expired, one pending review
        if (si % 3 === 0) {
          const expired = si === 9;
          await tx.certification.upsert({
            where: { id: `cert-vietgap-${s.id}` },
            create: {
              id: `cert-vietgap-${s.id}`,
              kind: "VIETGAP",
              stallId: s.id,
              issuer: "Trung tâm Chứng nhận VietGAP (demo)",
              number: `VietGAP-TT-19-${pad(si, 4)}`,
              scope: "Sản xuất chè búp tươi",
              issuedAt: new Date(BASE_DATE - (expired ? 900 : 200) * day),
              expiresAt: new Date(BASE_DATE + (expired ? -100 : 530) * day),
              status: si === 12 ? "PENDING" : "VERIFIED",
              reviewedById: si === 12 ? null : "u-officer",
              reviewedAt: si === 12 ? null : new Date(BASE_DATE - 20 * day),
            },
            update: {},
          });
        }
      }

      // Products: cooperatives carry many members' goods, households a handful each.
      const coopStalls = stalls.filter((s) => s.cooperativeId);
      const hhStalls = stalls.filter((s) => s.householdId);
      const perCoop = 20;
      const perHousehold = Math.floor((PRODUCTS - perCoop * coopStalls.length) / hhStalls.length);
      let extra = PRODUCTS - perCoop * coopStalls.length - perHousehold * hhStalls.length;
      let n = 0;
      for (const s of stalls) {
        const count = s.cooperativeId ? perCoop : perHousehold + (extra-- > 0 ? 1 : 0);
        const tpls = templatesFor(s.commune);
        for (let k = 0; k < count; k++) {
          n++;
          const tpl = tpls[k % tpls.length];
          const producer = s.members[k % s.members.length];
          const area = areaOf(producer.commune);
          const id = `prod-${pad(n)}`;
          const baseName = tpl.name.replace("{area}", area);
          const name =
            s.cooperativeId && k >= tpls.length ? `${baseName} (${producer.name})` : baseName;
          const status = n % 41 === 0 ? "DRAFT" : n % 53 === 0 ? "HIDDEN" : "ACTIVE";
          const publishedAt =
            status === "ACTIVE" ? new Date(BASE_DATE + n * 6 * 3600 * 1000) : null;
          await tx.product.upsert({
            where: { id },
            create: {
              id,
              stallId: s.id,
              householdId: producer.id,
              categoryId: `cat-${tpl.category}`,
              slug: `${slugify(baseName)}-${pad(n)}`,
              name,
              nameEn: tpl.nameEn.replace("{area}", area),
              description: tpl.description,
              status,
              perishable: !!tpl.perishable,
              seasonFrom: tpl.season?.[0] ?? null,
              seasonTo: tpl.season?.[1] ?? null,
              featured: n % 8 === 1 /* so every featured product carries OCOP (n % 4 === 1) */,
              publishedAt,
              createdAt: new Date(BASE_DATE + n * 6 * 3600 * 1000 - day),
            },
            update: {},
          });
          for (const [vi, v] of tpl.variants.entries()) {
            const stock = n % 17 === 0 ? 0 : 5 + Math.floor(r() * 120);
            const price = Math.round((v.price * (0.9 + r() * 0.25)) / 1000) * 1000;
            // Cooperatives hold GS1 Vietnam company prefixes (893...): their goods carry GTINs.
            const gtin = s.cooperativeId
              ? "0" +
                makeGtin13(
                  `8938${pad(COOPERATIVES.findIndex((c) => c.id === s.cooperativeId) + 1, 4)}${pad(n * 3 + vi, 4)}`,
                )
              : null;
            await tx.variant.upsert({
              where: { id: `${id}-v${vi}` },
              create: {
                id: `${id}-v${vi}`,
                productId: id,
                label: v.label,
                weightGrams: v.grams,
                priceVnd: price,
                stock,
                position: vi,
                gtin,
                sku: `${id.toUpperCase()}-${vi}`,
              },
              update: {},
            });
          }
          const pool = photos.get(tpl.art)!;
          for (let ph = 0; ph < (n % 2 ? 2 : 1); ph++) {
            const photo = pool[(n + ph) % pool.length];
            await tx.photo.upsert({
              where: { id: `${id}-ph${ph}` },
              create: {
                id: `${id}-ph${ph}`,
                productId: id,
                hash: photo.hash,
                width: photo.width,
                height: photo.height,
                placeholder: photo.placeholder,
                alt: name,
                position: ph,
              },
              update: {},
            });
          }
          if (n % 4 === 1) {
            const stars = n % 12 === 1 ? 5 : n % 3 === 0 ? 3 : 4;
            const expired = n % 40 === 1;
            await tx.certification.upsert({
              where: { id: `cert-ocop-${id}` },
              create: {
                id: `cert-ocop-${id}`,
                kind: "OCOP",
                stars,
                score: stars === 5 ? 91 : stars === 4 ? 78 : 62,
                stallId: s.id,
                productId: id,
                issuer: stars === 5 ? "Bộ Nông nghiệp và Môi trường" : "UBND tỉnh Thái Nguyên",
                number: `${stars === 5 ? "QĐ-BNNMT" : "QĐ-UBND"} ${1000 + n}/2025`,
                scope: baseName,
                issuedAt: new Date(BASE_DATE - (expired ? 1200 : 300) * day),
                expiresAt: new Date(BASE_DATE + (expired ? -105 : 795) * day),
                status: "VERIFIED",
                reviewedById: "u-officer",
                reviewedAt: new Date(BASE_DATE - 290 * day),
              },
              update: {},
            });
          }
          // every product has a batch (tea of the first six farms two, a fortnight apart), with
          // NSX/HSD and the processing steps of its kind (app/trace/steps.ts)
          const kind = traceKindOf(tpl.category);
          const template = TRACE_TEMPLATES[kind];
          const batchCount = tpl.tea && k < 6 ? 2 : 1;
          for (let b = 0; b < batchCount; b++) {
            const batchId = `batch-${id}-${b}`;
            const latest = b === batchCount - 1;
            // short-lived goods (fruit, fresh specialities) were packed in the last days, so the
            // batch on sale is within its date; the rest from the season's harvest
            const harvested =
              template.shelfDays < 60 && latest
                ? new Date(SEED_TODAY - ((n % 3) + 1) * day)
                : new Date(BASE_DATE + (n % 200) * day + b * 14 * day);
            const packed = new Date(
              harvested.getTime() + (template.steps.at(-1)?.hoursAfter ?? 0) * 3600 * 1000,
            );
            // an older tea batch of one farm in five is past its date: the page says so
            const bestBefore =
              !latest && n % 5 === 0
                ? new Date(packed.getTime() + 30 * day)
                : defaultBestBefore(kind, packed);
            await tx.batch.upsert({
              where: { id: batchId },
              create: {
                id: batchId,
                code: `${pad(n, 4)}${b}${"KMNPQRTVWXY"[n % 11]}`,
                lot: `L${harvested.toISOString().slice(2, 10).replace(/-/g, "")}${b}`,
                stallId: s.id,
                productId: id,
                variantId: `${id}-v0`,
                householdId: producer.id,
                plotId: `${producer.id}-plot-1`,
                harvestedAt: harvested,
                producedAt: packed,
                bestBefore,
                shelfKind: template.shelfKind,
                quantity: 20 + Math.floor(r() * 80),
                unit: "kg",
                notes: tpl.tea ? "Lứa chè chính vụ" : "",
              },
              update: {},
            });
            for (const [si2, step] of template.steps.entries())
              await tx.processingStep.upsert({
                where: { id: `${batchId}-s${si2}` },
                create: {
                  id: `${batchId}-s${si2}`,
                  batchId,
                  kind: step.kind,
                  note: step.note,
                  position: si2,
                  startedAt: new Date(harvested.getTime() + step.hoursAfter * 3600 * 1000),
                },
                update: {},
              });
          }
        }
      }
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
  await seedHarvest(passwordHash, log);
  const counts = await Promise.all([
    prisma.cooperative.count(),
    prisma.household.count(),
    prisma.product.count(),
    prisma.batch.count(),
  ]);
  log(
    `seed: ${counts[0]} cooperatives, ${counts[1]} households, ${counts[2]} products, ${counts[3]} batches`,
  );
}
