import { describe, expect, it } from 'vitest';
import { channelOfAddress, isGroupAddress, parseAddress, privateAddress } from '../../src/channels/address.ts';
import { addr } from '../support/address.ts';

describe('chat addresses', () => {
  it('tell group chats from private ones on each transport', () => {
    expect(isGroupAddress(addr('telegram:-1001234'))).toBe(true);
    expect(isGroupAddress(addr('telegram:1234'))).toBe(false);
    expect(isGroupAddress(addr('zalo:group:g1'))).toBe(true);
    expect(isGroupAddress(addr('zalo:user:u1'))).toBe(false);
    expect(isGroupAddress(addr('console:lethib'))).toBe(false);
  });

  it("reach a linked official's private chat on the channel they linked", () => {
    expect(privateAddress({ channel: 'telegram', externalId: '4001' })).toBe('telegram:4001');
    expect(privateAddress({ channel: 'zalo', externalId: '99' })).toBe('zalo:user:99');
    expect(privateAddress({ channel: 'console', externalId: 'lethib' })).toBe('console:lethib');
  });

  it('refuse text no channel would accept', () => {
    for (const text of [
      '',
      'telegram:abc',
      'telegram:',
      'zalo:99',
      'zalo:room:1',
      'sms:0901',
      'telegram:telegram:3002',
    ]) {
      expect(parseAddress(text)).toBeUndefined();
      expect(channelOfAddress(text)).toBeUndefined();
    }
  });
});
