const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-27 18:30` in the local time zone: for people; `--json` carries the ISO instant. */
export function formatLocalTime(instant: string | Date): string {
  const date = new Date(instant);
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
