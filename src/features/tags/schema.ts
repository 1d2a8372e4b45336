// What the tag forms send, with the messages an editor sees.
import { z } from "zod";
import { optionalSlug } from "@/lib/form-fields";
import { slugify } from "@/lib/slug";

const tagId = (message: string) => z.string({ error: message }).trim().min(1, message).max(40);

export const tagRenameSchema = z
  .object({
    tagId: tagId("That tag no longer exists."),
    name: z.string({ error: "Give the tag a name." }).trim().min(1, "Give the tag a name.").max(80, "A tag name is at most 80 characters."),
    slug: optionalSlug,
  })
  .transform((fields, context) => {
    const slug = fields.slug || slugify(fields.name);
    if (!slug) context.addIssue({ code: "custom", path: ["slug"], message: "Give the tag a slug: its name has no letters or digits to make one from." });
    return { tagId: fields.tagId, name: fields.name, slug };
  });

export const tagMergeSchema = z
  .object({
    fromTagId: tagId("Choose the tag to merge."),
    intoTagId: tagId("Choose the tag to merge it into."),
  })
  .refine((fields) => fields.fromTagId !== fields.intoTagId, { path: ["intoTagId"], message: "Choose two different tags." });

export const tagIdSchema = z.object({ tagId: tagId("That tag no longer exists.") });
