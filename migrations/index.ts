import { InitialSchema1795381412350 } from './1795381412350-initial-schema';

/** Every migration in order. Never edit one that has been merged: add a new one. */
export const MIGRATIONS = [InitialSchema1795381412350];
