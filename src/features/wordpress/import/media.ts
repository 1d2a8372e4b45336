// The old site's uploaded files, brought into Docket: from a local copy of wp-content/uploads (--media DIR,
// matched by the address's path inside the uploads folder or after its host, then by its `YYYY/MM/name`)
// or downloaded (--download-media, through fetchPublicUrl, which refuses any address on this machine or a
// private network at every redirect, with a timeout and a size limit per file; images and documents only,
// the type read from the bytes). On the site's own host only its uploads folder counts (`../`, encoded or
// not, resolved first); on a media host (see MediaImporter) any media file. Images go through the same
// re-encoding as any upload (which also drops their metadata); documents are kept as they are and served
// as downloads. Every address that pointed at an imported file (a resized copy included) is then
// rewritten to Docket's; every other image or file stays where it is with one report line saying why.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { MAX_UPLOAD_BYTES, sniffImageType, storeUploadedImage, UnacceptableImageError } from "@/features/media/mutations";
import { fetchPublicUrl, FetchRefusedError } from "@/lib/safe-fetch";
import { detached } from "../detached-string";
import { MEDIA_FILE } from "./convert-content";
import { recordLinks, storeImportedDocument } from "../mutations";
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
/** Where WordPress keeps a file under its uploads folder: the `YYYY/MM/name` end of any address. */
const DATED_TAIL = /(?:^|\/)(\d{4}\/\d{2}\/[^/]+)$/;
const UPLOADS_FOLDER = "/wp-content/uploads/";
/** WordPress.com keeps every blog's uploads on `<blog>.files.wordpress.com`. */
const WORDPRESS_COM_FILES = /\.files\.wordpress\.com$/i;

export type MediaSource = { folder: string | null; download: boolean };

/** A file of the old site: its address (no query), and its path inside the uploads folder (or after the host). */
type OldFile = { address: URL; relative: string };

/**
 * Brings the old site's files into Docket, or says one line each why not. A file is the old site's when
 * it is in the site's own uploads folder, or anywhere on a media host: one named with --media-host, the
 * host of any attachment in the export (a WordPress.com blog's files host, a CDN, the site's old domain)
 * or any `*.files.wordpress.com`.
 */
export class MediaImporter {
  private readonly known: Map<string, string>;
  private readonly site: URL | null;
  private readonly uploadsPath: string;
  private readonly hosts: Set<string>;
  /** Addresses that stay where they are, each reported once. */
  readonly remote = new Set<string>();
  /** Files brought in by this run, and files an earlier run brought in that this run met. */
  readonly imported = new Set<string>();
  readonly earlier = new Set<string>();

  constructor(
    private readonly siteUrl: string,
    private readonly source: MediaSource,
    known: Map<string, string>,
    private readonly options: { dryRun: boolean; problem: (line: string) => void; hosts: Iterable<string> },
  ) {
    this.known = known;
    this.site = URL.canParse(`${siteUrl}/`) ? new URL(`${siteUrl}/`) : null;
    this.uploadsPath = `${this.site?.pathname ?? "/"}wp-content/uploads/`;
    this.hosts = new Set([...options.hosts].map((host) => host.toLowerCase()));
  }

  get enabled(): boolean {
    return this.source.folder !== null || this.source.download;
  }

  /**
   * The old site's file at `url` (read against the site when relative, with `../` and its encodings
   * resolved), or null when `url` leads anywhere else: on the site's own host only its uploads folder
   * counts; on a media host, any address of a media file.
   */
  private oldFile(url: string): OldFile | null {
    if (!this.site) return null;
    let address: URL;
    try {
      address = new URL(url.split("#")[0], this.site);
    } catch {
      return null;
    }
    if ((address.protocol !== "http:" && address.protocol !== "https:") || address.username || address.password) return null;
    address.search = "";
    const host = address.host.toLowerCase();
    if (host === this.site.host.toLowerCase()) {
      if (!address.pathname.startsWith(this.uploadsPath)) return null;
      address.protocol = this.site.protocol;
      return { address, relative: decodeOrKeep(address.pathname.slice(this.uploadsPath.length)) };
    }
    if (!this.hosts.has(host) && !WORDPRESS_COM_FILES.test(host)) return null;
    const path = decodeOrKeep(address.pathname);
    if (!MEDIA_FILE.test(path)) return null;
    const inUploads = path.indexOf(UPLOADS_FOLDER);
    return { address, relative: inUploads === -1 ? path.replace(/^\/+/, "") : path.slice(inUploads + UPLOADS_FOLDER.length) };
  }

