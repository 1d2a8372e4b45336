// Where uploaded files live: local disk under <DOCKET_DATA_DIR>/uploads (shared by the web processes
// of one machine), or S3-compatible object storage when S3_URL is set (shared by every machine).
import "server-only";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { s3StorageFor } from "@/lib/s3-storage";
import { contentTypeOf, isSafeStorageKey, type FileStorage, type StoredFile } from "@/lib/storage-keys";

export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!isSafeStorageKey(key)) throw new Error(`Unsafe storage key: ${key}`);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: "wx" });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *keys(): AsyncIterable<string> {
    let entries;
    try {
      entries = await readdir(this.root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const key = path.relative(this.root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
      if (isSafeStorageKey(key)) yield key;
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    if (!isSafeStorageKey(key)) return null;
    try {
      const bytes = await readFile(this.pathOf(key));
      return { bytes, contentType: contentTypeOf(key) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }
}

export function uploadsStorage(): FileStorage {
  const settings = env();
  if (settings.S3_URL) return s3StorageFor(settings.S3_URL);
  return new LocalFileStorage(path.resolve(settings.DOCKET_DATA_DIR, "uploads"));
}
