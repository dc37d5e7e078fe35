/**
 * SASL/SCRAM-SHA-256 and SCRAM-SHA-512 server (RFC 5802, RFC 7677), as Kafka's ScramSaslServer:
 *
 *   client-first  `n,[a=authzid],n=user,r=cnonce[,ext…]`   (no channel binding: gs2 flag `n` only)
 *   server-first  `r=cnonce+snonce,s=base64(salt),i=iterations`
 *   client-final  `c=base64(gs2 header),r=cnonce+snonce[,ext…],p=base64(proof)`
 *   server-final  `v=base64(ServerSignature)`
 *
 * The proof is checked as RFC 5802 says: ClientSignature = HMAC(StoredKey, AuthMessage),
 * ClientKey = proof XOR ClientSignature, and H(ClientKey) must equal StoredKey (compared in
 * constant time). AuthMessage = client-first-bare "," server-first "," client-final-without-proof.
 * The final nonce must end with the agreed one (Kafka's check, which librdkafka's form needs).
 * An unknown user fails at the first message, a wrong password at the final one; either way the
 * client is told only Kafka's generic "invalid credentials with SASL mechanism …". Extensions
 * (Kafka's `tokenauth`) are ignored: there are no delegation tokens here.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, hmac, SCRAM_MIN_ITERATIONS, type ScramCredential, type ScramMechanism } from './scram-credential';
import { invalidCredentialsMessage, SaslAuthenticationError, type SaslServer } from './sasl-server';

type State = 'client-first' | 'client-final' | 'complete' | 'failed';

const clientFirstPattern = /^n,(?:a=([^,]*))?,n=([^,]*),r=([\x21-\x2b\x2d-\x7e]+)(?:,.*)?$/s;
const clientFinalPattern = /^c=([A-Za-z0-9+/=]*),r=([\x21-\x2b\x2d-\x7e]+)(?:,[^p][^,]*)*,p=([A-Za-z0-9+/=]+)$/s;

/** RFC 5802's saslname: `=2C` is a comma and `=3D` an equals sign; any other `=` is malformed. */
export function decodeSaslName(saslName: string): string | null {
  if (/=(?!2C|3D)/.test(saslName)) return null;
  return saslName.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

export class ScramSaslServer implements SaslServer {
  authenticatedUser: string | null = null;
  private state: State = 'client-first';
  private username = '';
  private credential: ScramCredential | null = null;
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';

  constructor(
    readonly mechanism: ScramMechanism,
    private readonly credentialOf: (username: string) => ScramCredential | undefined,
    /** The server's part of the nonce; random unless a test pins it. */
    private readonly serverNonce: () => string = () => randomBytes(24).toString('base64'),
  ) {}

  evaluate(token: Buffer): Buffer {
    try {
      switch (this.state) {
        case 'client-first':
          return this.clientFirst(token.toString('utf8'));
        case 'client-final':
          return this.clientFinal(token.toString('utf8'));
        default:
          throw this.failure(`SASL/${this.mechanism}: a token in state ${this.state}`);
      }
    } catch (error) {
      this.state = 'failed';
      this.credential = null;
      throw error;
    }
  }

  private failure(detail: string): SaslAuthenticationError {
    return new SaslAuthenticationError(invalidCredentialsMessage(this.mechanism), detail);
  }

  private clientFirst(message: string): Buffer {
    const match = clientFirstPattern.exec(message);
    if (!match) throw this.failure(`SASL/${this.mechanism}: invalid client-first message (channel binding is not supported)`);
    const username = decodeSaslName(match[2]);
    const authorizationId = match[1] === undefined ? '' : decodeSaslName(match[1]);
    if (username === null || authorizationId === null || username === '') throw this.failure(`SASL/${this.mechanism}: invalid user name in the client-first message`);
    this.username = username;
    const credential = this.credentialOf(username);
    if (!credential) throw this.failure(`SASL/${this.mechanism}: unknown user "${username}"`);
    if (authorizationId !== '' && authorizationId !== username) {
      throw new SaslAuthenticationError('Authentication failed: Client requested an authorization id that is different from username');
    }
    if (credential.iterations < SCRAM_MIN_ITERATIONS) throw this.failure(`SASL/${this.mechanism}: iterations ${credential.iterations} is less than the minimum ${SCRAM_MIN_ITERATIONS}`);
    this.credential = credential;
    this.gs2Header = message.slice(0, message.indexOf(',n=') + 1);
    this.clientFirstBare = message.slice(this.gs2Header.length);
    this.nonce = match[3] + this.serverNonce();
    this.serverFirst = `r=${this.nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`;
    this.state = 'client-final';
    return Buffer.from(this.serverFirst, 'utf8');
  }

  private clientFinal(message: string): Buffer {
    const match = clientFinalPattern.exec(message);
    if (!match) throw this.failure(`SASL/${this.mechanism}: invalid client-final message from user "${this.username}"`);
    const [, channelBinding, nonce, proofText] = match;
    // Kafka checks that the nonce *ends with* the agreed one, not that it equals it: librdkafka
    // (2.0.2 here) sends its own nonce again in front of the agreed one. The proof covers the
    // message as sent, so this lets nothing through that the proof does not bind.
    if (!nonce.endsWith(this.nonce)) throw this.failure(`SASL/${this.mechanism}: the client-final nonce of user "${this.username}" is not the one agreed`);
    if (Buffer.from(channelBinding, 'base64').toString('utf8') !== this.gs2Header) {
      throw this.failure(`SASL/${this.mechanism}: the channel binding of user "${this.username}" does not repeat the gs2 header`);
    }
    const credential = this.credential!;
    const withoutProof = message.slice(0, message.lastIndexOf(',p='));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.mechanism, credential.storedKey, authMessage);
    const proof = Buffer.from(proofText, 'base64');
    if (proof.length !== clientSignature.length) throw this.failure(`SASL/${this.mechanism}: a proof of the wrong length from user "${this.username}"`);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ clientSignature[i];
    if (!timingSafeEqual(hash(this.mechanism, clientKey), credential.storedKey)) {
      throw this.failure(`SASL/${this.mechanism}: invalid credentials for user "${this.username}" (wrong password?)`);
    }
    const serverSignature = hmac(this.mechanism, credential.serverKey, authMessage);
    this.state = 'complete';
    this.credential = null;
    this.authenticatedUser = this.username;
    return Buffer.from(`v=${serverSignature.toString('base64')}`, 'utf8');
  }
}
