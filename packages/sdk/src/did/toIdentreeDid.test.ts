import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidParameterError } from '../errors/base.js';
import { InvalidDidError } from './errors.js';
import { parseIdentreeDid } from './parseIdentreeDid.js';
import { toIdentreeDid } from './toIdentreeDid.js';

const checksummed = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('toIdentreeDid', () => {
  it('writes the chain id in decimal and the address EIP-55 checksummed', () => {
    assert.equal(toIdentreeDid({ chainId: 31337, address: checksummed.toLowerCase() as never }), `did:identree:31337:${checksummed}`);
  });

  it('rejects an address whose mixed-case checksum is wrong', () => {
    assert.throws(() => toIdentreeDid({ chainId: 1, address: '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266' }), InvalidParameterError);
  });

  it('rejects a chain id that is not a positive integer', () => {
    for (const chainId of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => toIdentreeDid({ chainId, address: checksummed }), InvalidParameterError);
    }
  });
});

describe('parseIdentreeDid', () => {
  it('reads back what toIdentreeDid wrote', () => {
    assert.deepEqual(parseIdentreeDid(toIdentreeDid({ chainId: 11155111, address: checksummed })), { chainId: 11155111, address: checksummed });
  });

  it('rejects malformed DIDs with a typed error that says why', () => {
    const cases: Record<string, RegExp> = {
      [`did:ethr:1:${checksummed}`]: /expected "did:identree:<chainId>:<address>"/,
      'did:identree:1': /expected "did:identree:<chainId>:<address>"/,
      [`did:identree:1:2:${checksummed}`]: /expected "did:identree:<chainId>:<address>"/,
      [`did:identree:0x1:${checksummed}`]: /chain id "0x1" is not a positive decimal integer/,
      [`did:identree:01:${checksummed}`]: /chain id "01"/,
      [`did:identree:0:${checksummed}`]: /chain id "0"/,
      'did:identree:1:0x1234': /"0x1234" is not a 20-byte hex address/,
      [`did:identree:1:${checksummed}#controller`]: /is not a 20-byte hex address/,
    };
    for (const [did, reason] of Object.entries(cases)) {
      assert.throws(
        () => parseIdentreeDid(did),
        (e: unknown) => e instanceof InvalidDidError && e.did === did && reason.test(e.shortMessage),
        did,
      );
    }
  });

  it('rejects a lower-case address, so one entity has one DID string, and names the canonical form', () => {
    const did = `did:identree:1:${checksummed.toLowerCase()}`;
    assert.throws(
      () => parseIdentreeDid(did),
      (e: unknown) => {
        assert.ok(e instanceof InvalidDidError);
        assert.equal(e.shortMessage, `Invalid DID "${did}": the address must be EIP-55 checksummed (${checksummed})`);
        return true;
      },
    );
  });
});
