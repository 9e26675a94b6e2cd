import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CampaignForm } from "~/harvest/components/campaign-form";
import { campaignFormOptions, createCampaign } from "~/harvest/campaigns.server";
import { addDays, localDay } from "~/harvest/rules/preorder";
import { CampaignSchema } from "~/harvest/schema";
import { useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";
import { now } from "~/utils/clock.server";
import { readForm } from "~/utils/form.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const options = await campaignFormOptions(stall);
  const first = addDays(localDay(now()), 2);
  return {
    options,
    defaults: {
      unitKind: "BOX",
      boxKg: "5",
      cutoffTime: "20:00",
      maxPerBuyer: "5",
      gradingReservePct: "5",
      firstDay: first,
      lastDay: addDays(first, 9),
      freshNearHours: "4",
      freshFarKm: "100",
      freshFarHours: "6",
      compensationPct: "0",
      payCod: "on",
      vietqrMode: "NONE",
      deliveryCommunes: [stall.communeCode],
      productId: options.products.find((p) => p.perishable)?.id ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: CampaignSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), formErrors: [] as string[] }, { status: 400 });
  const out = await createCampaign(user, stall, submission.value);
  if (!out.ok)
    return data(
      {
        result: submission.reply({ fieldErrors: out.fieldErrors }),
        formErrors: out.formErrors ?? [],
      },
      { status: 400 },
    );
  throw redirect(`/console/campaigns/${out.campaignId}?done=created`);
}

export default function NewCampaign() {
  const t = useT();
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-3">
      <h2 className="text-xl font-semibold">{t("harvest.campaigns.new")}</h2>
      <CampaignForm
        lastResult={actionData?.result}
        formErrors={actionData?.formErrors}
        defaultValue={defaults}
        options={options}
      />
    </div>
  );
}
