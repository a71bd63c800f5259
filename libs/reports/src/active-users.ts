/**
 * Active users per cluster (SPEC P4, decided detail 35): distinct users with a recorded sign-in in a window,
 * per cluster of the persona catalogue. A user whose personas span two clusters counts in each; personas
 * the catalogue does not know, and the platform operator (who belongs to no tenant cluster), count nowhere.
 * The personas are the ones the sign-in event recorded (what the user held then).
 */
import { CLUSTER_IDS, PERSONA_IDS, ROLES, type ClusterId } from '@floor-os/personas';
import type { InstantWindow } from './time';
import { assertInstant } from './util';

/** One recorded sign-in. */
export interface SignInEvent {
  user_id: string;
  personas: readonly string[];
  /** When (epoch milliseconds). */
  at: number;
}

/** Persona id → cluster, from the catalogue; a Map, so a persona named like an inherited property finds nothing. */
const CLUSTER_OF_PERSONA: ReadonlyMap<string, ClusterId> = clusterOfPersona();

function clusterOfPersona(): Map<string, ClusterId> {
  const clusters = new Map<string, ClusterId>();
  for (const persona of PERSONA_IDS) {
    const cluster = ROLES[persona].cluster;
    if (cluster !== null) clusters.set(persona, cluster);
  }
  return clusters;
}

/** Distinct users signed in within `[from, to)`, per cluster. */
export function activeUsersByCluster(events: Iterable<SignInEvent>, window: InstantWindow): Record<ClusterId, number> {
  const from = assertInstant(window.from, 'from');
  const to = assertInstant(window.to, 'to');
  const users = new Map<ClusterId, Set<string>>(CLUSTER_IDS.map((cluster) => [cluster, new Set<string>()]));
  for (const event of events) {
    if (typeof event.user_id !== 'string' || !Array.isArray(event.personas))
      throw new RangeError('a sign-in event needs a user_id and a list of personas');
    const at = assertInstant(event.at, 'sign-in time');
    if (at < from || at >= to) continue;
    for (const persona of event.personas) {
      const cluster = typeof persona === 'string' ? CLUSTER_OF_PERSONA.get(persona) : undefined;
      if (cluster !== undefined) users.get(cluster)!.add(event.user_id);
    }
  }
  return {
    compliance: users.get('compliance')!.size,
    operations: users.get('operations')!.size,
    support: users.get('support')!.size,
  };
}
