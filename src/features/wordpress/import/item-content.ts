// An item's content on its way into Docket, for posts and pages alike: WordPress HTML through the one
// converter to markdown, with the old site's images and files brought in (or listed as still pointing at
// the old site) and every problem the converter met reported against the item.
import { lineCount, markdownBodySchema } from "@/lib/markdown-limits";
import { convertWordPressContent } from "./convert-content";
import type { MediaImporter } from "./media";
import { metaValue, type ImportPlan } from "./plan";
import type { ImportReportBuilder } from "./report";
import type { WxrItem } from "../wxr/types";

export type ContentContext = {
  plan: ImportPlan;
  report: ImportReportBuilder;
  media: MediaImporter;
};

/**
 * The item's text as markdown; `noun` ("post", "page") names what its <!--nextpage--> pages become. Every
 * address of an old file that was imported (a link, an image, a bare address) points at Docket's copy;
 * every other image or file keeps its address, with a line in the report.
 */
export async function itemMarkdown(item: WxrItem, label: string, noun: string, context: ContentContext): Promise<string> {
  const { plan, report, media } = context;
  const converted = convertWordPressContent(item.content, {
    attachments: plan.attachments,
    attachedImageIds: plan.attachedImages.get(item.postId),
    oembedCache: item.meta.filter((entry) => entry.key.startsWith("_oembed_") && !entry.key.startsWith("_oembed_time_")).map((entry) => entry.value),
    footnotes: metaValue(item, "footnotes"),
  });
  for (const url of converted.mediaUrls) await media.bring(url, label);
  for (const problem of converted.problems) report.problem(`${label}: ${problem}`);
  if (converted.pageCount > 1) report.choice(`${label} had ${converted.pageCount} pages: they are one ${noun}, the pages divided by a rule.`);
  const { markdown } = converted.write((url) => media.docketUrlFor(url) ?? url);
  // What a writer could not save, the import does not write either: it could never be edited.
  const storable = markdownBodySchema(noun === "page" ? "page" : "post").safeParse(markdown);
  if (!storable.success) {
    const lines = lineCount(markdown);
    throw new Error(
      `its text is ${markdown.length.toLocaleString("en-GB")} characters in ${lines.toLocaleString("en-GB")} line${lines === 1 ? "" : "s"} once converted: ` +
        storable.error.issues[0].message.replace(/^The (post|page) /, "a $1 "),
    );
  }
  return markdown;
}
