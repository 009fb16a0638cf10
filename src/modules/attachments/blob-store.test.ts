import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobTooLargeError, HEAD_BYTES, LocalBlobStore } from './blob-store.js';

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-blobs-'));
});
afterAll(async () => fs.rm(root, { recursive: true, force: true }));

const fresh = async () => new LocalBlobStore(await fs.mkdtemp(path.join(root, 's-')));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function* chunks(bytes: Uint8Array, sizes: number[] = [bytes.length || 1]): AsyncGenerator<Uint8Array> {
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const n = Math.max(1, sizes[i++ % sizes.length]!);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

async function read(store: LocalBlobStore, h: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await store.get(h)) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Every file under a directory, relative. */
async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  return out.sort();
}

describe('LocalBlobStore', () => {
  it('stores content under its SHA-256 with two levels of fan-out, once', async () => {
    const store = await fresh();
    const bytes = Buffer.from('Giấy khai sinh – bản sao');
    const a = await store.put(chunks(bytes, [3]), { maxBytes: 1000 });
    const b = await store.put(chunks(bytes, [7, 1]), { maxBytes: 1000 });
    expect(a).toEqual({ sha256: sha(bytes), size: bytes.length, inspected: undefined });
    expect(b.sha256).toBe(a.sha256);
    expect(await files(store.root)).toEqual([path.join('sha256', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256)]);
    expect(await store.has(a.sha256)).toBe(true);
    expect(await read(store, a.sha256)).toEqual(bytes);
  });

  it('round-trips any bytes in any chunking; same bytes, same address', async () => {
    const store = await fresh();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 5 }), async (bytes, sizes) => {
        const stored = await store.put(chunks(bytes, sizes), { maxBytes: 4000 });
        expect(stored.sha256).toBe(sha(bytes));
        expect(stored.size).toBe(bytes.length);
        expect(await read(store, stored.sha256)).toEqual(Buffer.from(bytes));
        const again = await store.put(chunks(bytes), { maxBytes: 4000 });
        expect(again.sha256).toBe(stored.sha256);
      }),
      { numRuns: 60 },
    );
    // Only content files remain: no temp files behind.
    expect((await files(store.root)).every((f) => f.startsWith('sha256'))).toBe(true);
  });

  it('refuses content over the limit while streaming, without reading on or keeping anything', async () => {
    const store = await fresh();
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield new Uint8Array(1024).fill(7);
      }
    }
    await expect(store.put(endless(), { maxBytes: 10 * 1024 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(pulled).toBe(11);
    expect(await files(store.root)).toEqual([]);
    // Exactly the limit is fine.
    const ok = await store.put(chunks(new Uint8Array(10 * 1024), [1000]), { maxBytes: 10 * 1024 });
    expect(ok.size).toBe(10 * 1024);
  });

  it('shows inspect the head before accepting the rest; a refusal keeps nothing', async () => {
    const store = await fresh();
    const big = new Uint8Array(HEAD_BYTES * 3).map((_, i) => i % 251);
    const seen: number[] = [];
    const r = await store.put(chunks(big, [5000]), { maxBytes: big.length, inspect: (head) => (seen.push(head.length), head[HEAD_BYTES - 1]) });
    expect(seen).toEqual([HEAD_BYTES]);
    expect(r.inspected).toBe(big[HEAD_BYTES - 1]);
    const small = Buffer.from('%PDF-1.4');
    expect((await store.put(chunks(small), { maxBytes: 100, inspect: (head) => Buffer.from(head).toString() })).inspected).toBe('%PDF-1.4');

    const other = await fresh();
    let pulled = 0;
    async function* counted() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield new Uint8Array(4096);
      }
    }
    await expect(other.put(counted(), { maxBytes: 1e9, inspect: () => { throw new Error('refused'); } })).rejects.toThrow('refused');
    expect(pulled).toBe(HEAD_BYTES / 4096);
    expect(await files(other.root)).toEqual([]);
  });

  it('answers a missing or malformed address as not found', async () => {
    const store = await fresh();
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.has('../x')).toBe(false);
    expect(await store.has('a'.repeat(64))).toBe(false);
  });
});
