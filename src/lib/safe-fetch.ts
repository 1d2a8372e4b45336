// Fetching an address someone else chose (an export's media, an image in a paste) without letting it
// reach this machine or its network: every hop's host is resolved and checked when the socket
// connects (so a DNS answer cannot change between the check and the connection), redirects are
// followed one at a time and checked the same way, and the size and time are capped.
import http from "node:http";
import https from "node:https";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { env } from "./env.ts";

/** Why an address was not fetched, in words for a report line or a form. */
export class FetchRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FetchRefusedError";
  }
}

export type FetchLimits = { maxBytes: number; timeoutMs: number; maxRedirects?: number };
export type FetchedFile = { bytes: Buffer; contentType: string | null; finalUrl: string };

const DEFAULT_MAX_REDIRECTS = 5;

function agentsFor(allowIPAddressList: string[]) {
  return { http: new RequestFilteringHttpAgent({ allowIPAddressList }), https: new RequestFilteringHttpsAgent({ allowIPAddressList }) };
}

let agents: ReturnType<typeof agentsFor> | undefined;
function publicOnlyAgents() {
  agents ??= agentsFor(env().DOCKET_FETCH_ALLOW_ADDRESSES);
  return agents;
}

/** A URL the fetch may start from or be redirected to: http(s), no credentials. */
export function publicHttpUrl(address: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(address, base);
  } catch {
    throw new FetchRefusedError(`“${address}” is not a web address`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchRefusedError(`only http and https addresses are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new FetchRefusedError("addresses with a user name or password are not fetched");
  return url;
}

type Answer = { status: number; location: string | null; contentType: string | null; bytes: Buffer | null };

function describeNetworkError(error: Error): string {
  if (/is not allowed\. Because/.test(error.message)) return "its address is on a private, local or reserved network";
  if (error.name === "AbortError" || error.name === "TimeoutError") return "no answer in time";
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${error.message}` : error.message;
}

function requestOnce(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<Answer> {
  const { http: httpAgent, https: httpsAgent } = publicOnlyAgents();
  const get = url.protocol === "https:" ? https.get : http.get;
  return new Promise<Answer>((resolve, reject) => {
    const request = get(url, { agent: url.protocol === "https:" ? httpsAgent : httpAgent, signal, headers: { "user-agent": "Docket", accept: "*/*" } }, (response) => {
      const status = response.statusCode ?? 0;
      const contentType = response.headers["content-type"] ?? null;
      if (status >= 300 && status < 400) {
        response.resume();
        resolve({ status, location: response.headers.location ?? null, contentType, bytes: null });
        return;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        resolve({ status, location: null, contentType, bytes: null });
        return;
      }
      if (Number(response.headers["content-length"] ?? 0) > limits.maxBytes) {
        response.destroy();
        reject(new FetchRefusedError(`it is larger than ${formatBytes(limits.maxBytes)}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > limits.maxBytes) {
          response.destroy();
          reject(new FetchRefusedError(`it is larger than ${formatBytes(limits.maxBytes)}`));
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", () => resolve({ status, location: null, contentType, bytes: Buffer.concat(chunks) }));
      response.on("error", (error) => reject(new FetchRefusedError(describeNetworkError(error))));
    });
    request.on("error", (error) => reject(error instanceof FetchRefusedError ? error : new FetchRefusedError(describeNetworkError(error))));
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Fetches `address` if it and every redirect lead to public http(s) hosts, within the limits.
 * Throws FetchRefusedError with the reason otherwise (a non-2xx answer included).
 */
export async function fetchPublicUrl(address: string, limits: FetchLimits): Promise<FetchedFile> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const maxRedirects = limits.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let url = publicHttpUrl(address);
  for (let hop = 0; ; hop++) {
    const answer = await requestOnce(url, limits, signal);
    if (answer.bytes) return { bytes: answer.bytes, contentType: answer.contentType, finalUrl: url.href };
    if (!answer.location) throw new FetchRefusedError(`the server answered HTTP ${answer.status}`);
    if (hop >= maxRedirects) throw new FetchRefusedError(`more than ${maxRedirects} redirects`);
    url = publicHttpUrl(answer.location, url);
  }
}
