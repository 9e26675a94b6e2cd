// Where a buyer is when the phone's location was not shared: the centre of the commune
// (approximate, from the map), and which row of the routing area table
// (app/routing/areas.ts) a commune's roads follow. Data the cooperative may correct;
// a commune missing here has no centre, and a delivery there is refused with a clear
// error rather than guessed.
import { HA_NOI, provinceOfCommune } from "~/places/national.server";

export type Centre = { lat: number; lng: number };

export const COMMUNE_CENTRES: Record<string, Centre> = {
  "05503": { lat: 21.5628, lng: 105.7612 },
  "05818": { lat: 21.6905, lng: 105.6283 },
  "05740": { lat: 21.7236, lng: 105.9417 },
  "05857": { lat: 21.4832, lng: 105.7701 },
  "05605": { lat: 21.8712, lng: 105.6105 },
  "05719": { lat: 21.8833, lng: 106.1167 },
  "05662": { lat: 21.6541, lng: 105.9853 },
  "05641": { lat: 21.7421, lng: 105.7402 },
  "05830": { lat: 21.6335, lng: 105.6411 },
  "05569": { lat: 21.9105, lng: 105.6358 },
  "05716": { lat: 21.7574, lng: 106.0704 },
  "05611": { lat: 21.7552, lng: 105.7333 },
  "05692": { lat: 21.6461, lng: 105.8795 },
  "01906": { lat: 22.4032, lng: 105.7293 },
  "02020": { lat: 22.1497, lng: 105.5852 },
  "05443": { lat: 21.5942, lng: 105.8482 },
  "05467": { lat: 21.5736, lng: 105.8389 },
  "05860": { lat: 21.4139, lng: 105.8735 },
  "05518": { lat: 21.4772, lng: 105.8436 },
  "01843": { lat: 22.1471, lng: 105.8348 },
};

const AREA_OF_COMMUNE: Record<string, string> = {
  "05740": "la-hien",
  "05719": "sang-moc",
  "05716": "dinh-ca",
  "05443": "thai-nguyen",
  "05467": "thai-nguyen",
  "05662": "trang-xa",
};

export function areaOfCommune(code: string): string {
  return AREA_OF_COMMUNE[code] ?? (provinceOfCommune(code) === HA_NOI ? "ha-noi" : "default");
}

export function communeCentre(code: string): Centre | null {
  return COMMUNE_CENTRES[code] ?? null;
}
