import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { normalizePhone } from "~/domain/phone";
import { useT } from "~/i18n/react";
import { setStallBanned } from "~/stalls/moderation.server";
import { privateMeta } from "~/storefront/seo";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "admin.stalls");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 80);
  const phone = normalizePhone(q);
  const stalls = await prisma.stall.findMany({
    where: q
      ? {
          OR: [
            { name: { contains: q } },
            { slug: { contains: q } },
            { household: { name: { contains: q } } },
            { cooperative: { name: { contains: q } } },
            ...(phone ? [{ phone }, { household: { user: { phone } } }] : []),
          ],
        }
      : {},
    include: {
      commune: true,
      household: true,
      cooperative: true,
      _count: { select: { products: { where: { deletedAt: null } } } },
    },
    // suspended stalls first: they are what an admin comes back to
    orderBy: [{ banned: "desc" }, { name: "asc" }],
    take: 50,
  });
  const reasons = await prisma.auditLog.findMany({
    where: {
      action: "stall.banned",
      entityId: { in: stalls.filter((s) => s.banned).map((s) => s.id) },
    },
    orderBy: { at: "desc" },
  });
  const reasonOf = (id: string) =>
    JSON.parse(reasons.find((r) => r.entityId === id)?.data ?? "{}").reason as string | undefined;
  return {
    q,
    stalls: stalls.map((s) => ({
      id: s.id,
      slug: s.slug,
      name: s.name,
      banned: s.banned,
      reason: s.banned ? (reasonOf(s.id) ?? null) : null,
      owner: s.household?.name ?? s.cooperative?.name ?? "",
      commune: s.commune.name,
      products: s._count.products,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["ADMIN"]);
  const form = await readForm(request);
  const id = String(form.get("id") ?? "");
  const intent = form.get("intent");
  const reason = String(form.get("reason") ?? "")
    .trim()
    .slice(0, 500);
  if (intent !== "ban" && intent !== "unban")
    return data({ id, reason, error: "error.generic" as const }, { status: 400 });
  if (intent === "ban" && !reason)
    return data({ id, reason, error: "admin.stalls.reasonRequired" as const }, { status: 400 });
  const banned = intent === "ban";
  const changed = await setStallBanned(user, id, banned, reason);
  if (!changed)
    return data({ id, reason, error: "admin.stalls.notFound" as const }, { status: 404 });
  const back = new URL(request.url).searchParams.get("q");
  throw redirect(`/admin/stalls?done=${intent}${back ? `&q=${encodeURIComponent(back)}` : ""}`);
}

export default function AdminStalls() {
  const t = useT();
  const { q, stalls } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/admin" className="text-tea-800 underline">
          ← {t("admin.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("admin.stalls")}</h1>
      {done === "ban" || done === "unban" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t(`admin.stalls.done.${done}`)}
        </p>
      ) : null}
      <Form method="get" className="flex gap-2" role="search">
        <label htmlFor="stall-q" className="sr-only">
          {t("admin.stalls.find")}
        </label>
        <input
          id="stall-q"
          name="q"
          defaultValue={q}
          placeholder={t("admin.stalls.find")}
          className="field"
        />
        <button className="btn-secondary">{t("admin.stalls.findButton")}</button>
      </Form>
      {stalls.length === 0 ? <p>{t("admin.stalls.none")}</p> : null}
      <ul className="space-y-3">
        {stalls.map((s) => (
          <li key={s.id} className="card space-y-2 p-4" data-testid="admin-stall">
            <p className="font-semibold">
              <Link to={`/stalls/${s.slug}`} className="underline-offset-4 hover:underline">
                {s.name}
              </Link>
              {s.banned ? (
                <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">
                  {t("admin.stalls.banned")}
                </span>
              ) : null}
            </p>
            <p className="text-sm text-stone-700">
              {t("admin.stalls.info", { owner: s.owner, commune: s.commune, products: s.products })}
            </p>
            {s.reason ? <p className="text-sm text-red-800">{s.reason}</p> : null}
            <Form
              method="post"
              action={`/admin/stalls${q ? `?q=${encodeURIComponent(q)}` : ""}`}
              className="space-y-2"
            >
              <AuthenticityTokenInput />
              <input type="hidden" name="id" value={s.id} />
              {s.banned ? (
                <button name="intent" value="unban" className="btn-secondary" disabled={busy}>
                  {t("admin.stalls.unban")}
                </button>
              ) : (
                <>
                  <label htmlFor={`reason-${s.id}`} className="label">
                    {t("admin.stalls.reason")}
                  </label>
                  <input
                    id={`reason-${s.id}`}
                    name="reason"
                    className="field"
                    defaultValue={actionData?.id === s.id ? actionData.reason : ""}
                  />
                  {actionData?.id === s.id && actionData.error ? (
                    <p role="alert" className="field-error">
                      {t(actionData.error)}
                    </p>
                  ) : null}
                  <button
                    name="intent"
                    value="ban"
                    className="btn-secondary text-red-700"
                    disabled={busy}
                  >
                    {t("admin.stalls.ban")}
                  </button>
                </>
              )}
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
