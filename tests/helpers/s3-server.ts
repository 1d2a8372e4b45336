// A real S3-compatible server on this machine for the tests (s3rver, keeping objects in a folder),
// with one bucket. s3rver checks request signatures against its fixed credentials S3RVER/S3RVER.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "@20minutes/s3rver";
import { findFreePort } from "@/lib/embedded-postgres";

export type TestS3Server = { s3Url: string; bucket: string; folder: string; stop: () => Promise<void> };

export async function startTestS3Server(bucket = "docket-uploads"): Promise<TestS3Server> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "docket-s3-"));
  const port = await findFreePort();
  const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory: folder, configureBuckets: [{ name: bucket }] });
  await server.run();
  return {
    s3Url: `http://S3RVER:S3RVER@127.0.0.1:${port}/${bucket}`,
    bucket,
    folder,
    stop: async () => {
      await server.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
