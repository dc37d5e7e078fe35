import { describe, expect, it } from 'vitest';
import { ProtocolDecodeError } from './primitives/protocol-decode-error.js';
import { ProtocolReader } from './primitives/reader.js';
import { ProtocolWriter } from './primitives/writer.js';
import { ApiKey } from './generated/index.js';
import { readRequestHeader, readResponseHeader, requestHeaderVersion, responseHeaderVersion, writeRequestHeader, writeResponseHeader } from './headers.js';

const int16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const int32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const string = (s: string): number[] => [...int16(Buffer.byteLength(s)), ...Buffer.from(s)];

describe('header versions', () => {
  it('request header: v2 when flexible, else v1; ControlledShutdown v0 uses v0', () => {
    expect(requestHeaderVersion(ApiKey.ApiVersions, 2)).toBe(1);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 3)).toBe(2);
    expect(requestHeaderVersion(ApiKey.Metadata, 8)).toBe(1);
    expect(requestHeaderVersion(ApiKey.Metadata, 9)).toBe(2);
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 0)).toBe(0);
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 1)).toBe(1);
    expect(requestHeaderVersion(ApiKey.SaslHandshake, 1)).toBe(1); // never flexible
    expect(requestHeaderVersion(ApiKey.ApiVersions, 99)).toBe(2); // above the highest known
    expect(() => requestHeaderVersion(9999, 0)).toThrow();
  });

  it('response header: v1 when flexible, else v0; ApiVersions always v0', () => {
    expect(responseHeaderVersion(ApiKey.Metadata, 8)).toBe(0);
    expect(responseHeaderVersion(ApiKey.Metadata, 12)).toBe(1);
    expect(responseHeaderVersion(ApiKey.ApiVersions, 3)).toBe(0);
    expect(responseHeaderVersion(ApiKey.ApiVersions, 4)).toBe(0);
    expect(responseHeaderVersion(ApiKey.Fetch, 12)).toBe(1);
  });
});

describe('readRequestHeader', () => {
  it('reads header v1 (non-flexible request) and leaves the reader at the body', () => {
    const frame = Buffer.from([...int16(3), ...int16(4), ...int32(42), ...string('my-client'), 0xaa]);
    const reader = new ProtocolReader(frame);
    expect(readRequestHeader(reader)).toEqual({ apiKey: 3, apiVersion: 4, correlationId: 42, clientId: 'my-client', headerVersion: 1 });
    expect(reader.readInt8()).toBe(-86);
  });

  it('reads header v2: client id is still a non-compact nullable string, then tagged fields', () => {
    const frame = Buffer.from([
      ...int16(18),
      ...int16(3),
      ...int32(7),
      ...string('kafkajs'), // NULLABLE_STRING even in v2 (flexibleVersions "none" on the field)
      2, // tagged fields: 2 unknown ones, skipped
      ...[0, 1, 0xff],
      ...[5, 0],
      0xbb,
    ]);
    const reader = new ProtocolReader(frame);
    expect(readRequestHeader(reader)).toEqual({ apiKey: 18, apiVersion: 3, correlationId: 7, clientId: 'kafkajs', headerVersion: 2 });
    expect(reader.readInt8()).toBe(-69);
  });

  it('reads a null client id', () => {
    const reader = new ProtocolReader(Buffer.from([...int16(3), ...int16(1), ...int32(1), ...int16(-1)]));
    expect(readRequestHeader(reader).clientId).toBeNull();
  });

  it('reads header v0 for ControlledShutdown v0 (no client id)', () => {
    const reader = new ProtocolReader(Buffer.from([...int16(7), ...int16(0), ...int32(9), 0, 0, 0, 1]));
    expect(readRequestHeader(reader)).toEqual({ apiKey: 7, apiVersion: 0, correlationId: 9, clientId: null, headerVersion: 0 });
    expect(reader.readInt32()).toBe(1);
  });

  it('still yields the correlation id for an unsupported version or an unknown API key', () => {
    const v99 = new ProtocolReader(Buffer.from([...int16(18), ...int16(99), ...int32(5), ...string('x'), 0]));
    expect(readRequestHeader(v99)).toMatchObject({ apiKey: 18, apiVersion: 99, correlationId: 5, headerVersion: 2 });
    const unknown = new ProtocolReader(Buffer.from([...int16(4242), ...int16(0), ...int32(6), 1, 2, 3]));
    expect(readRequestHeader(unknown)).toEqual({ apiKey: 4242, apiVersion: 0, correlationId: 6, clientId: null, headerVersion: -1 });
    expect(unknown.offset).toBe(8);
  });

  it('throws ProtocolDecodeError on a truncated header', () => {
    const full = [...int16(3), ...int16(9), ...int32(1), ...string('abc'), 0];
    for (let n = 0; n < full.length; n++) {
      expect(() => readRequestHeader(new ProtocolReader(Buffer.from(full.slice(0, n))))).toThrow(ProtocolDecodeError);
    }
  });
});

describe('writing headers', () => {
  it('writes response headers v0 and v1', () => {
    const w0 = new ProtocolWriter();
    writeResponseHeader(w0, 0, 42);
    expect([...w0.finish()]).toEqual(int32(42));
    const w1 = new ProtocolWriter();
    writeResponseHeader(w1, 1, 42);
    expect([...w1.finish()]).toEqual([...int32(42), 0]);
    expect(readResponseHeader(new ProtocolReader(Buffer.from([...int32(42), 0])), 1)).toBe(42);
  });

  it('round-trips request headers', () => {
    for (const [apiKey, apiVersion] of [
      [18, 3],
      [3, 1],
      [7, 0],
    ]) {
      const w = new ProtocolWriter();
      const hv = requestHeaderVersion(apiKey, apiVersion);
      writeRequestHeader(w, hv, { apiKey, apiVersion, correlationId: 1234, clientId: hv === 0 ? null : 'c' });
      expect(readRequestHeader(new ProtocolReader(w.finish()))).toEqual({
        apiKey,
        apiVersion,
        correlationId: 1234,
        clientId: hv === 0 ? null : 'c',
        headerVersion: hv,
      });
    }
  });
});
