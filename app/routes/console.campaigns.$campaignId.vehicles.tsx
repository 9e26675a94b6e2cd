// The campaign's vehicles: list, add, change, stop using. Thin: app/dispatch checks the
// form (zero capacity, a shift ending before it starts) and keeps what was typed.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { dispatchT, type DispatchKey } from "~/dispatch/strings";
import {
  campaignVehicles,
  saveVehicle,
  setVehicleActive,
  typedOf,
  type VehicleErrors,
  type VehicleTyped,
} from "~/dispatch/vehicles.server";
import { requireCampaignAccess } from "~/harvest/access.server";
import { useLocale } from "~/i18n/react";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.campaign.title ?? ""} · Xe · Xứ Trà` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign } = await requireCampaignAccess(request, params.campaignId!);
  const vehicles = await campaignVehicles(campaign.id);
  return {
    campaign: { id: campaign.id, title: campaign.title },
    vehicles: vehicles.map((v) => ({
      id: v.id,
      name: v.name,
      kind: v.kind,
      capacityUnits: v.capacityUnits,
      capacityKg: v.capacityKg,
      shiftStart: v.shiftStart,
      shiftEnd: v.shiftEnd,
      driverName: v.driverName,
      driverPhone: v.driverPhone,
      active: v.active,
    })),
  };
}

type ActionData = { vehicleId: string; errors: VehicleErrors; typed: VehicleTyped };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, campaign } = await requireCampaignAccess(request, params.campaignId!);
  const form = await readForm(request);
  const intent = form.get("intent");
  const vehicleId = String(form.get("vehicleId") ?? "");
  const back = `/console/campaigns/${campaign.id}/vehicles?done=saved`;
  if (intent === "activate" || intent === "deactivate") {
    await setVehicleActive({
      campaignId: campaign.id,
      vehicleId,
      active: intent === "activate",
      actorId: user.id,
    });
    throw redirect(back);
  }
  const typed = typedOf(form);
  const out = await saveVehicle({
    campaignId: campaign.id,
    vehicleId: vehicleId || undefined,
    typed,
    actorId: user.id,
  });
  if (!out.ok) return data<ActionData>({ vehicleId, errors: out.errors, typed }, { status: 400 });
  throw redirect(back);
}

const EMPTY: VehicleTyped = {
  name: "",
  kind: "MOTORBIKE",
  capacityUnits: "",
  capacityKg: "",
  shiftStart: "05:00",
  shiftEnd: "14:00",
  driverName: "",
  driverPhone: "",
  driverAccount: "",
};

function VehicleForm(props: {
  id: string;
  values: VehicleTyped;
  errors: VehicleErrors;
  t: ReturnType<typeof dispatchT>;
  submit: DispatchKey;
}) {
  const { t, values, errors } = props;
  const field = (
    name: keyof VehicleTyped,
    label: DispatchKey,
    extra: { inputMode?: "numeric" | "tel"; type?: string } = {},
  ) => (
    <label className="block">
      <span className="label">{t(label)}</span>
      <input
        name={name}
        defaultValue={values[name]}
        className="field"
        aria-invalid={errors[name] ? true : undefined}
        {...extra}
      />
      {errors[name] ? <span className="field-error block">{t(errors[name]!)}</span> : null}
    </label>
  );
  return (
    <Form method="post" className="grid grid-cols-2 gap-2" data-testid="vehicle-form">
      <AuthenticityTokenInput />
      <input type="hidden" name="vehicleId" value={props.id} />
      <div className="col-span-2">{field("name", "dispatch.vehicle.name")}</div>
      <label className="col-span-2 block">
        <span className="label">{t("dispatch.vehicle.kind")}</span>
        <select name="kind" defaultValue={values.kind} className="field">
          <option value="MOTORBIKE">{t("dispatch.vehicle.kind.MOTORBIKE")}</option>
          <option value="TRUCK">{t("dispatch.vehicle.kind.TRUCK")}</option>
        </select>
      </label>
      {field("capacityUnits", "dispatch.vehicle.capacityUnits", { inputMode: "numeric" })}
      {field("capacityKg", "dispatch.vehicle.capacityKg", { inputMode: "numeric" })}
      {field("shiftStart", "dispatch.vehicle.shiftStart")}
      {field("shiftEnd", "dispatch.vehicle.shiftEnd")}
      <div className="col-span-2">{field("driverName", "dispatch.vehicle.driverName")}</div>
      <div className="col-span-2">
        {field("driverPhone", "dispatch.vehicle.driverPhone", { inputMode: "tel", type: "tel" })}
      </div>
      <div className="col-span-2">
        {field("driverAccount", "dispatch.vehicle.driverAccount", {
          inputMode: "tel",
          type: "tel",
        })}
      </div>
      <button name="intent" value="save" className="btn-primary col-span-2">
        {t(props.submit)}
      </button>
    </Form>
  );
}

export default function Vehicles() {
  const t = dispatchT(useLocale());
  const { campaign, vehicles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failed = (id: string) => (actionData && actionData.vehicleId === id ? actionData : null);
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <p className="text-sm">
          <Link to={`/console/campaigns/${campaign.id}/runs`} className="text-tea-800 underline">
            ← {t("dispatch.nav.runs")}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {t("dispatch.vehicles.title", { title: campaign.title })}
        </h1>
        <p className="text-sm text-stone-600">{t("dispatch.vehicles.intro")}</p>
      </header>
      {params.get("done") === "saved" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("dispatch.vehicles.saved")}
        </p>
      ) : null}
      {vehicles.length ? (
        <ul className="space-y-2" data-testid="vehicles">
          {vehicles.map((v) => {
            const f = failed(v.id);
            return (
              <li key={v.id} className="card space-y-1 p-3 text-sm">
                <p className="font-semibold">
                  {v.name}
                  {v.active ? "" : ` · ${t("dispatch.vehicles.inactive")}`}
                </p>
                <p className="text-stone-600">
                  {t("dispatch.vehicle.line", {
                    kind: t(
                      v.kind === "MOTORBIKE"
                        ? "dispatch.vehicle.kind.MOTORBIKE"
                        : "dispatch.vehicle.kind.TRUCK",
                    ),
                    units: v.capacityUnits,
                    kg: v.capacityKg,
                    from: v.shiftStart,
                    to: v.shiftEnd,
                  })}
                </p>
                {v.driverName ? (
                  <p>{t("dispatch.run.driver", { name: v.driverName, phone: v.driverPhone })}</p>
                ) : null}
                <details open={!!f}>
                  <summary className="cursor-pointer text-tea-800">
                    {t("dispatch.vehicles.save")}
                  </summary>
                  <VehicleForm
                    id={v.id}
                    t={t}
                    submit="dispatch.vehicles.save"
                    errors={f?.errors ?? {}}
                    values={
                      f?.typed ?? {
                        name: v.name,
                        kind: v.kind,
                        capacityUnits: String(v.capacityUnits),
                        capacityKg: String(v.capacityKg),
                        shiftStart: v.shiftStart,
                        shiftEnd: v.shiftEnd,
                        driverName: v.driverName,
                        driverPhone: v.driverPhone,
                        driverAccount: "",
                      }
                    }
                  />
                </details>
                <Form method="post">
                  <AuthenticityTokenInput />
                  <input type="hidden" name="vehicleId" value={v.id} />
                  <button
                    name="intent"
                    value={v.active ? "deactivate" : "activate"}
                    className="btn-secondary w-full"
                  >
                    {t(v.active ? "dispatch.vehicles.deactivate" : "dispatch.vehicles.activate")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-stone-600">{t("dispatch.vehicles.none")}</p>
      )}
      <section className="card space-y-2 p-4">
        <h2 className="text-lg font-semibold">{t("dispatch.vehicles.add")}</h2>
        <VehicleForm
          id=""
          t={t}
          submit="dispatch.vehicles.add"
          errors={failed("")?.errors ?? {}}
          values={failed("")?.typed ?? EMPTY}
        />
      </section>
    </div>
  );
}
