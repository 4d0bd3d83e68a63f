/**
 * Draws the app's icons (public/icons/): a 3×3 convolution kernel in white on the accent colour,
 * as SVG and as PNGs (192, 512 and a full-bleed maskable 512) encoded here with zlib, so the
 * build needs no image tool and no outside asset. Run it after changing the design:
 * `node scripts/make-icons.mjs`; the icons are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
/** --accent in src/styles.css. */
const ACCENT = [0x1f, 0x5f, 0xbf];
/** The kernel's cells, from faint to full white (a kernel's weights, as the app paints them). */
const CELLS = [
  [0.35, 0.7, 1],
  [0.55, 1, 0.7],
  [1, 0.55, 0.35],
];

/** The icon's shapes in a unit square: the background's corner radius and the kernel's cells. */
function layout(maskable) {
  // A maskable icon fills the square and keeps its picture inside the central 80% circle.
  const inset = maskable ? 0.3 : 0.22;
  const gap = 0.04;
  const cell = (1 - 2 * inset - 2 * gap) / 3;
  const cells = CELLS.flatMap((row, r) =>
    row.map((alpha, c) => ({ x: inset + c * (cell + gap), y: inset + r * (cell + gap), size: cell, alpha })),
  );
  return { radius: maskable ? 0 : 0.18, cells };
}

function svg() {
  const { radius, cells } = layout(false);
  const rects = cells
    .map(
      ({ x, y, size, alpha }) =>
        `<rect x="${(x * 512).toFixed(1)}" y="${(y * 512).toFixed(1)}" width="${(size * 512).toFixed(1)}" height="${(size * 512).toFixed(1)}" rx="8" fill="#ffffff" fill-opacity="${alpha}"/>`,
    )
    .join('');
  const hex = `#${ACCENT.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="${radius * 512}" fill="${hex}"/>${rects}</svg>\n`;
}

/** RGBA pixels of the icon at `size`×`size`, 4×4 supersampled at the edges. */
function pixels(size, maskable) {
  const { radius, cells } = layout(maskable);
  const rgba = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          if (!insideRounded(x, y, 0, 0, 1, radius)) continue;
          const hit = cells.find((c) => insideRounded(x, y, c.x, c.y, c.size, 8 / 512));
          const w = hit ? hit.alpha : 0;
          r += ACCENT[0] * (1 - w) + 255 * w;
          g += ACCENT[1] * (1 - w) + 255 * w;
          b += ACCENT[2] * (1 - w) + 255 * w;
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      // Colours are averaged over covered samples only, so edges do not darken.
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return rgba;
}

function insideRounded(x, y, left, top, size, radius) {
  if (x < left || y < top || x > left + size || y > top + size) return false;
  const cx = Math.min(Math.max(x, left + radius), left + size - radius);
  const cy = Math.min(Math.max(y, top + radius), top + size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG. */
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'icon.svg'), svg());
writeFileSync(join(OUT, 'icon-192.png'), png(192, pixels(192, false)));
writeFileSync(join(OUT, 'icon-512.png'), png(512, pixels(512, false)));
writeFileSync(join(OUT, 'icon-maskable-512.png'), png(512, pixels(512, true)));
console.log(`icons written to ${OUT}`);
