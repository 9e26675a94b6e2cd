import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { decideFromForm } from "~/officer/review.server";
import { reviewStall } from "~/stalls/verification.server";
import { releasePayoutHold } from "~/stalls/payout.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { ReviewForm, ReviewQueue } from "~/officer/review-queue";
import { formatPhone } from "~/domain/phone";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "officer.stallReview");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["OFFICER", "ADMIN"]);
  const stalls = await prisma.stall.findMany({
    where: { verification: "PENDING" },
    include: {
      commune: true,
      household: true,
      cooperative: true,
      _count: { select: { products: { where: { deletedAt: null } } } },
    },
    orderBy: { updatedAt: "asc" },
    take: 100,
  });
  // payout accounts changed and not yet confirmed by SMS code (decision 0041)
  const held = await prisma.stall.findMany({
    where: { payoutHoldSince: { not: null } },
    include: { household: true, cooperative: true },
    orderBy: { payoutHoldSince: "asc" },
    take: 100,
  });
  return {
    held: held.map((s) => ({
      id: s.id,
      name: s.name,
      owner: s.household?.name ?? s.cooperative?.name ?? "",
      phone: s.phone ? formatPhone(s.phone) : null,
      // in full: the officer reads it back to the owner on the phone or in person
      account: `${s.bankBin ?? ""} · ${s.bankAccount ?? ""} · ${s.bankAccountName ?? ""}`,
    })),
    stalls: stalls.map((s) => ({
      id: s.id,
      slug: s.slug,
      name: s.name,
      story: s.story,
      commune: s.commune.name,
      products: s._count.products,
      owner: s.household?.name ?? s.cooperative?.name ?? "",
      phone: s.phone ? formatPhone(s.phone) : null,
      bank: s.bankAccount
        ? `${s.bankBin ?? ""} · ${s.bankAccount} · ${s.bankAccountName ?? ""}`
        : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request.clone());
  if (form.get("_action") === "releasePayout") {
    const user = await requireUser(request, ["OFFICER", "ADMIN"]);
    const released = await releasePayoutHold(
      user,
      String(form.get("stallId") ?? ""),
      String(form.get("note") ?? "")
        .trim()
        .slice(0, 500),
    );
    if (!released) throw new Response("Not found", { status: 404 });
    throw redirect("/officer/stalls?payout=released");
  }
  return decideFromForm(request, reviewStall, "/officer/stalls");
}

export default function StallReview() {
  const t = useT();
  const { stalls, held } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <ReviewQueue title="officer.stallReview" empty={stalls.length === 0}>
        {stalls.map((s) => (
          <li key={s.id} className="card space-y-2 p-4">
            <p className="font-semibold">
              {s.name} · {s.owner}
            </p>
            <p className="text-sm">
              {t("officer.stallInfo", { commune: s.commune, products: s.products })}
              {s.phone ? ` · ${s.phone}` : ""}
            </p>
            {s.bank ? <p className="text-sm text-stone-600">{s.bank}</p> : null}
            <p className="line-clamp-3 text-sm text-stone-700">{s.story}</p>
            <ReviewForm id={s.id} />
          </li>
        ))}
      </ReviewQueue>
      {params.get("payout") === "released" ? (
        <p role="status" className="mt-4 rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("payout.officerReleased")}
        </p>
      ) : null}
      {held.length ? (
        <section className="mt-6 space-y-2" data-testid="payout-holds">
          <h2 className="text-lg font-semibold">{t("payout.officerQueue")}</h2>
          <ul className="space-y-3">
            {held.map((s) => (
              <li key={s.id} className="card space-y-2 p-4">
                <p className="font-semibold">
                  {s.name} · {s.owner}
                  {s.phone ? ` · ${s.phone}` : ""}
                </p>
                <p className="text-sm">{t("payout.officerHold", { account: s.account })}</p>
                <Form method="post" className="space-y-2">
                  <AuthenticityTokenInput />
                  <input type="hidden" name="stallId" value={s.id} />
                  <label htmlFor={`payout-note-${s.id}`} className="label">
                    {t("officer.noteLabel")}
                  </label>
                  <input id={`payout-note-${s.id}`} name="note" className="field" />
                  <button name="_action" value="releasePayout" className="btn-secondary">
                    {t("payout.officerRelease")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
