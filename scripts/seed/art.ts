// Demo product photos drawn as SVG and rendered by sharp: nothing is downloaded.
import sharp from "sharp";
import type { ArtKind } from "./catalog";

export function rng(seed: number) {
  // mulberry32: small, fast, deterministic
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PALETTES: Record<ArtKind, { bg: [string, string]; fg: string[] }> = {
  tea: { bg: ["#e8f1df", "#c7dcb4"], fg: ["#3f7a2c", "#2f6121", "#5c9a3e", "#4d8a35"] },
  "tea-dark": { bg: ["#f3e6d4", "#d9b98f"], fg: ["#6b3a1c", "#8a4b22", "#4e2a14"] },
  honey: { bg: ["#fff4d6", "#f5d489"], fg: ["#d08a10", "#b8740a", "#e8a928"] },
  rice: { bg: ["#f5efe0", "#e4d6b5"], fg: ["#fffdf6", "#f1e8d0", "#e9dcb8"] },
  "custard-apple": { bg: ["#eef5e4", "#cfe0b6"], fg: ["#8bb35a", "#7aa34a", "#9cc46a"] },
  fruit: { bg: ["#f4f8e6", "#dfe9b9"], fg: ["#b5c93a", "#a3b82d", "#c8d85c"] },
  bamboo: { bg: ["#f2ead9", "#dccaa2"], fg: ["#b08a4a", "#9a763a", "#c49c5a"] },
  mushroom: { bg: ["#efe7dd", "#d2c0aa"], fg: ["#6e4b2e", "#5a3b22", "#82593a"] },
  cake: { bg: ["#eef3e6", "#c9d9b0"], fg: ["#3e6b2a", "#2e5520", "#4f7d36"] },
};

function shape(kind: ArtKind, x: number, y: number, s: number, rot: number, fill: string): string {
  const t = `transform="translate(${x} ${y}) rotate(${rot}) scale(${s})"`;
  switch (kind) {
    case "tea":
    case "tea-dark":
      return `<g ${t}><path d="M0 -60 C 35 -40 35 40 0 60 C -35 40 -35 -40 0 -60 Z" fill="${fill}"/><path d="M0 -55 L0 55" stroke="#ffffff55" stroke-width="3"/></g>`;
    case "honey":
      return `<g ${t}><rect x="-40" y="-50" width="80" height="100" rx="18" fill="${fill}"/><rect x="-30" y="-62" width="60" height="16" rx="4" fill="#7a4a12"/></g>`;
    case "rice":
      return `<g ${t}><ellipse rx="10" ry="22" fill="${fill}" stroke="#c9b98f" stroke-width="2"/></g>`;
    case "custard-apple":
      return `<g ${t}><circle r="55" fill="${fill}"/>${[0, 1, 2, 3, 4, 5].map((i) => `<circle cx="${Math.cos(i) * 30}" cy="${Math.sin(i) * 30}" r="14" fill="#ffffff22"/>`).join("")}</g>`;
    case "fruit":
      return `<g ${t}><circle r="60" fill="${fill}"/><path d="M0 -60 q 10 -20 25 -22" stroke="#4a6b1a" stroke-width="5" fill="none"/></g>`;
    case "bamboo":
      return `<g ${t}><rect x="-12" y="-70" width="24" height="140" rx="10" fill="${fill}"/><path d="M-12 -20 h24 M-12 30 h24" stroke="#7a5a2a" stroke-width="3"/></g>`;
    case "mushroom":
      return `<g ${t}><path d="M-50 0 A50 40 0 0 1 50 0 Z" fill="${fill}"/><rect x="-10" y="0" width="20" height="35" fill="#e9dcc5"/></g>`;
    case "cake":
      return `<g ${t}><rect x="-55" y="-55" width="110" height="110" fill="${fill}"/><path d="M-55 0 H55 M0 -55 V55" stroke="#d8c07a" stroke-width="6"/></g>`;
  }
}

/** A 900x900 JPEG for one art kind; `variant` changes the arrangement and hues. */
export async function drawProductPhoto(kind: ArtKind, variant: number): Promise<Buffer> {
  const r = rng(kind.length * 1000 + variant * 7919);
  const p = PALETTES[kind];
  const count = kind === "rice" ? 90 : kind === "honey" || kind === "cake" ? 3 : 14;
  const shapes = Array.from({ length: count }, () =>
    shape(
      kind,
      100 + r() * 700,
      120 + r() * 660,
      kind === "rice" ? 0.8 + r() * 0.6 : 0.8 + r() * 1.2,
      r() * 360,
      p.fg[Math.floor(r() * p.fg.length)],
    ),
  ).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900">
    <defs><radialGradient id="g" cx="${30 + r() * 40}%" cy="${30 + r() * 40}%" r="80%"><stop offset="0" stop-color="${p.bg[0]}"/><stop offset="1" stop-color="${p.bg[1]}"/></radialGradient></defs>
    <rect width="900" height="900" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}
