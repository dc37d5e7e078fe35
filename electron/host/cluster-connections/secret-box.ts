/**
 * Where a connection's secrets (passwords, tokens, client secrets, client keys) are sealed before
 * they are written to disk. The desktop app seals them with Electron's safeStorage (the OS key
 * store: Keychain, DPAPI, libsecret), through a thin adapter in electron/main; serve mode has no
 * key store, so its box keeps them as they are, in a file only the user's account can read
 * (0600), and says so, for the connection form to show.
 */
export interface SecretBox {
  readonly kind: 'os-encryption' | 'user-file';
  /** In words, where secrets are kept and who can read them. */
  readonly description: string;
  seal(plain: string): string;
  /** Throws if `sealed` cannot be opened (sealed by another user, or the key store changed). */
  open(sealed: string): string;
}

/** Serve mode's box: secrets stored as they are, in a file readable by the user alone. */
export function userFileSecretBox(file: string): SecretBox {
  return {
    kind: 'user-file',
    description: `Secrets are stored unencrypted in ${file}, which only your user account can read (serve mode has no OS key store; the desktop app encrypts them with it).`,
    seal: (plain) => plain,
    open: (sealed) => sealed,
  };
}

/** What the desktop adapter needs of Electron's safeStorage. */
export interface OsEncryption {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: which backend seals (`basic_text` means a fixed key, not a real key store). */
  backend?: string;
}

/** The desktop box: sealed by the OS; falls back to the user-file box when the OS has no key store. */
export function osSecretBox(encryption: OsEncryption, file: string): SecretBox {
  if (!encryption.isEncryptionAvailable()) {
    const fallback = userFileSecretBox(file);
    return { ...fallback, description: `This system offers no key store to Electron, so ${fallback.description.charAt(0).toLowerCase()}${fallback.description.slice(1)}` };
  }
  const weak = encryption.backend === 'basic_text';
  return {
    kind: 'os-encryption',
    description: weak
      ? `Secrets are encrypted in ${file} with Electron's safeStorage, but this desktop has no key ring (basic_text), so the key is not protected by your login.`
      : `Secrets are encrypted in ${file} with your operating system's key store (Electron safeStorage).`,
    seal: (plain) => encryption.encryptString(plain).toString('base64'),
    open: (sealed) => encryption.decryptString(Buffer.from(sealed, 'base64')),
  };
}
