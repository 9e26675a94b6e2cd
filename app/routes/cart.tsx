import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ProvinceOptions } from "~/places/components/province-options";
import { provinceList } from "~/places/places.server";
import { StallShipping } from "~/shipping/components/stall-shipping";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { addToCart, cartView, findCartId, getOrCreateCart, setQuantity } from "~/cart/cart.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { StallTotals } from "~/orders/components/order-list";
import { Photo } from "~/components/photo";
import { formatVnd } from "~/domain/money";
import { useT } from "~/i18n/react";
import { readForm } from "~/utils/form.server";
import { safeRedirect } from "~/utils/redirect";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "meta.cart");

export async function loader({ request }: LoaderFunctionArgs) {
  const provinces = await provinceList();
  const known = (code: string | null | undefined) =>
    code && provinces.some((p) => p.code === code) ? code : null;
  // where the fees are quoted to: the buyer's choice here, else their saved address
  const asked = known(new URL(request.url).searchParams.get("to"));
  const user = asked ? null : await getUser(request);
  const saved = user
    ? await prisma.address.findFirst({
        where: { userId: user.id },
        orderBy: { isDefault: "desc" },
        select: { provinceCode: true },
      })
    : null;
  const to = asked ?? known(saved?.provinceCode);
  return { cart: await cartView(await findCartId(request), to), provinces };
}

