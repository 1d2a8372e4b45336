import { formatUkDate, isoDate } from "@/lib/uk-date";

export function PostDate({ date }: { date: Date | string }) {
  return <time dateTime={isoDate(date)}>{formatUkDate(date)}</time>;
}
