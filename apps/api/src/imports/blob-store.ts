import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';

/** Where uploads live between upload and import. Database-backed to start (SPEC I, issue item 2). */
export abstract class BlobStore {
  /** Stores a stream; throws 413 (and keeps nothing) past `maxBytes`. */
  abstract put(source: AsyncIterable<Buffer>, maxBytes: number): Promise<{ id: string; size: number }>;
  /** Streams a blob back in the order written. */
  abstract read(id: string): AsyncIterable<Buffer>;
  abstract remove(id: string): Promise<void>;
}

const CHUNK_BYTES = 1024 * 1024;

export const tooLarge = (maxBytes: number) => new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MiB an import may be`);

/** 1 MiB `bytea` chunks in `import_blob_chunk`; reads fetch one chunk at a time, so memory stays flat. */
@Injectable()
export class DatabaseBlobStore extends BlobStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async put(source: AsyncIterable<Buffer>, maxBytes: number): Promise<{ id: string; size: number }> {
    const id = randomUUID();
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await this.db.query('INSERT INTO import_blob_chunk (blob_id, seq, data) VALUES ($1, $2, $3)', [id, seq++, Buffer.concat(pending, pendingBytes)]);
      pending = [];
      pendingBytes = 0;
    };
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge(maxBytes);
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      }
      await flush();
    } catch (error) {
      await this.remove(id);
      throw error;
    }
    return { id, size };
  }

  async *read(id: string): AsyncIterable<Buffer> {
    for (let seq = 0; ; seq++) {
      const rows: { data: Buffer }[] = await this.db.query('SELECT data FROM import_blob_chunk WHERE blob_id = $1 AND seq = $2', [id, seq]);
      if (rows.length === 0) return;
      yield rows[0].data;
    }
  }

  async remove(id: string): Promise<void> {
    await this.db.query('DELETE FROM import_blob_chunk WHERE blob_id = $1', [id]);
  }
}
