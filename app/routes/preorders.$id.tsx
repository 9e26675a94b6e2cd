import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { DeliveryLines } from "~/delivery/components/buyer-delivery";
import { buyerDeliveries } from "~/delivery/views.server";
import { FormErrors } from "~/components/form-errors";
import { formatVnd } from "~/domain/money";
import { PreorderState, PreorderStatusBadge } from "~/harvest/components/preorder-state";
import { formatCutoff, formatDay } from "~/harvest/format";
import {
  CardPaymentError,
  preorderVietQr,
  startCardPayment,
  syncPaidPreorders,
} from "~/harvest/payment.server";
import { ChangeSchema, isMessageKey } from "~/harvest/preorder-schema";
import { moneyBack, refundPreOrders } from "~/harvest/refunds.server";
import {
  cancelPreorder,
  changePreorder,
  PreorderError,
  preorderView,
} from "~/harvest/preorders.server";
import { useLocale, useT } from "~/i18n/react";
import { publicOrigin } from "~/storefront/cards.server";
import { privateMeta } from "~/storefront/seo";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";
import { formatNumber } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  privateMeta(matches, "meta.preorder", data ? ` ${data.p.ref}` : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  let p = await preorderView(params.id ?? "", user.id, now());
  if (!p) throw new Response("Not found", { status: 404 });
  // back from the card page: the webhook may have landed already
  if (
    url.searchParams.get("paid") &&
    p.payment.checkoutId &&
    p.payment.status === "PENDING" &&
    (await syncPaidPreorders([p.payment.checkoutId]))
  )
    p = (await preorderView(p.id, user.id, now()))!;
  return {
    // the delivery once the day's plan is published (app/delivery)
    deliveries: await buyerDeliveries(p.id, now()),
    p,
    vietqr: await preorderVietQr(p),
    money: await moneyBack(p.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const user = await requireUser(request);
  const t = await getTranslator(request);
  const id = params.id ?? "";
  const intent = formData.get("intent");
  try {
    if (intent === "cancel") {
      await cancelPreorder(id, user.id, now());
      // what was paid up front for units it will not get goes back through the provider that took it
      await refundPreOrders([id], user.id, "PREORDER_CANCELLED");
      return redirect(`/preorders/${id}?cancelled=1`);
    }
    if (intent === "pay") {
      return redirect(await startCardPayment(id, publicOrigin(request)));
    }
    const submission = parseWithZod(formData, { schema: ChangeSchema });
    if (submission.status !== "success")
      return data({ result: submission.reply() }, { status: 400 });
    try {
      await changePreorder(id, user.id, submission.value, now());
    } catch (e) {
      if (!(e instanceof PreorderError)) throw e;
      const message = t(e.code, e.params);
      const field = e.field === "units" || e.field === "when" ? e.field : null;
      return data(
        {
          result: submission.reply(
            field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] },
          ),
        },
        { status: 409 },
      );
    }
    return redirect(`/preorders/${id}?changed=1`);
  } catch (e) {
    if (e instanceof PreorderError) return data({ error: t(e.code, e.params) }, { status: 409 });
    if (e instanceof CardPaymentError) return redirect(`/preorders/${id}`);
    if (e instanceof Response) throw e;
    if (intent === "pay") {
      console.error("[preorder] card session failed", e);
      return redirect(`/preorders/${id}?cardError=1`);
    }
    throw e;
  }
}

