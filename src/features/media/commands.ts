// Uploading images and pasting documents, as commands (src/lib/action.ts): any writer may upload for
// their posts and profile, and paste into the editor.
import "server-only";
import type { Image, Root } from "mdast";
import { visit } from "unist-util-visit";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { siteUrl } from "@/lib/env";
import { InputError, UserFacingError } from "@/lib/errors";
import { htmlToMdast, mdastToMarkdown } from "@/lib/html-to-markdown";
import { fileNameOf, isPlaceholderUrl, placeholderUrl } from "@/lib/image-placeholders";
import { consumeRateLimit } from "@/lib/rate-limit";
import { copyRemoteImage, storeUploadedImage, UnacceptableImageError, MAX_UPLOAD_BYTES } from "./mutations";
import { pastedHtmlSchema } from "./schema";

const CHOOSE_AN_IMAGE = "Choose an image to upload.";

export const uploadImage = defineCommand({
  access: "posts.write",
  input: z.object({
    file: z
      .instanceof(File, { message: CHOOSE_AN_IMAGE })
      .refine((file) => file.size > 0, CHOOSE_AN_IMAGE)
      .refine((file) => file.size <= MAX_UPLOAD_BYTES, "The image is too large: the limit is 8 MB."),
  }),
  async run({ file }, actor) {
    try {
      const stored = await storeUploadedImage(Buffer.from(await file.arrayBuffer()), actor.id);
      return { message: "Uploaded.", data: stored };
    } catch (error) {
      if (error instanceof UnacceptableImageError) throw new InputError(error.message);
      throw error;
    }
  },
  audit: (_input, { data }) => ({ action: "image.uploaded", entityType: "MediaAsset", entityId: data.url }),
});

/** A paste copies at most this many images; the rest become placeholders to upload by hand. */
const MAX_COPIED_IMAGES = 20;
const COPIES_AT_ONCE = 3;

/** The site's own uploads, named by their full address: kept as the path they are. */
function ownUpload(url: string): string | null {
  if (url.startsWith("/uploads/")) return url;
  const site = new URL(siteUrl());
  try {
    const parsed = new URL(url);
    return parsed.origin === site.origin && parsed.pathname.startsWith("/uploads/") ? parsed.pathname : null;
  } catch {
    return null;
  }
}

/**
 * Every image in a pasted document ends up in this site's uploads or as a placeholder asking for its
 * file: images on other sites (Google Docs keeps a document's pictures on Google's servers) are copied
 * here; one that cannot be fetched, a relative address from another site, or one past the limit is a
 * placeholder. Returns how many of each.
 */
async function keepPastedImagesHere(tree: Root, uploadedById: string): Promise<{ copied: number; placeholders: number }> {
  const images: Image[] = [];
  visit(tree, "image", (image) => {
    images.push(image);
  });
  let copied = 0;
  const toCopy: Image[] = [];
  for (const image of images) {
    if (isPlaceholderUrl(image.url)) continue;
    const own = ownUpload(image.url);
    if (own) image.url = own;
    else if (/^https?:\/\//i.test(image.url) && toCopy.length < MAX_COPIED_IMAGES) toCopy.push(image);
    else image.url = placeholderUrl(fileNameOf(image.url));
  }
  for (let start = 0; start < toCopy.length; start += COPIES_AT_ONCE) {
    await Promise.all(
      toCopy.slice(start, start + COPIES_AT_ONCE).map(async (image) => {
        try {
          image.url = (await copyRemoteImage(image.url, uploadedById)).url;
          copied += 1;
        } catch {
          // Unreachable, private, too large or not an image: the writer uploads it by hand.
          image.url = placeholderUrl(fileNameOf(image.url));
        }
      }),
    );
  }
  return { copied, placeholders: images.filter((image) => isPlaceholderUrl(image.url)).length };
}

/** Conversions a guest author may ask for in a window: far more than pasting a draft together takes. */
export const GUEST_PASTE_LIMIT = { limit: 60, windowSeconds: 600 };

/**
 * Pasted HTML (Word, Google Docs, LibreOffice, web pages) becomes markdown, through the same converter
 * as the WordPress import, with its images copied into uploads or left as placeholders to upload. The
 * work grows in proportion to the paste (at most MAX_PASTED_HTML_CHARACTERS); a guest's conversions are
 * rate-limited like the site's other writes by people it does not yet trust.
 */
export const convertPastedHtml = defineCommand({
  access: "posts.write",
  input: z.object({ html: pastedHtmlSchema }),
  // It fetches pasted images from other sites: no transaction waits on the network; each copy is a row of its own.
  transaction: false,
  async run({ html }, actor) {
    if (actor.role === "GUEST") {
      const { allowed, retryAfterSeconds } = await consumeRateLimit(`paste:user:${actor.id}`, GUEST_PASTE_LIMIT);
      if (!allowed) throw new UserFacingError(`You have pasted a great deal in a short time: the formatting is kept again in ${Math.ceil(retryAfterSeconds / 60)} min.`);
    }
    const tree = htmlToMdast(html, { forPaste: true });
    const images = await keepPastedImagesHere(tree, actor.id);
    return { message: "Converted.", data: { markdown: mdastToMarkdown(tree), ...images } };
  },
});
