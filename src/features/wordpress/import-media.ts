// The old site's uploaded files, brought into Docket: from a local copy of wp-content/uploads (--media DIR)
// or downloaded from the old site (--download-media: its own uploads folder only, through fetchPublicUrl,
// which refuses any address on this machine or a private network at every redirect, with a timeout and a
// size limit per file; images and documents only, the type read from the bytes). A relative address is
// read against the export's own site, and one whose path leaves the uploads folder (`../`, encoded or not)
// is not an upload. Images go through the same re-encoding as any upload (which also drops their
// metadata); documents are kept as they are and served as downloads. Every address that pointed at an
// imported file (a resized copy included) is then rewritten to Docket's.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { MAX_UPLOAD_BYTES, sniffImageType, storeUploadedImage, UnacceptableImageError } from "@/features/media/mutations";
import { fetchPublicUrl, FetchRefusedError } from "@/lib/safe-fetch";
import { detached } from "./detached-string";
import { recordLinks, storeImportedDocument } from "./mutations";
import { decodeOrKeep } from "@/lib/percent-encoding";

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 20_000;

const DOCUMENTS: Record<string, { mimeType: string; magic: (bytes: Buffer) => boolean }> = {
  pdf: { mimeType: "application/pdf", magic: (bytes) => bytes.subarray(0, 5).toString("latin1") === "%PDF-" },
  docx: { mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: isZip },
  xlsx: { mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: isZip },
  pptx: { mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", magic: isZip },
  odt: { mimeType: "application/vnd.oasis.opendocument.text", magic: isZip },
  ods: { mimeType: "application/vnd.oasis.opendocument.spreadsheet", magic: isZip },
  odp: { mimeType: "application/vnd.oasis.opendocument.presentation", magic: isZip },
  doc: { mimeType: "application/msword", magic: isOle },
  xls: { mimeType: "application/vnd.ms-excel", magic: isOle },
  ppt: { mimeType: "application/vnd.ms-powerpoint", magic: isOle },
  rtf: { mimeType: "application/rtf", magic: (bytes) => bytes.subarray(0, 5).toString("latin1") === "{\\rtf" },
  txt: { mimeType: "text/plain; charset=utf-8", magic: isText },
  csv: { mimeType: "text/csv; charset=utf-8", magic: isText },
};

function isZip(bytes: Buffer): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
function isOle(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}
function isText(bytes: Buffer): boolean {
  return !bytes.includes(0) && !new TextDecoder("utf-8", { fatal: false }).decode(bytes).includes("\uFFFD");
}

const SIZE_VARIANT = /-\d+x\d+(?=\.[a-z0-9]+$)/i;
const SCALED = /-scaled(?=\.[a-z0-9]+$)/i;

export type MediaSource = { folder: string | null; download: boolean };

export class MediaImporter {
  private readonly known: Map<string, string>;
  private readonly site: URL | null;
  private readonly uploadsPath: string;
  readonly failed = new Set<string>();

  constructor(
    private readonly siteUrl: string,
    private readonly source: MediaSource,
    known: Map<string, string>,
    private readonly options: { dryRun: boolean; problem: (line: string) => void },
  ) {
    this.known = known;
    this.site = URL.canParse(`${siteUrl}/`) ? new URL(`${siteUrl}/`) : null;
    this.uploadsPath = `${this.site?.pathname ?? "/"}wp-content/uploads/`;
  }

  get enabled(): boolean {
    return this.source.folder !== null || this.source.download;
  }

  /**
   * The address of a file in the old site's uploads folder (read against the site when relative, with
   * `../` and its encodings resolved), or null when `url` leads anywhere else.
   */
  private uploadAddress(url: string): URL | null {
    if (!this.site) return null;
    let resolved: URL;
    try {
      resolved = new URL(url.split("#")[0], this.site);
    } catch {
      return null;
    }
    const sameSite = resolved.host.toLowerCase() === this.site.host.toLowerCase() && (resolved.protocol === "http:" || resolved.protocol === "https:");
    if (!sameSite || !resolved.pathname.startsWith(this.uploadsPath) || resolved.username || resolved.password) return null;
    resolved.protocol = this.site.protocol;
    resolved.search = "";
    return resolved;
  }

  /** An address on the old site's uploads (any size of an image counts as the image). */
  isOldUpload(url: string): boolean {
    return this.uploadAddress(url) !== null;
  }

  /** Docket's address for an old one, if its file was imported (this run or an earlier one). */
  docketUrlFor(url: string): string | undefined {
    const plain = this.uploadAddress(url)?.href ?? url.split(/[?#]/)[0];
    return this.known.get(plain) ?? this.known.get(plain.replace(SIZE_VARIANT, "").replace(SCALED, ""));
  }

  /** Imports the file at an old address, if it is not already; Docket's address for it, or null (reported). */
  async import(url: string, label: string): Promise<string | null> {
    const address = this.uploadAddress(url);
    if (!address) return null;
    const plain = detached(address.href);
    const known = this.docketUrlFor(plain);
    if (known) return known;
    if (this.failed.has(plain) || !this.enabled) return null;
    const bytes = await this.read(address, label);
    if (!bytes) {
      this.failed.add(plain);
      return null;
    }
    if (this.options.dryRun) {
      this.known.set(plain, plain);
      return plain;
    }
    const stored = await this.store(bytes, plain, label);
    if (!stored) {
      this.failed.add(plain);
      return null;
    }
    this.known.set(plain, stored);
    await recordLinks([{ siteUrl: this.siteUrl, kind: "file", wpKey: plain, docketId: stored }]);
    return stored;
  }

  private async read(address: URL, label: string): Promise<Buffer | null> {
    const relative = decodeOrKeep(address.pathname.slice(this.uploadsPath.length));
    if (this.source.folder !== null) {
      for (const candidate of [relative, relative.replace(SIZE_VARIANT, "")]) {
        const file = path.resolve(this.source.folder, candidate);
        if (!file.startsWith(path.resolve(this.source.folder) + path.sep)) break;
        const info = await stat(file).catch(() => null);
        if (!info?.isFile()) continue;
        if (info.size > MAX_DOCUMENT_BYTES) {
          this.options.problem(`${label}: the file ${candidate} is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB and was not imported.`);
          return null;
        }
        return readFile(file);
      }
      if (!this.source.download) {
        this.options.problem(`${label}: the file ${relative} is not in the media folder.`);
        return null;
      }
    }
    if (this.options.dryRun) return Buffer.alloc(0);
    return this.download(address.href, label);
  }

  private async download(url: string, label: string): Promise<Buffer | null> {
    try {
      return (await fetchPublicUrl(url, { maxBytes: MAX_DOCUMENT_BYTES, timeoutMs: DOWNLOAD_TIMEOUT_MS })).bytes;
    } catch (error) {
      if (!(error instanceof FetchRefusedError)) throw error;
      this.options.problem(`${label}: ${url} was not downloaded: ${error.message}.`);
      return null;
    }
  }

  private async store(bytes: Buffer, url: string, label: string): Promise<string | null> {
    if (sniffImageType(bytes)) {
      if (bytes.length > MAX_UPLOAD_BYTES) {
        this.options.problem(`${label}: the image ${url} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB and was not imported.`);
        return null;
      }
      try {
        return (await storeUploadedImage(bytes, null)).url;
      } catch (error) {
        if (!(error instanceof UnacceptableImageError)) throw error;
        this.options.problem(`${label}: the image ${url} could not be read (${error.message}).`);
        return null;
      }
    }
    const extension = path.extname(new URL(url).pathname).slice(1).toLowerCase();
    const document = DOCUMENTS[extension];
    if (!document || !document.magic(bytes)) {
      this.options.problem(`${label}: ${url} is neither an image (JPEG, PNG, GIF, WebP) nor a document (PDF, office, text), so it was not imported.`);
      return null;
    }
    return storeImportedDocument(bytes, extension, document.mimeType);
  }
}
