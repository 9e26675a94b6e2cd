// Travel data the cooperative edits: per commune, how much longer the road is than the
// straight line (detour factor) and how fast each vehicle type goes there (km/h).
// Hill communes (La Hiên's upper hamlets, Sảng Mộc, Thần Sa, Nghinh Tường) have winding
// roads and slow speeds. Between two areas the detour is the mean of both rows and the
// speed the mean of both speeds. Unknown areas use `default`.
import type { SpeedProfile } from "./model";

export interface AreaTravel {
  name: string;
  detour: number;
  kmh: Record<SpeedProfile, number>;
}

export const VO_NHAI_AREAS: Record<string, AreaTravel> = {
  default: { name: "Khác / Other", detour: 1.35, kmh: { motorbike: 40, truck: 45 } },
  "dinh-ca": { name: "Đình Cả", detour: 1.3, kmh: { motorbike: 35, truck: 35 } },
  "la-hien": { name: "La Hiên", detour: 1.45, kmh: { motorbike: 30, truck: 28 } },
  "sang-moc": { name: "Sảng Mộc", detour: 1.8, kmh: { motorbike: 22, truck: 18 } },
  "than-sa": { name: "Thần Sa", detour: 1.7, kmh: { motorbike: 24, truck: 20 } },
  "nghinh-tuong": { name: "Nghinh Tường", detour: 1.7, kmh: { motorbike: 24, truck: 20 } },
  "phu-thuong": { name: "Phú Thượng", detour: 1.4, kmh: { motorbike: 30, truck: 28 } },
  "trang-xa": { name: "Tràng Xá", detour: 1.4, kmh: { motorbike: 30, truck: 28 } },
  "thai-nguyen": { name: "TP Thái Nguyên", detour: 1.25, kmh: { motorbike: 30, truck: 35 } },
  "ha-noi": { name: "Hà Nội", detour: 1.3, kmh: { motorbike: 35, truck: 45 } },
};
