import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the benchmarks, without type declarations
import { ownerOf, summarise } from '../bench/profile-summary.mjs';

const frame = (functionName: string, url: string, lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber: 0,
  scriptId: '0',
});

describe('benchmarks: where a CPU profile spends its time', () => {
  it('names the owner of a frame: a package, a module of ours, node, or V8', () => {
    expect(ownerOf('file:///w/node_modules/@nestjs/core/router/x.js')).toBe('@nestjs/core');
    expect(ownerOf('file:///w/node_modules/pg/lib/client.js')).toBe('pg');
    expect(ownerOf('file:///w/dist/apps/api/src/gate/decision-batcher.js')).toBe('apps/api/src/gate');
    expect(ownerOf('file:///w/dist/libs/rules/src/engine.js')).toBe('libs/rules');
    expect(ownerOf('node:internal/streams/writable')).toBe('node internals');
    expect(ownerOf('')).toBe('(v8: gc, idle, native)');
  });

  it('sums self time per frame and per owner over the busy time, leaving idle and program out', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 4, 5] },
        {
          id: 2,
          callFrame: frame('runBatch', 'file:///w/dist/apps/api/src/gate/decision-batcher.js', 89),
          children: [3],
        },
        { id: 3, callFrame: frame('query', 'file:///w/node_modules/pg/lib/client.js', 667), children: [] },
        { id: 4, callFrame: frame('(idle)', ''), children: [] },
        { id: 5, callFrame: frame('(garbage collector)', ''), children: [] },
      ],
      // The delta after a sample is the time charged to it.
      samples: [2, 3, 3, 4, 5, 2],
      timeDeltas: [0, 3000, 1000, 1000, 50000, 2000, 0],
    };
    const result = summarise(profile, 10);
    expect(result.busy_ms).toBe(7);
    expect(result.frames).toEqual([
      { name: 'runBatch dist/apps/api/src/gate/decision-batcher.js:90', ms: 3, share: 0.429 },
      { name: 'query node_modules/pg/lib/client.js:668', ms: 2, share: 0.286 },
      { name: '(garbage collector) :1', ms: 2, share: 0.286 },
    ]);
    expect(result.owners.map((o: { name: string }) => o.name)).toEqual([
      'apps/api/src/gate',
      'pg',
      '(garbage collector)',
    ]);
  });
});