export default function PreorderPage() {
  const t = useT();
  const locale = useLocale();
  const { deliveries, p, vietqr, money } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const unit = p.campaign.unitLabel.toLowerCase();
  const result = actionData && "result" in actionData ? actionData.result : undefined;
  const [form, fields] = useForm({
    lastResult: result,
    constraint: getZodConstraint(ChangeSchema),
    shouldValidate: "onBlur",
    defaultValue: {
      units: String(p.requested),
      when: p.requestedDay ?? "first",
      allowCarryOver: p.allowCarryOver ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeSchema }),
  });
  const err = (errors?: string[]) =>
    errors?.[0] ? (isMessageKey(errors[0]) ? t(errors[0]) : errors[0]) : null;
  const notice = params.get("placed")
    ? t("preorder.placed")
    : params.get("changed")
      ? t("preorder.changed")
      : params.get("cancelled")
        ? t("preorder.cancelledNotice")
        : params.get("exists")
          ? t("preorder.error.exists")
          : null;
  const waiting = p.status === "WAITING";
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("preorder.number", { ref: p.ref })}</h1>
      <p>
        <Link to={`/campaigns/${p.campaign.slug}`} className="text-tea-800 underline">
          {p.campaign.title}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <PreorderStatusBadge status={p.status} />
        <span className="text-sm">{t("preorder.requested", { count: p.requested, unit })}</span>
        <span className="rounded bg-stone-100 px-2 py-0.5 text-sm">
          {t(
            `preorder.methodShort.${p.payment.method === "VIETQR_DEPOSIT" || p.payment.method === "VIETQR_FULL" || p.payment.method === "CARD" ? p.payment.method : "COD"}`,
          )}
        </span>
        {p.payment.amountDueVnd > 0 ? (
          <span className="text-sm">
            {formatVnd(p.payment.amountDueVnd)} ·{" "}
            {t(
              `preorder.paymentStatus.${p.payment.status === "PAID" || p.payment.status === "PENDING" || p.payment.status === "REFUNDED" ? p.payment.status : "UNPAID"}`,
            )}
          </span>
        ) : null}
      </div>
      {notice ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm" data-testid="notice">
          {notice}
        </p>
      ) : null}
      {params.get("cardError") ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {t("preorder.pay.cardError")}
        </p>
      ) : null}
      {actionData && "error" in actionData ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {actionData.error}
        </p>
      ) : null}

      <PreorderState p={p} />
      <DeliveryLines deliveries={deliveries} />

      {money.refunds.length || money.late.length || money.credits.length ? (
        <section
          aria-labelledby="money-back"
          className="card space-y-2 p-3 text-sm"
          data-testid="money-back"
        >
          <h2 id="money-back" className="font-bold">
            {t("refund.title")}
          </h2>
          <ul className="space-y-1">
            {money.late.map((l) => (
              <li key={l.deliveredAt}>
                {t("refund.late", {
                  hours: formatNumber(Math.round(l.hoursTaken * 10) / 10, locale),
                  limit: l.limitHours,
                  amount: formatVnd(l.compensationVnd),
                })}
              </li>
            ))}
            {money.refunds.map((r) => (
              <li key={r.id}>
                {t(r.card ? `refund.card.${r.status}` : `refund.transfer.${r.status}`, {
                  amount: formatVnd(r.amountVnd),
                })}{" "}
                <span className="text-stone-600">({t(`refund.reason.${r.reason}`)})</span>
              </li>
            ))}
            {money.credits.map((c) => (
              <li key={c.id}>
                {t(`refund.credit.${c.kind}`, { amount: formatVnd(c.amountVnd) })}
                {c.settled ? ` · ${t("refund.credit.settled")}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {p.payment.payable && p.payment.method === "CARD" ? (
        <Form method="post">
          <AuthenticityTokenInput />
          <button name="intent" value="pay" className="btn-primary w-full">
            {t("preorder.pay.card")} · {formatVnd(p.payment.amountDueVnd)}
          </button>
        </Form>
      ) : null}
      {p.payment.payable && p.payment.method.startsWith("VIETQR") ? (
        <section aria-labelledby="pay" className="card space-y-2 p-3 text-sm" data-testid="vietqr">
          <h2 id="pay" className="font-bold">
            {t("preorder.pay.title")}
          </h2>
          {vietqr ? (
            <>
              <img src={vietqr.dataUrl} alt="VietQR" width={240} height={240} className="mx-auto" />
              <p>
                {t("preorder.pay.scan", {
                  amount: formatVnd(vietqr.amountVnd),
                  ref: vietqr.reference,
                })}
              </p>
              <p className="text-stone-600">
                {t("preorder.pay.account", {
                  account: vietqr.account,
                  name: vietqr.accountName ?? "",
                })}
              </p>
            </>
          ) : (
            <p>{t("preorder.pay.unavailable")}</p>
          )}
        </section>
      ) : null}

      {p.mayChange && p.cutoff ? (
        <section aria-labelledby="change" className="card space-y-3 p-3">
          <h2 id="change" className="font-bold">
            {t("preorder.change")}
          </h2>
          <p className="text-sm text-stone-700">
            {t("preorder.mayChangeUntil", { cutoff: formatCutoff(p.cutoff, locale) })}
          </p>
          {p.campaignOpen ? (
            <Form method="post" {...getFormProps(form)} className="space-y-3">
              <AuthenticityTokenInput />
              <FormErrors id={form.errorId} errors={form.errors} />
              <div>
                <label htmlFor={fields.units.id} className="label">
                  {t("preorder.units", { unit })}
                </label>
                <input
                  {...getInputProps(fields.units, { type: "number" })}
                  inputMode="numeric"
                  min={Math.max(1, p.allocated)}
                  className="field w-28"
                />
                <p className="text-xs text-stone-600">
                  {t("preorder.unitsHint", { max: p.campaign.maxPerBuyer })}
                </p>
                {err(fields.units.errors) ? (
                  <p id={fields.units.errorId} className="field-error" data-testid="units-error">
                    {err(fields.units.errors)}
                  </p>
                ) : null}
              </div>
              {waiting ? (
                <input type="hidden" name="when" value="first" />
              ) : (
                <div>
                  <label htmlFor={fields.when.id} className="label">
                    {t("preorder.when")}
                  </label>
                  <select {...getSelectProps(fields.when)} className="field">
                    <option value="first">{t("preorder.firstPossible")}</option>
                    {p.orderableDays.map((d) => (
                      <option key={d.day} value={d.day}>
                        {t("preorder.dayOption", {
                          day: formatDay(d.day, locale),
                          cutoff: formatCutoff(d.cutoff, locale),
                        })}
                      </option>
                    ))}
                  </select>
                  {err(fields.when.errors) ? (
                    <p id={fields.when.errorId} className="field-error" data-testid="when-error">
                      {err(fields.when.errors)}
                    </p>
                  ) : null}
                </div>
              )}
              {waiting ? null : (
                <label className="flex min-h-11 items-start gap-2 text-sm">
                  <input
                    {...getInputProps(fields.allowCarryOver, { type: "checkbox" })}
                    className="mt-1"
                  />
                  <span>{t("preorder.carryOver")}</span>
                </label>
              )}
              <button type="submit" name="intent" value="change" className="btn-primary">
                {t("preorder.save")}
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <AuthenticityTokenInput />
            <button name="intent" value="cancel" className="btn border border-red-300 text-red-800">
              {t("preorder.cancel")}
            </button>
          </Form>
        </section>
      ) : p.queueDay && (p.status === "REQUESTED" || p.status === "WAITING") ? (
        <p className="text-sm text-stone-700">
          {t("preorder.locked", { day: formatDay(p.queueDay, locale) })}
        </p>
      ) : null}

      <section aria-labelledby="addr" className="card space-y-1 p-3 text-sm">
        <h2 id="addr" className="font-bold">
          {p.fulfilment === "PICKUP" ? t("preorder.pickupPoint") : t("preorder.address")}
        </h2>
        <p>
          {p.address.recipient} · {p.address.phone}
        </p>
        <p>
          {p.fulfilment === "PICKUP" && p.collectionPoint
            ? `${p.collectionPoint.name}${p.collectionPoint.line ? `, ${p.collectionPoint.line}` : ""}${p.collectionPoint.hours ? ` · ${p.collectionPoint.hours}` : ""}`
            : p.address.line}
        </p>
      </section>
      <p>
        <Link to="/orders" className="underline">
          {t("preorder.mine")}
        </Link>
      </p>
    </div>
  );
}
