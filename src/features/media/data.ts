// Reading what is known about uploaded files.
import "server-only";
import { db } from "@/lib/db";

/** The name a document downloads under; null for an image or an unknown path. */
export async function findDownloadFileName(path: string): Promise<string | null> {
  const asset = await db().mediaAsset.findUnique({ where: { path }, select: { fileName: true } });
  return asset?.fileName ?? null;
}
