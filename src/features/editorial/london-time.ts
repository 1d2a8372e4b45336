// Editors schedule in UK time; the database stores instants. These convert between the two,
// across the clock changes.
const LONDON = "Europe/London";

function londonOffsetMs(instant: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** "2026-11-22T09:00" read as a London wall-clock time → the instant. */
export function fromLondonLocal(localDateTime: string): Date {
  const [date, time] = localDateTime.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const firstGuess = wallClockAsUtc - londonOffsetMs(new Date(wallClockAsUtc));
  return new Date(wallClockAsUtc - londonOffsetMs(new Date(firstGuess)));
}

/** The instant as a London "YYYY-MM-DDTHH:mm" (for a datetime-local input). */
export function toLondonLocal(instant: Date): string {
  const shifted = new Date(instant.getTime() + londonOffsetMs(instant));
  return shifted.toISOString().slice(0, 16);
}

export function formatLondonTime(date: Date, dateStyle: "full" | "medium" = "full"): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle, timeStyle: "short", timeZone: LONDON }).format(date);
}
