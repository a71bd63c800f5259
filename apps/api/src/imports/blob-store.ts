import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Pool, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';

/** What one upload may store: its own size, and what its tenant may hold at once (every stored blob together). */
export interface BlobLimits {
  tenantId: string;
  /** The largest upload (IMPORT_MAX_BYTES). */
  maxBytes: number;
  /** The most bytes the tenant may have stored at once, this upload included (IMPORT_TENANT_MAX_BYTES). */
  tenantMaxBytes: number;
}

/** Where uploads live between upload and import. Database-backed to start (SPEC I, issue item 2). */
export abstract class BlobStore {
  /**
   * Stores a stream; past either limit it reads the rest of the stream without keeping it (so the client
   * gets the answer), keeps nothing and throws 413.
   */
  abstract put(source: AsyncIterable<Buffer>, limits: BlobLimits): Promise<{ id: string; size: number }>;
  /** Streams a blob back in the order written, from byte `fromByte` on (0: the whole blob). */
  abstract read(id: string, fromByte?: number): AsyncIterable<Buffer>;
  abstract remove(id: string): Promise<void>;
  /** The bytes the tenant has stored (uploads in progress included). */
  abstract storedBytes(tenantId: string): Promise<number>;
}

const CHUNK_BYTES = 1024 * 1024;

const GIB = 1024 * 1024 * 1024;
const MIB = 1024 * 1024;
/** 5368709120 → "5 GiB", 8388608 → "8 MiB", others with two decimals. */
export function formatBytes(bytes: number): string {
  const [unit, size] = bytes >= GIB ? ['GiB', GIB] : ['MiB', MIB];
  const value = bytes / size;
  return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
}

export const tooLarge = (maxBytes: number) =>
  new ApiError(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the ${formatBytes(maxBytes)} an import may be (IMPORT_MAX_BYTES = ${maxBytes} bytes)`,
  );

export const tenantFull = (tenantMaxBytes: number) =>
  new ApiError(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'TENANT_UPLOADS_FULL',
    `This upload would take the tenant's stored import files past ${formatBytes(tenantMaxBytes)} (IMPORT_TENANT_MAX_BYTES = ${tenantMaxBytes} bytes): apply or cancel earlier imports first`,
  );

/**
 * 1 MiB `bytea` chunks in `import_blob_chunk`, each naming its tenant; reads fetch one chunk at a time, so
 * memory stays flat. Each chunk is written in a transaction holding the tenant's advisory lock, after
 * checking what the tenant already stores: concurrent uploads cannot pass the cap together.
 */
@Injectable()
export class DatabaseBlobStore extends BlobStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async put(source: AsyncIterable<Buffer>, limits: BlobLimits): Promise<{ id: string; size: number }> {
    const id = randomUUID();
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let refused: ApiError | null =
      (await this.storedBytes(limits.tenantId)) >= limits.tenantMaxBytes ? tenantFull(limits.tenantMaxBytes) : null;
    const flush = async () => {
      if (pendingBytes === 0 || refused) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      const fits = await this.db.transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('import_blob_chunk:' || $1, 0))`, [
          limits.tenantId,
        ]);
        const [{ stored }] = await manager.query(
          'SELECT coalesce(sum(octet_length(data)), 0)::bigint::text AS stored FROM import_blob_chunk WHERE tenant_id = $1',
          [limits.tenantId],
        );
        if (Number(stored) + data.length > limits.tenantMaxBytes) {
          // Freed under the lock, so a concurrent upload that checks next counts without this one.
          await manager.query('DELETE FROM import_blob_chunk WHERE blob_id = $1', [id]);
          return false;
        }
        await manager.query('INSERT INTO import_blob_chunk (blob_id, seq, tenant_id, data) VALUES ($1, $2, $3, $4)', [
          id,
          seq++,
          limits.tenantId,
          data,
        ]);
        return true;
      });
      if (!fits) refused = tenantFull(limits.tenantMaxBytes);
    };
    try {
      // Past a limit the rest is read and dropped: breaking off would leave the client writing into a closed request.
      for await (const chunk of source) {
        if (refused) continue;
        size += chunk.length;
        if (size > limits.maxBytes) {
          refused = tooLarge(limits.maxBytes);
          continue;
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      }
      await flush();
    } catch (error) {
      await this.remove(id);
      throw error;
    }
    if (refused) {
      await this.remove(id);
      throw refused;
    }
    return { id, size };
  }

  async *read(id: string, fromByte = 0): AsyncIterable<Buffer> {
    let seq = 0;
    let skip = 0;
    if (fromByte > 0) {
      // Chunk sizes from the TOAST headers (nothing is read): the chunk holding `fromByte` and where in it.
      const sizes: { seq: number; n: number }[] = await this.db.query(
        'SELECT seq, octet_length(data)::int AS n FROM import_blob_chunk WHERE blob_id = $1 ORDER BY seq',
        [id],
      );
      let at = 0;
      const start = sizes.find((chunk) => {
        if (at + chunk.n > fromByte) return true;
        at += chunk.n;
        return false;
      });
      if (!start) return;
      seq = start.seq;
      skip = fromByte - at;
    }
    // Each chunk comes in binary (no hex text on either side), and the next one is asked for while this
    // one is read.
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    const fetch = (n: number) => {
      const pending = pool.query<{ data: Buffer }>({
        text: 'SELECT data FROM import_blob_chunk WHERE blob_id = $1 AND seq = $2',
        values: [id, n],
        binary: true,
        types: { getTypeParser: () => (value: Buffer) => value },
      } as QueryConfig);
      pending.catch(() => undefined);
      return pending;
    };
    let next = fetch(seq);
    for (; ; seq++) {
      const { rows } = await next;
      if (rows.length === 0) return;
      next = fetch(seq + 1);
      yield skip > 0 ? rows[0]!.data.subarray(skip) : rows[0]!.data;
      skip = 0;
    }
  }

  async remove(id: string): Promise<void> {
    await this.db.query('DELETE FROM import_blob_chunk WHERE blob_id = $1', [id]);
  }

  async storedBytes(tenantId: string): Promise<number> {
    const [{ stored }] = await this.db.query(
      'SELECT coalesce(sum(octet_length(data)), 0)::bigint::text AS stored FROM import_blob_chunk WHERE tenant_id = $1',
      [tenantId],
    );
    return Number(stored);
  }
}
