// zod pieces for values that arrive from HTML forms.
import { z } from "zod";

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
