// A campaign's vehicles, as the cooperative lists them. The form is checked here for
// what the routing module would refuse later (zero capacity, a shift that ends before it
// starts), with the dispatcher's words, and gives back what was typed.
import { normalizePhone } from "~/domain/phone";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { minutesOf } from "./day-plan";
import type { DispatchKey } from "./strings";

export const VEHICLE_FIELDS = [
  "name",
  "kind",
  "capacityUnits",
  "capacityKg",
  "shiftStart",
  "shiftEnd",
  "driverName",
  "driverPhone",
  "driverAccount",
] as const;
export type VehicleField = (typeof VEHICLE_FIELDS)[number];
export type VehicleTyped = Record<VehicleField, string>;
export type VehicleErrors = Partial<Record<VehicleField, DispatchKey>>;

type VehicleData = {
  name: string;
  kind: "MOTORBIKE" | "TRUCK";
  capacityUnits: number;
  capacityKg: number;
  shiftStart: string;
  shiftEnd: string;
  driverName: string;
  driverPhone: string;
  driverUserId: string | null;
};

export function typedOf(form: FormData): VehicleTyped {
  const out = {} as VehicleTyped;
  for (const f of VEHICLE_FIELDS) out[f] = String(form.get(f) ?? "").trim();
  return out;
}

const capacity = (s: string) => (/^\d{1,5}$/.test(s) && Number(s) > 0 ? Number(s) : null);

/** Checks a vehicle form; every field's problem at once. */
export async function parseVehicle(
  typed: VehicleTyped,
): Promise<{ ok: true; value: VehicleData } | { ok: false; errors: VehicleErrors }> {
  const errors: VehicleErrors = {};
  if (!typed.name || typed.name.length > 80) errors.name = "dispatch.error.name";
  if (typed.kind !== "MOTORBIKE" && typed.kind !== "TRUCK") errors.kind = "dispatch.error.required";
  const units = capacity(typed.capacityUnits);
  const kg = capacity(typed.capacityKg);
  if (units === null) errors.capacityUnits = "dispatch.error.capacity";
  if (kg === null) errors.capacityKg = "dispatch.error.capacity";
  const from = minutesOf(typed.shiftStart);
  const to = minutesOf(typed.shiftEnd);
  if (from === null) errors.shiftStart = "dispatch.error.time";
  if (to === null) errors.shiftEnd = "dispatch.error.time";
  if (from !== null && to !== null && to <= from) errors.shiftEnd = "dispatch.error.shift";
  if (typed.driverName.length > 80) errors.driverName = "dispatch.error.name";
  const phone = typed.driverPhone ? normalizePhone(typed.driverPhone) : "";
  if (phone === null) errors.driverPhone = "dispatch.error.phone";
  let driverUserId: string | null = null;
  if (typed.driverAccount) {
    const e164 = normalizePhone(typed.driverAccount);
    const user = e164
      ? await prisma.user.findUnique({ where: { phone: e164 }, select: { id: true } })
      : null;
    if (!user) errors.driverAccount = "dispatch.error.driverAccount";
    else driverUserId = user.id;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: typed.name,
      kind: typed.kind as VehicleData["kind"],
      capacityUnits: units!,
      capacityKg: kg!,
      shiftStart: typed.shiftStart,
      shiftEnd: typed.shiftEnd,
      driverName: typed.driverName,
      driverPhone: phone ?? "",
      driverUserId,
    },
  };
}

export function campaignVehicles(campaignId: string) {
  return prisma.vehicle.findMany({
    where: { campaignId },
    orderBy: [{ active: "desc" }, { kind: "asc" }, { name: "asc" }],
  });
}

/** Adds (no id) or changes a vehicle of the campaign. */
export async function saveVehicle(input: {
  campaignId: string;
  vehicleId?: string;
  typed: VehicleTyped;
  actorId: string;
}): Promise<{ ok: true; id: string } | { ok: false; errors: VehicleErrors }> {
  const parsed = await parseVehicle(input.typed);
  if (!parsed.ok) return parsed;
  return prisma.$transaction(async (tx) => {
    let id = input.vehicleId;
    if (id) {
      const changed = await tx.vehicle.updateMany({
        where: { id, campaignId: input.campaignId },
        data: parsed.value,
      });
      if (changed.count !== 1) throw new Response("Not found", { status: 404 });
    } else {
      id = (await tx.vehicle.create({ data: { ...parsed.value, campaignId: input.campaignId } }))
        .id;
    }
    await audit(
      {
        actorId: input.actorId,
        action: input.vehicleId ? "dispatch.vehicle.update" : "dispatch.vehicle.create",
        entity: "Vehicle",
        entityId: id,
        data: { campaignId: input.campaignId, ...parsed.value },
      },
      tx,
    );
    return { ok: true as const, id };
  });
}

export async function setVehicleActive(input: {
  campaignId: string;
  vehicleId: string;
  active: boolean;
  actorId: string;
}) {
  await prisma.$transaction(async (tx) => {
    const changed = await tx.vehicle.updateMany({
      where: { id: input.vehicleId, campaignId: input.campaignId },
      data: { active: input.active },
    });
    if (changed.count !== 1) throw new Response("Not found", { status: 404 });
    await audit(
      {
        actorId: input.actorId,
        action: input.active ? "dispatch.vehicle.activate" : "dispatch.vehicle.deactivate",
        entity: "Vehicle",
        entityId: input.vehicleId,
        data: { campaignId: input.campaignId },
      },
      tx,
    );
  });
}
