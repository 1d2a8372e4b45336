// Dates and ordinals as a British reader expects them: "21 November 2026", "the 28th post".
const ukDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
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
