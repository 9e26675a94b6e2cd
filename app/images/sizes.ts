// Widths every stored photo is rendered at (kept in one place for the <Photo> srcset).
export const PHOTO_WIDTHS = [160, 320, 640, 1024] as const;
export const PHOTO_FORMATS = ["avif", "webp", "jpg"] as const;
