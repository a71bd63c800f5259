// Where a V8 CPU profile (`node --cpu-prof`) spends its time: self time per function and per package.
import { readFileSync } from 'node:fs';

/** The owner of a frame: a package under node_modules, a file of ours, node's internals, or V8 itself. */
export function ownerOf(url) {
  if (!url) return '(v8: gc, idle, native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/(dist\/)?(apps\/[^/]+\/src\/[^/]+|libs\/[^/]+)/.exec(url);
  return ours ? ours[2] : url;
}

/** Self time per frame and per owner, in ms and as a share of the busy (non-idle) time, largest first. */
export function summarise(profile, top = 15) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? 0)));
  const frames = new Map();
  const owners = new Map();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    busy += us;
    const file = callFrame.url.replace(/^.*?(node_modules\/|dist\/|node:)/, '$1');
    const key = `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
    frames.set(key, (frames.get(key) ?? 0) + us);
    const owner = callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : ownerOf(callFrame.url);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
  }
  const rank = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: Number((us / busy).toFixed(3)) }));
  return { busy_ms: Math.round(busy / 1000), frames: rank(frames), owners: rank(owners) };
}

export const summariseFile = (path, top) => summarise(JSON.parse(readFileSync(path, 'utf8')), top);
