import { resolve } from 'node:path';

/** The SIE group's public SIE 4 example file, from the product docs checked out next to this repository. */
export const SIE_EXAMPLE = resolve(__dirname, '../../../../../shared/fixtures/sie/sie4-example.se');
