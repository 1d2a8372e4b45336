import { formatUkDate, isoDate } from "@/lib/london-time";

export function PostDate({ date }: { date: Date | string }) {
  return <time dateTime={isoDate(date)}>{formatUkDate(date)}</time>;
}
