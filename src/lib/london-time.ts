// Dates as a British reader and a UK editor expect them: "21 November 2026", "the 28th post", and
// schedule times read and written as London wall-clock time across the clock changes (the database
// stores instants).
const LONDON = "Europe/London";

const ukDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: LONDON,
});

export function formatUkDate(date: Date | string): string {
  return ukDate.format(new Date(date));
}

/** A machine-readable timestamp for <time dateTime>. */
export function isoDate(date: Date | string): string {
  return new Date(date).toISOString();
}

export function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}


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

/** "21:05:30 GMT": a time of day for log lines and the command line. */
export function formatLondonClock(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeStyle: "long", timeZone: LONDON }).format(date);
}
