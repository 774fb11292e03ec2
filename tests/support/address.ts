import { parseAddress, type Address } from '../../src/channels/address.ts';

/** A chat address written out in a test (`telegram:1001`), checked like any address from outside. */
export function addr(text: string): Address {
  const address = parseAddress(text);
  if (!address) throw new Error(`not a chat address: ${text}`);
  return address;
}
