// Seeded synthetic harvest days around Võ Nhai for tests and the bench: households on
// real-ish coordinates (21.70-21.80 N, 105.90-106.10 E) in the communes of areas.ts,
// the La Hiên cooperative as collection point, buyers in Đình Cả, Thái Nguyên city and
// Hà Nội. Not real people or plots.
import type { HarvestDay, HarvestDelivery, HarvestPick } from "./harvest-day";
import type { Place, Vehicle } from "./model";
import { prng } from "./solver";
import { areaTravel } from "./travel";

const H = 60;

function areaOf(lat: number, lng: number): string {
  if (lat > 21.77 && lng > 106.02) return "sang-moc";
  if (lat > 21.77) return "than-sa";
  if (lng < 105.97) return "la-hien";
  if (lng > 106.05) return "dinh-ca";
  return lat > 21.74 ? "phu-thuong" : "trang-xa";
}

export const COLLECTION_POINT: Place = {
  id: "htx-la-hien",
  lat: 21.7235,
  lng: 105.9402,
  area: "la-hien",
};

export function voNhaiDay(households: number, vehicles: number, seed = 1): HarvestDay {
  const rnd = prng(seed * 7919 + households);
  const uniform = (a: number, b: number) => a + (b - a) * rnd();
  const picks: HarvestPick[] = [];
  const deliveries: HarvestDelivery[] = [];
  for (let i = 0; i < households; i++) {
    const lat = uniform(21.7, 21.8);
    const lng = uniform(105.9, 106.1);
    const boxes = 1 + Math.floor(rnd() * 4);
    const kg = boxes * uniform(8, 10);
    const start = 5 * H + Math.floor(rnd() * 5) * H; // 05:00 to 09:00
    picks.push({
      id: `pick-${i + 1}`,
      place: { id: `hh-${i + 1}`, lat, lng, area: areaOf(lat, lng) },
      window: { start, end: start + 3 * H },
      load: { boxes, kg },
      serviceMinutes: 3,
      // one household in five picked at dawn whatever the plan says
      pickedAt: rnd() < 0.2 ? start - 30 : undefined,
    });
    const where = rnd();
    const buyer: Place =
      where < 0.65
        ? {
            id: `buyer-${i + 1}`,
            lat: uniform(21.56, 21.62),
            lng: uniform(105.8, 105.87),
            area: "thai-nguyen",
          }
        : where < 0.9
          ? {
              id: `buyer-${i + 1}`,
              lat: uniform(21.74, 21.77),
              lng: uniform(106.06, 106.1),
              area: "dinh-ca",
            }
          : {
              id: `buyer-${i + 1}`,
              lat: uniform(20.98, 21.05),
              lng: uniform(105.78, 105.86),
              area: "ha-noi",
            };
    const narrow = rnd() < 0.4;
    // a narrow window is booked after the household's collection window (allocation matches them)
    const wStart = narrow ? start + 3 * H + Math.floor(rnd() * 4) * H : 7 * H;
    deliveries.push({
      id: `order-${i + 1}`,
      place: buyer,
      window: { start: wStart, end: narrow ? wStart + 2 * H : 18 * H },
      load: { boxes, kg },
      serviceMinutes: 5,
      pickIds: [`pick-${i + 1}`],
    });
  }
  const pickupVehicles: Vehicle[] = [];
  const deliveryVehicles: Vehicle[] = [];
  for (let v = 0; v < vehicles; v++) {
    const motorbike = v === 0; // one motorbike for the steep hamlets, the rest small trucks
    const capacity = motorbike ? { boxes: 10, kg: 100 } : { boxes: 120, kg: 1200 };
    // The cooperative's vehicles collect in four short trips (short trips keep the fruit
    // fresh); as many carrier vans deliver in three waves. Trips of one vehicle never overlap.
    const trips: [number, number][] = [
      [5 * H, 7 * H + 30],
      [7 * H + 30, 10 * H],
      [10 * H, 12 * H + 30],
      [12 * H + 30, 15 * H],
    ];
    trips.forEach(([s, e], t) =>
      pickupVehicles.push({
        id: `xe-${v + 1}-thu-${t + 1}`,
        profile: motorbike ? "motorbike" : "truck",
        capacity,
        start: COLLECTION_POINT,
        end: COLLECTION_POINT,
        shift: { start: s, end: e },
      }),
    );
    // Vans leave in waves timed to the collection trips coming back (plus sorting); van 1
    // makes two long runs (Hà Nội is 4-5 h there and back).
    const waves: [number, number][] =
      v === 0
        ? [
            [7 * H + 50, 14 * H],
            [14 * H, 20 * H],
          ]
        : [
            [7 * H + 50, 10 * H + 20],
            [10 * H + 20, 12 * H + 50],
            [12 * H + 50, 15 * H + 20],
            [15 * H + 20, 20 * H],
          ];
    waves.forEach(([s, e], t) =>
      deliveryVehicles.push({
        id: `van-${v + 1}-giao-${t + 1}`,
        profile: "truck",
        capacity: { boxes: 200, kg: 2000 },
        start: COLLECTION_POINT,
        end: COLLECTION_POINT,
        shift: { start: s, end: e },
      }),
    );
  }
  return {
    collectionPoint: COLLECTION_POINT,
    pickupVehicles,
    deliveryVehicles,
    picks,
    deliveries,
    travel: areaTravel(),
    handlingMinutes: 20,
  };
}
