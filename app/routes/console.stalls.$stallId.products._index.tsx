import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { Photo } from "~/components/photo";
import { formatVnd } from "~/domain/money";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";
import { prisma } from "~/utils/db.server";

const FILTERS = ["ALL", "ACTIVE", "DRAFT", "HIDDEN"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const url = new URL(request.url);
  const status = url.searchParams.get("status") ?? "ALL";
  // a cooperative stall carries dozens of households' goods: find by name and by producer
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 80);
  const producer = stall.cooperativeId ? (url.searchParams.get("producer") ?? "").slice(0, 40) : "";
  const [products, producers] = await Promise.all([
    prisma.product.findMany({
      where: {
        stallId: stall.id,
        deletedAt: null,
        ...(status !== "ALL" && (FILTERS as readonly string[]).includes(status) ? { status } : {}),
        ...(q ? { name: { contains: q } } : {}),
        ...(producer ? { householdId: producer } : {}),
      },
      include: {
        variants: { where: { active: true }, orderBy: { position: "asc" } },
        photos: { orderBy: { position: "asc" }, take: 1 },
        household: true,
      },
      orderBy: { updatedAt: "desc" },
      take: 500,
    }),
    stall.cooperativeId
      ? prisma.household.findMany({
          where: { products: { some: { stallId: stall.id, deletedAt: null } } },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
        })
      : Promise.resolve([]),
  ]);
  return {
    stall: { id: stall.id, coop: !!stall.cooperativeId },
    producers,
    products: products.map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status,
      producer: stall.cooperativeId ? (p.household?.name ?? null) : null,
      photo: p.photos[0] ? { hash: p.photos[0].hash, placeholder: p.photos[0].placeholder } : null,
      priceMin: p.variants.length ? Math.min(...p.variants.map((v) => v.priceVnd)) : null,
      stock: p.variants.reduce((s, v) => s + v.stock, 0),
    })),
  };
}

export default function StallProducts() {
  const t = useT();
  const { stall, products, producers } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const current = params.get("status") ?? "ALL";
  // status links keep the search and producer filter
  const withStatus = (f: string) => {
    const next = new URLSearchParams(params);
    if (f === "ALL") next.delete("status");
    else next.set("status", f);
    return `?${next.toString()}`;
  };
  return (
    <div className="space-y-3">
      {params.get("deleted") ? <Notice>{t("listing.deleted")}</Notice> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Link to={`/console/stalls/${stall.id}/products/new`} className="btn-primary">
          {t("listing.new")}
        </Link>
        <div className="flex gap-1 overflow-x-auto">
          {FILTERS.map((f) => (
            <Link
              key={f}
              to={withStatus(f)}
              className={`rounded-full px-3 py-1 text-sm ${current === f ? "bg-tea-100 font-semibold" : ""}`}
            >
              {translateText(t, `listing.filter.${f}`)}
            </Link>
          ))}
        </div>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        {current !== "ALL" ? <input type="hidden" name="status" value={current} /> : null}
        <div className="min-w-0 flex-1">
          <label htmlFor="product-q" className="label">
            {t("listing.searchLabel")}
          </label>
          <input
            id="product-q"
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            className="field"
          />
        </div>
        {stall.coop ? (
          <div className="min-w-0 flex-1">
            <label htmlFor="product-producer" className="label">
              {t("listing.producer")}
            </label>
            <select
              id="product-producer"
              name="producer"
              defaultValue={params.get("producer") ?? ""}
              className="field"
            >
              <option value="">{t("listing.producerAll")}</option>
              {producers.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="btn-secondary">
          {t("listing.searchButton")}
        </button>
      </Form>
      {products.length === 0 ? <p className="text-stone-600">{t("listing.empty")}</p> : null}
      <ul className="card divide-y">
        {products.map((p) => (
          <li key={p.id} className="flex items-center gap-3 p-3">
            <Photo photo={p.photo} alt="" sizes="64px" className="h-16 w-16 shrink-0 rounded-lg" />
            <div className="min-w-0 flex-1">
              <Link
                to={`/console/products/${p.id}`}
                className="block truncate font-semibold text-tea-800 hover:underline"
              >
                {p.name}
              </Link>
              <p className="text-sm text-stone-600">
                <span
                  className={`mr-1 rounded px-1.5 text-xs ${p.status === "ACTIVE" ? "bg-tea-100 text-tea-800" : "bg-stone-200"}`}
                >
                  {translateText(t, `listing.status.${p.status}`)}
                </span>
                {p.priceMin !== null ? formatVnd(p.priceMin) : "—"} ·{" "}
                {p.stock > 0 ? (
                  t("listing.stockCount", { count: p.stock })
                ) : (
                  <strong className="text-red-700">{t("listing.soldOut")}</strong>
                )}
              </p>
              {p.producer ? (
                <p className="truncate text-xs text-stone-500">
                  {t("listing.producedBy", { name: p.producer })}
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
