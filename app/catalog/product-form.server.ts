import { parseWithZod } from "@conform-to/zod";
import { ProductSchema } from "~/domain/listing";
import { prisma } from "~/utils/db.server";
import { resolveProducer } from "~/cooperatives/access.server";

type Stall = { id: string; householdId: string | null; cooperativeId: string | null };

/** Choices the product form offers for a stall. */
export async function productFormOptions(stall: Stall) {
  const [categories, members, certs] = await Promise.all([
    prisma.category.findMany({
      orderBy: [{ position: "asc" }, { nameVi: "asc" }],
      select: { id: true, nameVi: true, nameEn: true },
    }),
    stall.cooperativeId
      ? prisma.membership.findMany({
          where: { cooperativeId: stall.cooperativeId, status: "ACTIVE" },
          include: { household: true },
          orderBy: { household: { name: "asc" } },
        })
      : Promise.resolve(null),
    prisma.certification.findMany({
      where: { stallId: stall.id, status: { not: "REJECTED" } },
      orderBy: { issuedAt: "desc" },
      take: 50,
    }),
  ]);
  return {
    categories,
    producers: members
      ? members.map((m) => ({ id: m.household.id, name: m.household.name }))
      : null,
    certificates: certs.map((c) => ({
      id: c.id,
      label: `${c.kind}${c.stars ? ` ${c.stars}★` : ""} · ${c.number}${c.status === "PENDING" ? " (…)" : ""}`,
    })),
  };
}

/**
 * Parses the product form. On a cooperative stall the producing household must be
 * an ACTIVE member of that cooperative; a bad choice is a field error, not a 500.
 */
export async function parseProductForm(formData: FormData, stall: Stall) {
  const submission = parseWithZod(formData, { schema: ProductSchema });
  if (submission.status !== "success") return { invalid: submission.reply() } as const;
  const producerId = await resolveProducer(stall, submission.value.householdId);
  if (stall.cooperativeId && !producerId) {
    return {
      invalid: submission.reply({ fieldErrors: { householdId: ["listing.producerInvalid"] } }),
    } as const;
  }
  return { submission, input: submission.value, producerId } as const;
}
