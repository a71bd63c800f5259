import { resolve } from 'node:path';

/** The SIE group's public SIE 4 example file, from the product docs checked out next to this repository. */
/** The public SIE 4 example file, kept in the repository (fixtures/sie/README.md says where it comes from). */
export const SIE_EXAMPLE = resolve(__dirname, '../../fixtures/sie/sie4-example.se');
