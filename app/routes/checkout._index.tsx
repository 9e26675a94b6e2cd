import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { cartView, findCartId } from "~/cart/cart.server";
import { rememberCheckout } from "~/checkout/access.server";
import { CheckoutError, placeCheckout, startCheckout } from "~/checkout/checkout.server";
import { CheckoutSchema } from "~/checkout/schema";
import { vietQrHeldInCart } from "~/stalls/payout.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { FormErrors } from "~/components/form-errors";
import { formatVnd } from "~/domain/money";
import { CommunePicker, PROVINCE_INTENT } from "~/places/components/commune-picker";
import type { PlaceOption } from "~/places/match";
import { communesOf, placesIndex, provinceList } from "~/places/places.server";
import { StallShipping } from "~/shipping/components/stall-shipping";
import { quoteCart } from "~/shipping/quote";
import { normalizePhone } from "~/domain/phone";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { createCardSession } from "~/payments/card.server";
import { publicOrigin } from "~/storefront/cards.server";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { formSchema, readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "meta.checkout");

export async function loader({ request }: LoaderFunctionArgs) {
  const cartId = await findCartId(request);
  const user = await getUser(request);
  const last = user
    ? await prisma.checkout.findFirst({
        where: { buyerId: user.id },
        orderBy: { createdAt: "desc" },
      })
    : null;
  const address = user
    ? await prisma.address.findFirst({ where: { userId: user.id }, orderBy: { isDefault: "desc" } })
    : null;
  const prefill = address ?? last;
  // where the fees are quoted to: the cart's "deliver to", else the last address
  const asked = new URL(request.url).searchParams.get("province") ?? "";
  const provinces = await provinceList();
  const known = (code: string) => provinces.some((p) => p.code === code);
  const provinceCode = known(asked)
    ? asked
    : known(prefill?.provinceCode ?? "")
      ? prefill!.provinceCode
      : "";
  const cart = await cartView(cartId, provinceCode || null);
  // redirect only for an empty cart: after a sold-out refusal the lines are
  // still there (unavailable) and the page must show why the order failed
  if (!cart.stalls.length && !cart.unavailable.length) throw redirect("/cart");
  return {
    guest: !user,
    cart,
    // stalls whose payout account changed and awaits confirmation take no VietQR (decision 0041)
    vietqrHeld: cartId && cart.stalls.length ? await vietQrHeldInCart(cartId) : [],
    provinces,
    communes: provinceCode ? ((await communesOf(provinceCode)) ?? []) : [],
    idempotencyKey: crypto.randomUUID(),
    defaults: {
      recipient: prefill?.recipient ?? user?.name ?? "",
      phone: prefill?.phone ?? user?.phone ?? "",
      line: prefill?.line ?? "",
      provinceCode,
      communeCode: provinceCode === prefill?.provinceCode ? prefill.communeCode : "",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const t = await getTranslator(request);
  // without JavaScript: the province was chosen, list its communes (values kept, nothing placed)
  if (formData.get("intent") === PROVINCE_INTENT) {
    const provinceCode = String(formData.get("provinceCode") ?? "");
    const partial = parseWithZod(formData, { schema: CheckoutSchema.partial() });
    return data({
      result: partial.reply(),
      province: { code: provinceCode, communes: (await communesOf(provinceCode)) ?? [] },
    });
  }
  const submission = await parseWithZod(formData, {
    schema: formSchema(CheckoutSchema).superRefine(async (v, ctx) => {
      if ((await placesIndex()).get(v.communeCode) !== v.provinceCode)
        ctx.addIssue({
          code: "custom",
          path: ["communeCode"],
          message: "checkout.communeMismatch",
        });
    }),
    disableAutoCoercion: true,
    async: true,
  });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const cartId = await findCartId(request);
  if (!cartId) return redirect("/cart");
  if (v.paymentMethod === "VIETQR") {
    const held = await vietQrHeldInCart(cartId);
    if (held.length)
      return data(
        {
          result: submission.reply({
            formErrors: [t("checkout.method.VIETQR.held", { stalls: held.join(", ") })],
          }),
        },
        { status: 409 },
      );
  }
  const user = await getUser(request);
  let checkoutId: string;
  try {
    ({ checkoutId } = await startCheckout({
      cartId,
      buyerId: user?.id ?? null,
      idempotencyKey: v.idempotencyKey,
      paymentMethod: v.paymentMethod,
      address: {
        recipient: v.recipient,
        phone: normalizePhone(v.phone)!,
        line: v.line,
        provinceCode: v.provinceCode,
        communeCode: v.communeCode,
        note: v.note ?? "",
      },
    }));
  } catch (e) {
    if (!(e instanceof CheckoutError)) throw e;
    const message =
      e.code === "checkout.soldOut" || e.code === "checkout.perishableFar"
        ? t(e.code, { items: e.detail.join(", ") })
        : t(e.code);
    return data({ result: submission.reply({ formErrors: [message] }) }, { status: 409 });
  }
  const headers = { "Set-Cookie": await rememberCheckout(request, checkoutId) };
  if (v.paymentMethod === "CARD") {
    try {
      return redirect(await createCardSession(checkoutId, publicOrigin(request)), { headers });
    } catch (e) {
      if (e instanceof CheckoutError) return redirect(`/checkout/${checkoutId}`, { headers });
      console.error("[checkout] Stripe session failed", e);
      return redirect(`/checkout/${checkoutId}?cardError=1`, { headers });
    }
  }
  try {
    await placeCheckout(checkoutId, cartId);
  } catch (e) {
    // a double submit finds the checkout already placed: just show it
    if (!(e instanceof CheckoutError)) throw e;
  }
  return redirect(`/checkout/${checkoutId}`, { headers });
}

/** The no-JavaScript province step's answer, if that is what the action returned. */
function provinceAnswer(d: unknown): { code: string; communes: PlaceOption[] } | null {
  if (!d || typeof d !== "object" || !("province" in d)) return null;
  return d.province as { code: string; communes: PlaceOption[] };
}

export default function Checkout() {
  const t = useT();
  const { cart, provinces, communes, idempotencyKey, defaults, guest, vietqrHeld } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const answered = provinceAnswer(actionData);
  const [destination, setDestination] = useState<string | null>(null);
  const provinceCode = destination ?? answered?.code ?? defaults.provinceCode;
  // each stall's fee and estimate for the province chosen now (the server prices the same way)
  const quote = quoteCart(
    cart.stalls.flatMap((s) => s.lines),
    cart.shipping,
    provinceCode || null,
  );
  const provinceName = provinces.find((p) => p.code === provinceCode)?.name ?? null;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(CheckoutSchema),
    shouldValidate: "onBlur",
    defaultValue: { ...defaults, paymentMethod: "COD" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckoutSchema }),
  });
  const err = (errors?: string[]) => (errors?.[0] ? translateText(t, errors[0]) : null);

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("checkout.title")}</h1>
      {guest ? (
        <p className="text-sm text-stone-700">
          {t("signup.haveAccount")}{" "}
          <Link to="/login?redirectTo=/checkout" className="underline">
            {t("login.submit")}
          </Link>{" "}
          ·{" "}
          <Link to="/signup?redirectTo=/checkout" className="underline">
            {t("signup.cta")}
          </Link>
        </p>
      ) : null}
      <section className="card p-3 text-sm" aria-labelledby="summary">
        <h2 id="summary" className="mb-2 font-bold">
          {t("checkout.summary")}
        </h2>
        {quote.stalls.map((s) => (
          <div
            key={s.stallId}
            className="border-b border-stone-200 py-2 last:border-0"
            data-testid="checkout-stall"
          >
            <p className="font-semibold">
              {cart.stalls.find((c) => c.stallId === s.stallId)?.stallName}
            </p>
            <ul>
              {s.lines.map((l) => (
                <li key={l.variantId}>
                  {l.quantity} × {l.productName} ({l.variantLabel}) —{" "}
                  {formatVnd(l.unitPriceVnd * l.quantity)}
                </li>
              ))}
            </ul>
            <StallShipping
              quote={quote.quotes[s.stallId]}
              shippingVnd={s.shippingVnd}
              provinceName={provinceName}
              lines={s.lines}
            />
            <p className="text-stone-600">
              {t("cart.stallTotal")}: {formatVnd(s.totalVnd)}
            </p>
          </div>
        ))}
        {cart.unavailable.length ? (
          <p className="mt-2 text-amber-800">
            {t("cart.unavailable")}:{" "}
            {cart.unavailable.map((l) => `${l.productName} (${l.variantLabel})`).join(", ")} ·{" "}
            <a href="/cart" className="underline">
              {t("cart.title")}
            </a>
          </p>
        ) : null}
        <p className="mt-2 text-base">
          {t("checkout.grandTotal")}:{" "}
          <strong data-testid="checkout-total">{formatVnd(quote.totalVnd)}</strong>
        </p>
      </section>
      <Form method="post" {...getFormProps(form)} className="card space-y-4 p-4">
        <AuthenticityTokenInput />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="space-y-3">
          <legend className="text-lg font-bold">{t("checkout.address")}</legend>
          <div>
            <label htmlFor={fields.recipient.id} className="label">
              {t("checkout.recipient")}
            </label>
            <input
              {...getInputProps(fields.recipient, { type: "text" })}
              autoComplete="name"
              className="field"
            />
            {err(fields.recipient.errors) ? (
              <p id={fields.recipient.errorId} className="field-error">
                {err(fields.recipient.errors)}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={fields.phone.id} className="label">
              {t("checkout.phone")}
            </label>
            <input
              {...getInputProps(fields.phone, { type: "tel" })}
              autoComplete="tel"
              inputMode="tel"
              className="field"
            />
            {err(fields.phone.errors) ? (
              <p id={fields.phone.errorId} className="field-error">
                {err(fields.phone.errors)}
              </p>
            ) : null}
          </div>
          <CommunePicker
            province={fields.provinceCode}
            commune={fields.communeCode}
            provinces={provinces}
            communes={answered?.communes ?? communes}
            provinceCode={answered?.code ?? defaults.provinceCode}
            onProvince={setDestination}
            error={err}
          />
          <div>
            <label htmlFor={fields.line.id} className="label">
              {t("checkout.line")}
            </label>
            <input
              {...getInputProps(fields.line, { type: "text" })}
              autoComplete="address-line1"
              className="field"
            />
            {err(fields.line.errors) ? (
              <p id={fields.line.errorId} className="field-error">
                {err(fields.line.errors)}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={fields.note.id} className="label">
              {t("checkout.note")}
            </label>
            <textarea {...getTextareaProps(fields.note)} rows={2} className="field" />
          </div>
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-lg font-bold">{t("checkout.payment")}</legend>
          {(["COD", "VIETQR", "CARD"] as const).map((m) => (
            <label
              key={m}
              className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-300 p-2"
            >
              <input
                type="radio"
                name={fields.paymentMethod.name}
                value={m}
                defaultChecked={(fields.paymentMethod.initialValue ?? "COD") === m}
                disabled={m === "VIETQR" && vietqrHeld.length > 0}
                className="mt-1"
              />
              <span>
                <span className="font-semibold">{t(`checkout.method.${m}`)}</span>
                <span className="block text-sm text-stone-600">
                  {m === "VIETQR" && vietqrHeld.length
                    ? t("checkout.method.VIETQR.held", { stalls: vietqrHeld.join(", ") })
                    : t(`checkout.method.${m}.hint`)}
                </span>
              </span>
            </label>
          ))}
          {err(fields.paymentMethod.errors) ? (
            <p className="field-error">{err(fields.paymentMethod.errors)}</p>
          ) : null}
        </fieldset>
        <button
          type="submit"
          className="btn-primary w-full"
          disabled={navigation.state === "submitting" || !cart.stalls.length}
        >
          {t("checkout.place")} · {formatVnd(quote.totalVnd)}
        </button>
      </Form>
    </div>
  );
}
