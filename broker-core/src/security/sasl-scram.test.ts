import { describe, expect, it } from 'vitest';
import { deriveScramCredential } from './scram-credential';
import { decodeSaslName, ScramSaslServer } from './sasl-scram';
import { SaslAuthenticationError } from './sasl-server';

// RFC 7677 section 3: user "user", password "pencil".
const rfc7677 = {
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

function rfcServer(password = 'pencil'): ScramSaslServer {
  const credential = deriveScramCredential('SCRAM-SHA-256', password, 4096, Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'));
  return new ScramSaslServer('SCRAM-SHA-256', (user) => (user === 'user' ? credential : undefined), () => rfc7677.serverNonce);
}

describe('ScramSaslServer', () => {
  it("answers RFC 7677's SCRAM-SHA-256 exchange byte for byte and authenticates the user", () => {
    const server = rfcServer();
    expect(server.evaluate(Buffer.from(rfc7677.clientFirst)).toString()).toBe(rfc7677.serverFirst);
    expect(server.authenticatedUser).toBeNull();
    expect(server.evaluate(Buffer.from(rfc7677.clientFinal)).toString()).toBe(rfc7677.serverFinal);
    expect(server.authenticatedUser).toBe('user');
  });

  it("refuses the RFC's proof when the stored password differs, with Kafka's generic message", () => {
    const server = rfcServer('not-pencil');
    server.evaluate(Buffer.from(rfc7677.clientFirst));
    const failure = (() => {
      try {
        server.evaluate(Buffer.from(rfc7677.clientFinal));
      } catch (error) {
        return error as SaslAuthenticationError;
      }
      throw new Error('accepted a wrong proof');
    })();
    expect(failure).toBeInstanceOf(SaslAuthenticationError);
    expect(failure.clientMessage).toBe('Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256');
    expect(failure.message).toContain('user "user"');
    expect(server.authenticatedUser).toBeNull();
  });

  it('refuses an unknown user at the first message, a changed nonce, and a token after failure', () => {
    expect(() => rfcServer().evaluate(Buffer.from('n,,n=nobody,r=abc'))).toThrow(SaslAuthenticationError);
    const server = rfcServer();
    server.evaluate(Buffer.from(rfc7677.clientFirst));
    expect(() => server.evaluate(Buffer.from(rfc7677.clientFinal.replace('k0,p=', 'k1,p=')))).toThrow(/nonce/);
    expect(() => server.evaluate(Buffer.from(rfc7677.clientFinal))).toThrow(SaslAuthenticationError);
  });

  it('refuses channel binding and an authorization id other than the user', () => {
    expect(() => rfcServer().evaluate(Buffer.from('p=tls-unique,,n=user,r=abc'))).toThrow(SaslAuthenticationError);
    expect(() => rfcServer().evaluate(Buffer.from('n,a=admin,n=user,r=abc'))).toThrow('Client requested an authorization id that is different from username');
  });

  it("accepts librdkafka's final nonce (its own nonce again in front of the agreed one) as far as the proof", () => {
    const server = rfcServer();
    server.evaluate(Buffer.from(rfc7677.clientFirst));
    // The RFC's proof was computed over the exact nonce, so it fails, but at the proof, not the nonce.
    expect(() => server.evaluate(Buffer.from(rfc7677.clientFinal.replace('r=', 'r=rOprNGfwEbeRWgbNEkqO')))).toThrow(/wrong password/);
  });

  it('decodes saslnames (=2C and =3D) and refuses other escapes', () => {
    expect(decodeSaslName('a=2Cb=3Dc')).toBe('a,b=c');
    expect(decodeSaslName('a=41')).toBeNull();
  });

  it('authenticates SCRAM-SHA-512 end to end against its own client computation', async () => {
    const { createHash, createHmac, pbkdf2Sync } = await import('node:crypto');
    const credential = deriveScramCredential('SCRAM-SHA-512', 'secret');
    const server = new ScramSaslServer('SCRAM-SHA-512', (user) => (user === 'alice' ? credential : undefined));
    const clientFirstBare = 'n=alice,r=clientnonce';
    const serverFirst = server.evaluate(Buffer.from(`n,,${clientFirstBare}`)).toString();
    const [, nonce, salt, iterations] = /^r=([^,]+),s=([^,]+),i=(\d+)$/.exec(serverFirst)!;
    const withoutProof = `c=biws,r=${nonce}`;
    const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
    const salted = pbkdf2Sync('secret', Buffer.from(salt, 'base64'), Number(iterations), 64, 'sha512');
    const clientKey = createHmac('sha512', salted).update('Client Key').digest();
    const signature = createHmac('sha512', createHash('sha512').update(clientKey).digest()).update(authMessage).digest();
    const proof = Buffer.from(clientKey.map((byte, i) => byte ^ signature[i]));
    const serverFinal = server.evaluate(Buffer.from(`${withoutProof},p=${proof.toString('base64')}`)).toString();
    const serverKey = createHmac('sha512', salted).update('Server Key').digest();
    expect(serverFinal).toBe(`v=${createHmac('sha512', serverKey).update(authMessage).digest('base64')}`);
    expect(server.authenticatedUser).toBe('alice');
  });
});