// The cart is public (guests have one too): it is reached only through the
// request's own session or guest cookie, never by id.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const variantId = String(form.get("variantId") ?? "");
  const quantity = Math.floor(Number(form.get("quantity") ?? 1));
  if (intent === "add") {
    // the page to come back to with an error (its own query dropped: the error is the only one)
    const returnTo = safeRedirect(String(form.get("returnTo") ?? ""), "/cart").split(/[?#]/)[0];
    if (!variantId || !Number.isFinite(quantity) || quantity < 1)
      return redirect(`${returnTo}?error=cart.notForSale`);
    const { cartId, setCookie } = await getOrCreateCart(request);
    const res = await addToCart(cartId, variantId, Math.min(quantity, 99));
    const headers = setCookie ? { "Set-Cookie": setCookie } : undefined;
    if (!res.ok) return redirect(`${returnTo}?error=${res.error}`, { headers });
    return redirect("/cart?added=1", { headers });
  }
  const cartId = await findCartId(request);
  if (!cartId) return redirect("/cart");
  if (intent === "update" || intent === "remove") {
    await setQuantity(
      cartId,
      variantId,
      intent === "remove" ? 0 : Number.isFinite(quantity) ? quantity : 1,
    );
    return redirect("/cart");
  }
  return data({ error: "form.required" as const }, { status: 400 });
}

function RemoveLine({ variantId, className }: { variantId: string; className: string }) {
  const t = useT();
  return (
    <Form method="post">
      <AuthenticityTokenInput />
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="variantId" value={variantId} />
      <button className={className}>{t("cart.remove")}</button>
    </Form>
  );
}

export default function Cart() {
  const t = useT();
  const { cart, provinces } = useLoaderData<typeof loader>();
  const provinceName = provinces.find((p) => p.code === cart.to)?.name ?? null;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  if (!cart.stalls.length && !cart.unavailable.length)
    return (
      <div className="space-y-4 py-8 text-center">
        <h1 className="text-2xl font-bold">{t("cart.title")}</h1>
        <p>{t("cart.empty")}</p>
        <Link to="/search" className="btn-primary">
          {t("cart.continue")}
        </Link>
      </div>
    );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("cart.title")}</h1>
      {params.get("added") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-900">
          {t("cart.added")}
        </p>
      ) : null}
      {params.get("reordered") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-900">
          {t("orders.reordered")}
        </p>
      ) : null}
      {Number(params.get("skipped")) > 0 ? (
        <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {t("cart.reorderSkipped", { count: Number(params.get("skipped")) })}
        </p>
      ) : null}
      {actionData && "error" in actionData ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {t(actionData.error)}
        </p>
      ) : null}
      {cart.stalls.length > 1 ? (
        <p className="text-sm text-stone-700">
          {t("cart.ordersPerStall", { count: cart.stalls.length })}
        </p>
      ) : null}
      {cart.stalls.length ? (
        <Form method="get" className="card flex flex-wrap items-end gap-2 p-3">
          <div className="min-w-0 flex-1">
            <label htmlFor="ship-to" className="label">
              {t("shipping.shipTo")}
            </label>
            <select
              id="ship-to"
              name="to"
              defaultValue={cart.to ?? ""}
              onChange={(e) => e.currentTarget.form?.requestSubmit()}
              className="field"
            >
              <ProvinceOptions provinces={provinces} />
            </select>
          </div>
          <button className="btn">{t("shipping.showFees")}</button>
        </Form>
      ) : null}
      {cart.stalls.map((s) => (
        <section key={s.stallId} className="card space-y-2 p-3" aria-label={s.stallName}>
          <h2 className="font-bold">
            <Link to={`/stalls/${s.stallSlug}`} className="hover:underline">
              {s.stallName}
            </Link>
          </h2>
          <ul className="divide-y divide-stone-200">
            {s.lines.map((l) => (
              <li key={l.variantId} className="flex gap-3 py-2">
                <Photo
                  photo={l.photo}
                  alt={l.productName}
                  sizes="64px"
                  className="h-16 w-16 rounded"
                />
                <div className="flex-1 space-y-1">
                  <Link
                    to={`/products/${l.productSlug}`}
                    className="font-semibold leading-snug hover:underline"
                  >
                    {l.productName}
                  </Link>
                  <p className="text-sm text-stone-600">
                    {l.variantLabel} · {formatVnd(l.unitPriceVnd)}
                  </p>
                  <div className="flex items-center gap-2">
                    <Form method="post" className="flex items-center gap-1">
                      <AuthenticityTokenInput />
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="variantId" value={l.variantId} />
                      <label className="sr-only" htmlFor={`q-${l.variantId}`}>
                        {t("sf.quantity")}
                      </label>
                      <input
                        id={`q-${l.variantId}`}
                        name="quantity"
                        type="number"
                        min={0}
                        max={Math.min(99, l.stock)}
                        defaultValue={l.quantity}
                        className="field w-16"
                      />
                      <button className="btn text-sm">{t("cart.update")}</button>
                    </Form>
                    <RemoveLine
                      variantId={l.variantId}
                      className="text-sm text-red-700 underline"
                    />
                  </div>
                </div>
                <p className="font-semibold">{formatVnd(l.unitPriceVnd * l.quantity)}</p>
              </li>
            ))}
          </ul>
          <StallTotals
            subtotalVnd={s.subtotalVnd}
            shippingVnd={s.shippingVnd}
            totalVnd={s.totalVnd}
            totalLabel="cart.stallTotal"
          />
          <StallShipping
            quote={s.quote}
            shippingVnd={s.shippingVnd}
            provinceName={provinceName}
            lines={s.lines}
          />
          {s.shippingVnd && s.freeShippingFromVnd ? (
            <p className="text-xs text-stone-600">
              {t("cart.freeFromHint", { amount: formatVnd(s.freeShippingFromVnd - s.subtotalVnd) })}
            </p>
          ) : null}
        </section>
      ))}
      {cart.unavailable.length ? (
        <section className="card p-3 text-sm text-stone-600">
          <h2 className="font-semibold">{t("cart.unavailable")}</h2>
          <ul>
            {cart.unavailable.map((l) => (
              <li key={l.variantId} className="flex items-center justify-between gap-2 py-1">
                <span>
                  {l.productName} · {l.variantLabel}
                </span>
                <RemoveLine variantId={l.variantId} className="text-red-700 underline" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {cart.stalls.length ? (
        <div className="card flex items-center justify-between gap-3 p-3">
          <p className="text-lg">
            {t("cart.total")}: <strong data-testid="cart-total">{formatVnd(cart.totalVnd)}</strong>
          </p>
          <Link
            to={cart.to ? `/checkout?province=${cart.to}` : "/checkout"}
            className="btn-primary"
          >
            {t("cart.checkout")}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
