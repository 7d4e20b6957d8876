const quietZoneModules = 2;
const blackOnWhite = '\x1b[30;47m';
const reset = '\x1b[0m';

/**
 * The otpauth URI as a QR code in Unicode half blocks, one character per module across and two
 * down, the blocks being the dark modules. With `colour` (a terminal, unless NO_COLOR; see
 * colour.ts) each line is drawn black on white, so it scans on dark and light themes alike;
 * without, the plain text reads right on a light page.
 * The quiet zone is light on every side (qrcode's own terminal renderer leaves a white-ink row at
 * the bottom, which turns dark once colours are dropped, as in `tmux capture-pane`).
 */
export async function renderQr(uri: string, { colour }: { colour: boolean }): Promise<string> {
  const { create } = await import('qrcode');
  const { modules } = create(uri, { errorCorrectionLevel: 'M' });
  const dark = (row: number, col: number) =>
    row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col) === 1;
  const lines: string[] = [];
  for (let row = -quietZoneModules; row < modules.size + quietZoneModules; row += 2) {
    let line = '';
    for (let col = -quietZoneModules; col < modules.size + quietZoneModules; col++) {
      const top = dark(row, col);
      const bottom = dark(row + 1, col);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(colour ? `${blackOnWhite}${line}${reset}` : line);
  }
  return `${lines.join('\n')}\n`;
}
