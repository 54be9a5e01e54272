import { encodePng } from '../kernel/png.ts';

/** Soft colour pairs (KRDS-like blues, greens, warm tones) for demo pictures. */
const PALETTE: readonly (readonly [readonly [number, number, number], readonly [number, number, number]])[] = [
  [[232, 241, 253], [37, 99, 235]],
  [[236, 248, 240], [22, 128, 61]],
  [[254, 243, 232], [217, 119, 6]],
  [[252, 236, 240], [190, 24, 93]],
  [[240, 240, 252], [79, 70, 229]],
  [[235, 248, 250], [14, 116, 144]],
  [[250, 245, 230], [161, 98, 7]],
  [[244, 244, 245], [63, 63, 70]],
];

/**
 * A demo picture (PNG, 480 × 320): a gradient with three soft discs, its colours chosen by `n`. Made
 * in code so that the demo's catalogue and bundle shop show photos uploaded to sehub, as real ones are;
 * their alternative texts say they are sample pictures.
 */
export function demoPicture(n: number, width = 480, height = 320): Buffer {
  const [light, dark] = PALETTE[n % PALETTE.length]!;
  const discs = [0, 1, 2].map((k) => ({
    x: ((n * 37 + k * 151) % 100) / 100 * width,
    y: ((n * 53 + k * 97) % 100) / 100 * height,
    r: (0.18 + ((n + k) % 3) * 0.07) * height,
    a: 0.18 + k * 0.1,
  }));
  return encodePng(width, height, (x, y) => {
    const t = (x / width) * 0.6 + (y / height) * 0.4;
    let r = light[0] + (dark[0] - light[0]) * t * 0.35;
    let g = light[1] + (dark[1] - light[1]) * t * 0.35;
    let b = light[2] + (dark[2] - light[2]) * t * 0.35;
    for (const d of discs) {
      if ((x - d.x) ** 2 + (y - d.y) ** 2 < d.r * d.r) {
        r += (dark[0] - r) * d.a;
        g += (dark[1] - g) * d.a;
        b += (dark[2] - b) * d.a;
      }
    }
    return [Math.round(r), Math.round(g), Math.round(b)];
  });
}
