/** Injection tokens of the values createApp hands to the modules. */
export const VIGIE_CONFIG = Symbol('VIGIE_CONFIG');
/** `() => Date`: the server clock, replaceable in tests. Commands get their `now` from it. */
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;
