// zod pieces for values that arrive from HTML forms.
import { z } from "zod";

/** A checkbox: "on" (or true) when ticked, absent otherwise. */
export const checkbox = z.preprocess((value) => value === true || value === "on", z.boolean());
