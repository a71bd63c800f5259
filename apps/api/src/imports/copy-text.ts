import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** COPY text-format lines (already escaped, no trailing newline) through `sql` (`COPY … FROM STDIN`). */
export async function copyText(client: PoolClient, sql: string, lines: string[]): Promise<void> {
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from([lines.join('\n') + '\n']), stream);
}
