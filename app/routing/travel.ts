// Travel functions. No road network offline: road km = straight line x detour factor of
// the areas, minutes = road km / speed of the vehicle type there (areas.ts, editable).
import type { Place, SpeedProfile, TravelModel } from "./model";
import { VO_NHAI_AREAS, type AreaTravel } from "./areas";

const EARTH_KM = 6371.0088;

export function haversineKm(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const dLat = ((b.lat as number) - (a.lat as number)) * rad;
  const dLng = ((b.lng as number) - (a.lng as number)) * rad;
  const s =
    Math.sin(dLat / 2) ** 2 +
    Math.cos((a.lat as number) * rad) * Math.cos((b.lat as number) * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Solomon's convention: plane Euclidean distance in double precision, travel time equals distance. */
export const euclideanTravel: TravelModel = {
  distance: (a, b) =>
    Math.hypot((a.x as number) - (b.x as number), (a.y as number) - (b.y as number)),
  minutes: (a, b) =>
    Math.hypot((a.x as number) - (b.x as number), (a.y as number) - (b.y as number)),
};

/** Road estimate for Vietnam from an area table (defaults to Võ Nhai's). */
export function areaTravel(areas: Record<string, AreaTravel> = VO_NHAI_AREAS): TravelModel {
  const row = (p: Place) => areas[p.area ?? "default"] ?? areas.default;
  const roadKm = (a: Place, b: Place) => {
    if (a.lat === b.lat && a.lng === b.lng) return 0;
    return haversineKm(a, b) * ((row(a).detour + row(b).detour) / 2);
  };
  return {
    distance: roadKm,
    minutes: (a: Place, b: Place, profile: SpeedProfile) => {
      const km = roadKm(a, b);
      if (km === 0) return 0;
      return (km / ((row(a).kmh[profile] + row(b).kmh[profile]) / 2)) * 60;
    },
  };
}
