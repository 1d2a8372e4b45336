// Uploads in S3-compatible object storage (AWS S3, MinIO, Garage, Cloudflare R2...), selected by
// S3_URL, so that every web process on every machine reads the same files.
import "server-only";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { contentTypeOf, isSafeStorageKey, type FileStorage, type StoredFile } from "@/lib/storage-keys";

export type S3Location = { endpoint: string; region: string; bucket: string; prefix: string; accessKeyId: string; secretAccessKey: string };

/**
 * S3_URL: `https://ACCESS_KEY_ID:SECRET_ACCESS_KEY@host[:port]/bucket[/folder]?region=eu-west-1`.
 * Addressed path-style (the bucket in the path), which every S3-compatible server accepts.
 */
export function parseS3Url(s3Url: string): S3Location {
  const url = new URL(s3Url);
  const [bucket, ...folders] = url.pathname.split("/").filter(Boolean);
  if (!bucket) throw new Error("S3_URL names no bucket: put it in the path, as in https://KEY:SECRET@s3.example.org/bucket");
  if (!url.username || !url.password) throw new Error("S3_URL holds no credentials: https://ACCESS_KEY_ID:SECRET_ACCESS_KEY@host/bucket");
  return {
    endpoint: `${url.protocol}//${url.host}`,
    region: url.searchParams.get("region") ?? "us-east-1",
    bucket,
    prefix: folders.map((folder) => `${folder}/`).join(""),
    accessKeyId: decodeURIComponent(url.username),
    secretAccessKey: decodeURIComponent(url.password),
  };
}

export class S3FileStorage implements FileStorage {
  private readonly client: S3Client;

  constructor(private readonly location: S3Location) {
    this.client = new S3Client({
      endpoint: location.endpoint,
      region: location.region,
      forcePathStyle: true,
      credentials: { accessKeyId: location.accessKeyId, secretAccessKey: location.secretAccessKey },
    });
    // A listing is addressed to "/bucket/"; sent as "/bucket" (the same resource to S3), since some
    // S3-compatible servers (s3rver among them) check its signature against the path without the slash.
    this.client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { path?: string };
        if (request.path === `/${location.bucket}/`) request.path = `/${location.bucket}`;
        return next(args);
      },
      { step: "build", name: "bucketPathWithoutSlash" },
    );
  }

  private objectKey(key: string): string {
    if (!isSafeStorageKey(key)) throw new Error(`Unsafe storage key: ${key}`);
    return `${this.location.prefix}${key}`;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.location.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentType: contentType,
        CacheControl: "public, max-age=31536000, immutable",
      }),
    );
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key) }));
  }

  async *keys(): AsyncIterable<string> {
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.location.bucket, Prefix: this.location.prefix || undefined, ContinuationToken: continuationToken }));
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.location.prefix.length);
        if (key && isSafeStorageKey(key)) yield key;
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  async get(key: string): Promise<StoredFile | null> {
    if (!isSafeStorageKey(key)) return null;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key) }));
      if (!object.Body) return null;
      return { bytes: Buffer.from(await object.Body.transformToByteArray()), contentType: contentTypeOf(key) };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === "NotFound") return null;
      throw error;
    }
  }
}

const clients = new Map<string, S3FileStorage>();

/** One client (and its connection pool) per S3_URL. */
export function s3StorageFor(s3Url: string): S3FileStorage {
  let storage = clients.get(s3Url);
  if (!storage) {
    storage = new S3FileStorage(parseS3Url(s3Url));
    clients.set(s3Url, storage);
  }
  return storage;
}
