// zod pieces for values that arrive from HTML forms.
import { z } from "zod";
import { SLUG_MAX } from "@/lib/slug";

/** A checkbox: "on" (or true) when ticked, absent otherwise. */
export const checkbox = z.preprocess((value) => value === true || value === "on", z.boolean());

/** An email address as people type it: trimmed, lower-cased, with a message that shows the form. */
export const emailAddress = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.org." }));

/**
 * A slug typed in a form: empty means "make it from the title" (the caller runs `slugify`);
 * otherwise lower-case letters, digits and single hyphens, as the address will show it.
 */
export const optionalSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(SLUG_MAX, `A slug is at most ${SLUG_MAX} characters.`)
  .refine((slug) => slug === "" || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug), "Use lower-case letters, digits and hyphens only, like why-i-tweet.")
  .default("");

/** An image uploaded through /api/uploads (its /uploads/… address), or "" for none. */
export function uploadedImageField(refusal = "Upload the image here rather than linking to it.") {
  return z
    .string()
    .trim()
    .max(300, "The image address is too long.")
    .refine((value) => value === "" || /^\/uploads\/(?:[a-z0-9-]+\/)*[a-z0-9-]+\.(?:webp|jpg|png|gif)$/.test(value), refusal)
    .default("");
}

export const uploadedImage = uploadedImageField();

/** Whether "YYYY-MM-DD" names a day the calendar has (Date.parse reads 2026-02-31 as 3 March). */
function isCalendarDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** A date from an <input type="date"> ("YYYY-MM-DD"), or "" for none. */
export const optionalDay = z
  .string()
  .trim()
  .refine((value) => value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value), "Enter a date like 2026-11-21.")
  .refine((value) => value === "" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || isCalendarDay(value), "There is no such day: that month is shorter.")
  .default("");
