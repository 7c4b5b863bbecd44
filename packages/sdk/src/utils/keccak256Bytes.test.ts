import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesToHex, hexToBytes, keccak256 } from 'viem';
import { byteArrayToHex, hexToByteArray } from './hexBytes.js';
import { keccak256Bytes, keccak256BytesFallback, keccakImplementation, keccakReady } from './keccak256Bytes.js';

describe('keccak256Bytes', () => {
  it('loads the WebAssembly hasher on this platform', async () => {
    await keccakReady;
    assert.equal(keccakImplementation(), 'hash-wasm');
  });

  it('equals viem\'s keccak256 and the pure-JavaScript fallback for any input, across the rate boundary', async () => {
    await keccakReady;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (data) => {
        const expected = keccak256(data);
        assert.equal(bytesToHex(keccak256Bytes(data)), expected);
        assert.equal(bytesToHex(keccak256BytesFallback(data)), expected);
      }),
      { numRuns: 1_000 },
    );
    for (const length of [0, 135, 136, 137, 272]) assert.equal(bytesToHex(keccak256Bytes(new Uint8Array(length))), keccak256(new Uint8Array(length)));
  });

  it('returns a fresh array each call, never a view a later hash overwrites', async () => {
    await keccakReady;
    const first = keccak256Bytes(Uint8Array.of(1));
    const copy = Uint8Array.from(first);
    keccak256Bytes(Uint8Array.of(2));
    assert.deepEqual(first, copy);
  });
});

describe('hexBytes', () => {
  it('round-trips any bytes as viem does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
        assert.equal(byteArrayToHex(data), bytesToHex(data));
        assert.deepEqual(Uint8Array.from(hexToByteArray(bytesToHex(data))), data);
        assert.deepEqual(Uint8Array.from(hexToByteArray(bytesToHex(data).toUpperCase().replace('0X', '0x') as `0x${string}`)), data);
      }),
    );
  });

  it('hands anything but clean even-length hex to viem instead of truncating it', () => {
    assert.throws(() => hexToByteArray('0x12zz'), /Invalid byte sequence/);
    assert.deepEqual(hexToByteArray('0x123'), hexToBytes('0x123'));
  });
});
