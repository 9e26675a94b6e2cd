// /runs: the runs a driver (or a cooperative's manager) works, today's and ahead.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { myRuns } from "~/delivery/runs.server";
import { formatDay } from "~/harvest/format";
import { useLocale, useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [
  { title: "Lệnh chạy xe · Xứ Trà" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { runs: await myRuns(user, now()) };
}

export default function MyRuns() {
  const t = useT();
  const locale = useLocale();
  const { runs } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl space-y-3">
      <h1 className="text-xl font-bold">{t("delivery.sheet.mine")}</h1>
      {runs.length ? null : <p className="card p-4">{t("delivery.sheet.none")}</p>}
      <ul className="space-y-2">
        {runs.map((r) => (
          <li key={r.id} className="card p-3" data-testid="my-run" data-leg={r.leg}>
            <Link to={`/runs/${r.id}`} className="font-semibold text-tea-800 underline">
              {t("delivery.sheet.open", { vehicle: r.vehicle, day: formatDay(r.day, locale) })}
            </Link>
            <p className="text-sm">
              {t(
                `delivery.sheet.leg.${r.leg === "PICKUP" || r.leg === "DELIVERY" ? r.leg : "DIRECT"}`,
              )}{" "}
              · {r.from}–{r.to}
            </p>
            <p className="text-sm text-stone-600">{r.campaign}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
