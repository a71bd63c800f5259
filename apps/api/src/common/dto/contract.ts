/**
 * Compile-time agreement between a response class and its wire type in `@floor-os/contracts`. `implements`
 * checks one way (the class has every field of the contract, of a type the contract accepts); `SameShape`
 * checks both, so a field the class declares and the contract lacks fails `tsc` too:
 *
 *     export type AccountAgrees = Agrees<SameShape<AccountResponse, AccountView>>;
 */
export type SameShape<Class, Contract> = [Class] extends [Contract]
  ? [Contract] extends [Class]
    ? true
    : 'the contract lacks a field the class declares, or is wider than it'
  : 'the class lacks a field of the contract, or is wider than it';

/** Fails to compile unless `T` is `true`. */
export type Agrees<T extends true> = T;
