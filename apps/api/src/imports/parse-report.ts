import type { ParseWarning } from '@floor-os/formats';
import type { ImportCheckpoint } from './import.entities';

/** Warning examples keep this much of their message. */
export const MESSAGE_CHARS = 300;

export const cutText = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars)}…` : text);

/** Counts a parse warning by code, keeping a few examples (messages cut): the preview's and the job's report. */
export function countWarning(warnings: ImportCheckpoint['warnings'], warning: ParseWarning, examples: number): void {
  const w = Object.hasOwn(warnings, warning.code)
    ? warnings[warning.code]!
    : (warnings[warning.code] = { count: 0, examples: [] });
  w.count++;
  if (w.examples.length < examples)
    w.examples.push({ line: warning.line, message: cutText(warning.message, MESSAGE_CHARS) });
}
