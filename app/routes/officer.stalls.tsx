import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { decideFromForm, reviewStall } from "~/console/certificates.server";
import { ReviewForm, ReviewQueue } from "~/components/review-queue";
import { formatPhone } from "~/domain/phone";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "officer.stallReview");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["OFFICER", "ADMIN"]);
  const stalls = await prisma.stall.findMany({
    where: { verification: "PENDING" },
    include: { commune: true, household: true, cooperative: true, _count: { select: { products: { where: { deletedAt: null } } } } },
    orderBy: { updatedAt: "asc" },
    take: 100,
  });
  return {
    stalls: stalls.map((s) => ({
      id: s.id, slug: s.slug, name: s.name, story: s.story, commune: s.commune.name, products: s._count.products,
      owner: s.household?.name ?? s.cooperative?.name ?? "", phone: s.phone ? formatPhone(s.phone) : null,
      bank: s.bankAccount ? `${s.bankBin ?? ""} · ${s.bankAccount} · ${s.bankAccountName ?? ""}` : null,
    })),
  };
}

export function action({ request }: ActionFunctionArgs) {
  return decideFromForm(request, reviewStall, "/officer/stalls");
}

export default function StallReview() {
  const t = useT();
  const { stalls } = useLoaderData<typeof loader>();
  return (
    <ReviewQueue title="officer.stallReview" empty={stalls.length === 0}>
      {stalls.map((s) => (
        <li key={s.id} className="card space-y-2 p-4">
          <p className="font-semibold">{s.name} · {s.owner}</p>
          <p className="text-sm">{t("officer.stallInfo", { commune: s.commune, products: s.products })}{s.phone ? ` · ${s.phone}` : ""}</p>
          {s.bank ? <p className="text-sm text-stone-600">{s.bank}</p> : null}
          <p className="line-clamp-3 text-sm text-stone-700">{s.story}</p>
          <ReviewForm id={s.id} />
        </li>
      ))}
    </ReviewQueue>
  );
}
