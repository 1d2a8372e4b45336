import { z } from "zod";
import { ROLES } from "./role-labels";
import { checkbox, emailAddress, uploadedImageField } from "@/lib/form-fields";
import { slugify } from "@/lib/slug";

export const signInRequestSchema = z.object({
  email: emailAddress,
  callbackUrl: z.string().max(500).optional(),
});

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .optional();

export const invitationSchema = z.object({
  email: emailAddress,
  role: z.enum(["GUEST", "AUTHOR"], { error: "Choose guest or author." }).default("GUEST"),
  seriesId: optionalText(40, "Series"),
});

export const handleSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, ""))
  .pipe(z.string().regex(/^[A-Za-z0-9_]{0,30}$/, "A handle has up to 30 letters, digits or underscores, like @docket_blog."))
  .transform((value) => (value === "" ? null : value));

export const websiteSchema = z
  .string()
  .trim()
  .max(300, "The website address is too long.")
  .refine((value) => value === "" || /^https?:\/\/[^\s]+\.[^\s]+$/.test(value), "Enter a website starting with https://.")
  .transform((value) => (value === "" ? null : value));

export const profileSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(2, "Enter the name readers will see (at least 2 characters).")
    .max(80, "The display name must be at most 80 characters."),
  bio: z.string().trim().max(1500, "The bio must be at most 1,500 characters."),
  xHandle: handleSchema,
  website: websiteSchema,
});

export const bylineSchema = z.object({
  displayName: profileSchema.shape.displayName,
  bio: profileSchema.shape.bio.default(""),
  isPseudonymous: checkbox,
  realName: optionalText(120, "The real name"),
});

export const linkProfileSchema = z.object({
  profileId: z.string().min(1).max(40),
  userId: z.string().min(1).max(40),
});

const recordId = z.string().min(1).max(40);


export const roleChangeSchema = z.object({
  userId: recordId,
  role: z.enum(ROLES, { error: "Choose one of the four roles." }),
});

export const loginSchema = z.object({ userId: recordId });

/** A picture for a byline: only an upload made through /api/uploads, never a link elsewhere. */
export const avatarSchema = uploadedImageField("Upload the picture here rather than linking to it.").transform((value) => value || null);

/** The author page's address, as typed ("Jo Bloggs" becomes jo-bloggs). */
export const profileSlugSchema = z
  .string()
  .trim()
  .max(100, "The address must be at most 100 characters.")
  .transform(slugify)
  .pipe(z.string().min(1, "Enter the author page's address, using letters or digits, like jo-bloggs."));

/** An editor's edit of any byline, its pen-name status included. */
export const bylineEditSchema = z.object({
  profileId: recordId,
  displayName: profileSchema.shape.displayName,
  slug: profileSlugSchema,
  bio: profileSchema.shape.bio.default(""),
  xHandle: handleSchema.default(null),
  website: websiteSchema.default(null),
  avatarUrl: avatarSchema.default(null),
  isPseudonymous: checkbox,
  realName: optionalText(120, "The real name"),
});
