import { PNG } from 'pngjs';
import type { Point } from './strokeFont.js';

/** A greyscale drawing surface: how much ink covers each pixel, from 0 to 1. */
export type InkCanvas = { width: number; height: number; ink: Float32Array };

export function createInkCanvas(width: number, height: number): InkCanvas {
  return { width, height, ink: new Float32Array(width * height) };
}

/** Draws a polyline with a round pen `penWidth` pixels wide, anti-aliased by distance to the line. */
export function drawPolyline(canvas: InkCanvas, points: readonly Point[], penWidth: number): void {
  const radius = penWidth / 2;
  for (let index = 1; index < points.length; index++) {
    drawSegment(canvas, points[index - 1]!, points[index]!, radius);
  }
}

function drawSegment(canvas: InkCanvas, [ax, ay]: Point, [bx, by]: Point, radius: number): void {
  const { width, height, ink } = canvas;
  const reach = radius + 1;
  const left = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
  const right = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + reach));
  const top = Math.max(0, Math.floor(Math.min(ay, by) - reach));
  const bottom = Math.min(height - 1, Math.ceil(Math.max(ay, by) + reach));
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy || 1;
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const px = x + 0.5 - ax;
      const py = y + 0.5 - ay;
      const t = Math.min(1, Math.max(0, (px * dx + py * dy) / lengthSquared));
      const ex = px - t * dx;
      const ey = py - t * dy;
      const cover = Math.min(1, radius + 0.5 - Math.sqrt(ex * ex + ey * ey));
      if (cover > ink[y * width + x]!) ink[y * width + x] = cover;
    }
  }
}

/** Encodes the canvas as a PNG: dark ink on a light background. */
export function encodeInkCanvas({ width, height, ink }: InkCanvas): Uint8Array {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  const grey = Buffer.alloc(width * height);
  for (let index = 0; index < ink.length; index++) grey[index] = Math.round(247 - ink[index]! * 222);
  return new Uint8Array(PNG.sync.write(Object.assign(png, { data: grey }), { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
}
