import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { reviewStall } from "~/console/certificates.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { formatPhone } from "~/domain/phone";
import type { MessageKey } from "~/i18n";
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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const formData = await readForm(request);
  const id = String(formData.get("id") ?? "");
  const decision = formData.get("decision");
  const note = String(formData.get("note") ?? "").trim().slice(0, 500);
  if (decision !== "VERIFIED" && decision !== "REJECTED") return data({ id, error: "error.generic" }, { status: 400 });
  if (decision === "REJECTED" && !note) return data({ id, error: "officer.noteRequired" }, { status: 400 });
  if (!(await reviewStall(user, id, decision, note))) return data({ id, error: "officer.alreadyReviewed" }, { status: 409 });
  throw redirect(`/officer/stalls?done=${decision}`);
}

export default function StallReview() {
  const t = useT();
  const { stalls } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <p className="text-sm"><Link to="/officer" className="text-tea-800 underline">← {t("officer.title")}</Link></p>
      <h1 className="text-2xl font-bold">{t("officer.stallReview")}</h1>
      {done ? <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">{done === "VERIFIED" ? t("officer.verified") : t("officer.rejected")}</p> : null}
      {stalls.length === 0 ? <p>{t("officer.nothing")}</p> : null}
      <ul className="space-y-3">
        {stalls.map((s) => (
          <li key={s.id} className="card space-y-2 p-4">
            <p className="font-semibold">{s.name} · {s.owner}</p>
            <p className="text-sm">{t("officer.stallInfo", { commune: s.commune, products: s.products })}{s.phone ? ` · ${s.phone}` : ""}</p>
            {s.bank ? <p className="text-sm text-stone-600">{s.bank}</p> : null}
            <p className="line-clamp-3 text-sm text-stone-700">{s.story}</p>
            <Form method="post" className="space-y-2">
              <AuthenticityTokenInput />
              <input type="hidden" name="id" value={s.id} />
              <label htmlFor={`note-${s.id}`} className="label">{t("officer.note")}</label>
              <input id={`note-${s.id}`} name="note" className="field" />
              {actionData?.id === s.id && actionData.error ? <p role="alert" className="field-error">{t(actionData.error as MessageKey)}</p> : null}
              <div className="flex gap-2">
                <button name="decision" value="VERIFIED" className="btn-primary">{t("officer.verify")}</button>
                <button name="decision" value="REJECTED" className="btn-secondary text-red-700">{t("officer.reject")}</button>
              </div>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
