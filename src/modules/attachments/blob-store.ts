/**
 * Content-addressed storage of attachment bytes. A blob's address is the SHA-256 of its content, so the
 * same file uploaded twice (or reused by another dossier) is stored once, and what was stored can be
 * checked against the address at any time. Blobs are never deleted here: the rows that point at them
 * keep the history (a sweep of unreferenced blobs would be a separate, offline task).
 *
 * Another backend (an S3-compatible bucket) implements the same interface; docs/operations.md says how.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** How many leading bytes `inspect` sees before the rest of the content is accepted. */
export const HEAD_BYTES = 64 * 1024;

export type PutOptions<T> = {
  /** Content longer than this is refused while it streams in (BlobTooLargeError); nothing is kept. */
  maxBytes: number;
  /**
   * Sees the first HEAD_BYTES bytes (all of them when the content is shorter) before more is accepted.
   * Throwing refuses the content; nothing is kept. What it returns comes back with the stored blob.
   */
  inspect?: (head: Uint8Array) => T | Promise<T>;
};

export type StoredBlob<T> = { sha256: string; size: number; inspected: T };

export interface BlobStore {
  /** Streams content in; resolves once it is durably stored under its SHA-256 (hex, lower case). */
  put<T = undefined>(content: AsyncIterable<Uint8Array>, options: PutOptions<T>): Promise<StoredBlob<T>>;
  /** The content at this address; BlobNotFoundError when there is none. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`content exceeds ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`no blob ${sha256}`);
    this.name = 'BlobNotFoundError';
  }
}

export const isSha256 = (s: string) => /^[0-9a-f]{64}$/.test(s);

/**
 * Local-disk blob store: `<root>/sha256/ab/cd/<hash>` (two levels of fan-out keep directories small).
 * A put writes to `<root>/tmp/` on the same file system, fsyncs, then renames into place, so a reader
 * never sees a partial file and a crash leaves at most a temp file behind.
 */
export class LocalBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new BlobNotFoundError(sha256);
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put<T = undefined>(content: AsyncIterable<Uint8Array>, options: PutOptions<T>): Promise<StoredBlob<T>> {
    const tmpDir = path.join(this.root, 'tmp');
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
    const file = await fs.open(tmp, 'wx', 0o640);
    const hash = createHash('sha256');
    let size = 0;
    let head: Buffer[] | null = [];
    let headSize = 0;
    let inspected = undefined as T;
    let closed = false;
    const write = async (chunk: Uint8Array) => {
      hash.update(chunk);
      await file.write(chunk);
    };
    try {
      for await (const raw of content) {
        const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
        size += chunk.byteLength;
        // Checked before writing: content over the limit never reaches the disk beyond the limit.
        if (size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
        if (head) {
          head.push(chunk);
          headSize += chunk.byteLength;
          if (headSize < HEAD_BYTES) continue;
          const all = Buffer.concat(head);
          head = null;
          if (options.inspect) inspected = await options.inspect(all.subarray(0, HEAD_BYTES));
          await write(all);
          continue;
        }
        await write(chunk);
      }
      if (head) {
        const all = Buffer.concat(head);
        if (options.inspect) inspected = await options.inspect(all);
        await write(all);
      }
      await file.sync();
      await file.close();
      closed = true;
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      if (await exists(final)) {
        // Same content already stored: keep the one copy.
        await fs.rm(tmp, { force: true });
      } else {
        await fs.mkdir(path.dirname(final), { recursive: true });
        await fs.rename(tmp, final);
      }
      return { sha256, size, inspected };
    } catch (err) {
      if (!closed) await file.close().catch(() => {});
      await fs.rm(tmp, { force: true });
      throw err;
    }
  }

  async get(sha256: string): Promise<Readable> {
    const p = this.pathOf(sha256);
    // Open first, so a missing blob is an error here rather than on the response stream.
    const handle = await fs.open(p, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new BlobNotFoundError(sha256);
      throw err;
    });
    return handle.createReadStream();
  }

  async has(sha256: string): Promise<boolean> {
    return isSha256(sha256) && exists(this.pathOf(sha256));
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