  /** Docket's address for an old one, if its file was imported (this run or an earlier one). */
  docketUrlFor(url: string): string | undefined {
    const plain = this.oldFile(url)?.address.href ?? url.split(/[?#]/)[0];
    return this.known.get(plain) ?? this.known.get(plain.replace(SIZE_VARIANT, "").replace(SCALED, ""));
  }

  /**
   * Brings in the file at `url` when it is the old site's and not in Docket yet; Docket's address for it,
   * or null, with a line in the report (once per address) saying why it stays where it is.
   */
  async bring(url: string, label: string): Promise<string | null> {
    if (url.startsWith("data:") || url.startsWith("/uploads/")) return null;
    const file = this.oldFile(url);
    const plain = detached(file?.address.href ?? url.split(/[?#]/)[0]);
    const known = this.docketUrlFor(plain);
    if (known) {
      if (!this.imported.has(plain)) this.earlier.add(plain);
      return known;
    }
    if (this.remote.has(plain)) return null;
    if (!file) return this.leaveRemote(plain, `${label}: ${plain} ${this.whyNotOld(plain)}, so it was left there.`);
    if (!this.enabled) return this.leaveRemote(plain, `${label}: ${plain} was left on the old site: no media folder (--media) or download (--download-media) was given.`);
    const bytes = await this.read(file, label);
    if (!bytes) return this.leaveRemote(plain, null);
    if (this.options.dryRun) return this.keep(plain, plain);
    const stored = await this.store(bytes, plain, label);
    if (!stored) return this.leaveRemote(plain, null);
    await recordLinks([{ siteUrl: this.siteUrl, kind: "file", wpKey: plain, docketId: stored }]);
    return this.keep(plain, stored);
  }

  private whyNotOld(url: string): string {
    const address = this.site && URL.canParse(url, this.site) ? new URL(url, this.site) : null;
    if (!address || (address.protocol !== "http:" && address.protocol !== "https:")) return "is not a web address Docket can fetch";
    if (address.username || address.password) return "names a user name or password";
    const host = address.host.toLowerCase();
    if (host === this.site?.host.toLowerCase()) return "is on the old site but outside its uploads folder";
    if (this.hosts.has(host) || WORDPRESS_COM_FILES.test(host)) return "is not an image or document file";
    return `is on another site (${host}), not one of the old site's media hosts (--media-host ${host} would import it)`;
  }

  private keep(plain: string, stored: string): string {
    this.known.set(plain, stored);
    this.imported.add(plain);
    return stored;
  }

  /** `line` says why (null: it has been said already). */
  private leaveRemote(plain: string, line: string | null): null {
    this.remote.add(plain);
    if (line) this.options.problem(line);
    return null;
  }

  /** The file's bytes from the media folder (tried by its path, then by its `YYYY/MM/name`), else downloaded. */
  private async read({ address, relative }: OldFile, label: string): Promise<Buffer | null> {
    if (this.source.folder !== null) {
      const dated = DATED_TAIL.exec(relative)?.[1];
      const candidates = [...new Set([relative, relative.replace(SIZE_VARIANT, ""), ...(dated ? [dated, dated.replace(SIZE_VARIANT, "")] : [])])];
      for (const candidate of candidates) {
        const file = path.resolve(this.source.folder, candidate);
        if (!file.startsWith(path.resolve(this.source.folder) + path.sep)) continue;
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
