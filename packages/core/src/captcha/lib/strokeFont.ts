/**
 * The captcha's characters as pen strokes in a unit box (x right, y down; capitals fill it,
 * lower-case shapes start at the x-height 0.35), several shapes each. The alphabet leaves out
 * characters a person confuses with another (0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G/b, U/V, E/F), and
 * C and P, which a line across them turns into E and R; so every shape of a character can be read
 * for that character alone. Answers are case-insensitive.
 */
export type Point = readonly [number, number];
export type Stroke = readonly Point[];
export type Glyph = readonly Stroke[];

/** Points along an ellipse from `fromDegrees` to `toDegrees` (0° points right, 90° down). */
function arc(cx: number, cy: number, rx: number, ry: number, fromDegrees: number, toDegrees: number): Point[] {
  const steps = Math.max(2, Math.ceil(Math.abs(toDegrees - fromDegrees) / 15));
  return Array.from({ length: steps + 1 }, (_, step) => {
    const angle = ((fromDegrees + ((toDegrees - fromDegrees) * step) / steps) * Math.PI) / 180;
    return [cx + rx * Math.cos(angle), cy + ry * Math.sin(angle)] as const;
  });
}

/** A quadratic Bézier from `a` to `b` pulled towards `control`. */
function curve(a: Point, control: Point, b: Point): Point[] {
  return Array.from({ length: 9 }, (_, step) => {
    const t = step / 8;
    const [u, v, w] = [(1 - t) * (1 - t), 2 * t * (1 - t), t * t];
    return [u * a[0] + v * control[0] + w * b[0], u * a[1] + v * control[1] + w * b[1]] as const;
  });
}

const capitalP: Glyph = [[[0.12, 1], [0.12, 0], [0.55, 0], ...arc(0.55, 0.27, 0.33, 0.27, -90, 90), [0.12, 0.54]]];

export const strokeFont: Readonly<Record<string, readonly Glyph[]>> = {
  '3': [
    [arc(0.5, 0.27, 0.32, 0.25, -160, 90), arc(0.5, 0.73, 0.36, 0.27, -90, 160)],
    [[[0.15, 0.02], [0.85, 0.02], [0.4, 0.42]], arc(0.5, 0.7, 0.37, 0.29, -110, 160)],
  ],
  '4': [
    [[[0.55, 0], [0.06, 0.72], [0.95, 0.72]], [[0.66, 0.42], [0.66, 1]]],
    [[[0.4, 0], [0.12, 0.6], [0.92, 0.6]], [[0.7, 0.25], [0.7, 1]]],
  ],
  '7': [
    [[[0.08, 0.04], [0.92, 0.04], [0.4, 1]]],
    [[[0.08, 0.06], [0.92, 0.04], ...curve([0.92, 0.04], [0.5, 0.4], [0.4, 1]).slice(1)]],
  ],
  '9': [
    [arc(0.5, 0.3, 0.33, 0.27, 0, 360), [[0.83, 0.3], [0.78, 1]]],
    [arc(0.5, 0.3, 0.33, 0.27, 0, 360), curve([0.83, 0.3], [0.85, 1], [0.28, 0.96])],
  ],
  A: [
    [[[0.04, 1], [0.5, 0], [0.96, 1]], [[0.24, 0.62], [0.76, 0.62]]],
    [arc(0.46, 0.7, 0.34, 0.29, 0, 360), [[0.8, 0.36], [0.8, 1]]],
  ],
  E: [
    [[[0.88, 0], [0.1, 0], [0.1, 1], [0.9, 1]], [[0.1, 0.5], [0.7, 0.5]]],
    [[[0.12, 0.68], [0.86, 0.68], ...arc(0.5, 0.68, 0.36, 0.32, 0, -300)]],
  ],
  H: [
    [[[0.1, 0], [0.1, 1]], [[0.9, 0], [0.9, 1]], [[0.1, 0.5], [0.9, 0.5]]],
    [[[0.15, 0], [0.15, 1]], [...arc(0.5, 0.62, 0.35, 0.24, -180, 0), [0.85, 1]]],
  ],
  J: [
    [[[0.3, 0], [0.95, 0]], [[0.7, 0], [0.7, 0.7], ...arc(0.42, 0.7, 0.28, 0.28, 0, 165)]],
    [[[0.75, 0], [0.75, 0.7], ...arc(0.45, 0.7, 0.3, 0.3, 0, 180)]],
  ],
  K: [
    [[[0.12, 0], [0.12, 1]], [[0.88, 0], [0.12, 0.6]], [[0.36, 0.42], [0.9, 1]]],
    [[[0.12, 0], [0.12, 1]], [[0.86, 0.02], [0.14, 0.52], [0.9, 1]]],
  ],
  M: [
    [[[0.04, 1], [0.1, 0], [0.5, 0.7], [0.9, 0], [0.96, 1]]],
    [[[0.08, 1], [0.08, 0], [0.5, 1], [0.92, 0], [0.92, 1]]],
    [[[0.06, 0.35], [0.06, 1]], [...arc(0.28, 0.56, 0.22, 0.2, -180, 0), [0.5, 1]], [...arc(0.72, 0.56, 0.22, 0.2, -180, 0), [0.94, 1]]],
  ],
  N: [
    [[[0.1, 1], [0.1, 0], [0.9, 1], [0.9, 0]]],
    [[[0.15, 0.35], [0.15, 1]], [...arc(0.5, 0.58, 0.35, 0.23, -180, 0), [0.85, 1]]],
  ],
  R: [
    [...capitalP, [[0.42, 0.54], [0.9, 1]]],
    [[[0.18, 0.35], [0.18, 1]], [[0.18, 0.62], ...arc(0.48, 0.62, 0.3, 0.24, -180, -30)]],
  ],
  T: [
    [[[0.04, 0], [0.96, 0]], [[0.5, 0], [0.5, 1]]],
    [[[0.42, 0.04], [0.42, 0.82], ...arc(0.62, 0.82, 0.2, 0.16, 180, 60)], [[0.1, 0.35], [0.85, 0.35]]],
  ],
  W: [
    [[[0.02, 0], [0.25, 1], [0.5, 0.35], [0.75, 1], [0.98, 0]]],
    [[[0.02, 0], [0.25, 1], [0.5, 0.05], [0.75, 1], [0.98, 0]]],
  ],
  X: [
    [[[0.08, 0], [0.92, 1]], [[0.92, 0], [0.08, 1]]],
    [curve([0.1, 0], [0.6, 0.5], [0.9, 1]), curve([0.9, 0], [0.4, 0.5], [0.1, 1])],
  ],
  Y: [
    [[[0.05, 0], [0.5, 0.5], [0.95, 0]], [[0.5, 0.5], [0.5, 1]]],
    [curve([0.05, 0], [0.42, 0.3], [0.5, 0.56]), curve([0.95, 0], [0.58, 0.3], [0.5, 0.56]), [[0.5, 0.56], [0.5, 1]]],
  ],
};

/** Every character a captcha may show. */
export const captchaAlphabet = Object.keys(strokeFont).join('');
