// Where a buyer is when the phone's location was not shared: the centre of the commune
// (approximate, from the map), and which row of the routing area table
// (app/routing/areas.ts) a commune's roads follow. Data the cooperative may correct;
// a commune missing here has no centre, and a delivery there is refused with a clear
// error rather than guessed.
export type Centre = { lat: number; lng: number };

export const COMMUNE_CENTRES: Record<string, Centre> = {
  "TNG-TAN-CUONG": { lat: 21.5628, lng: 105.7612 },
  "TNG-LA-BANG": { lat: 21.6905, lng: 105.6283 },
  "TNG-LA-HIEN": { lat: 21.7236, lng: 105.9417 },
  "TNG-PHUC-THUAN": { lat: 21.4832, lng: 105.7701 },
  "TNG-BINH-THANH": { lat: 21.8712, lng: 105.6105 },
  "TNG-SANG-MOC": { lat: 21.8833, lng: 106.1167 },
  "TNG-TRAI-CAI": { lat: 21.6541, lng: 105.9853 },
  "TNG-KHE-COC": { lat: 21.7421, lng: 105.7402 },
  "TNG-DAI-TU": { lat: 21.6335, lng: 105.6411 },
  "TNG-DINH-HOA": { lat: 21.9105, lng: 105.6358 },
  "TNG-VO-NHAI": { lat: 21.7574, lng: 106.0704 },
  "TNG-PHU-LUONG": { lat: 21.7552, lng: 105.7333 },
  "TNG-DONG-HY": { lat: 21.6461, lng: 105.8795 },
  "TNG-BA-BE": { lat: 22.4032, lng: 105.7293 },
  "TNG-CHO-DON": { lat: 22.1497, lng: 105.5852 },
  "TNG-PHAN-DINH-PHUNG": { lat: 21.5942, lng: 105.8482 },
  "TNG-GIA-SANG": { lat: 21.5736, lng: 105.8389 },
  "TNG-PHO-YEN": { lat: 21.4139, lng: 105.8735 },
  "TNG-SONG-CONG": { lat: 21.4772, lng: 105.8436 },
  "TNG-BAC-KAN": { lat: 22.1471, lng: 105.8348 },
};

const AREA_OF_COMMUNE: Record<string, string> = {
  "TNG-LA-HIEN": "la-hien",
  "TNG-SANG-MOC": "sang-moc",
  "TNG-VO-NHAI": "dinh-ca",
  "TNG-PHAN-DINH-PHUNG": "thai-nguyen",
  "TNG-GIA-SANG": "thai-nguyen",
  "TNG-TRAI-CAI": "trang-xa",
};

export function areaOfCommune(code: string): string {
  return AREA_OF_COMMUNE[code] ?? (code.startsWith("HNI-") ? "ha-noi" : "default");
}

export function communeCentre(code: string): Centre | null {
  return COMMUNE_CENTRES[code] ?? null;
}
