/**
 * The desktop app's SecretBox: connection secrets sealed with Electron's safeStorage (Keychain on
 * macOS, DPAPI on Windows, the desktop's secret service on Linux), or, where the system offers no
 * key store, kept in a file only the user can read, and the connection form says which
 * (secret-box.ts). Call after the app is ready: safeStorage is not usable before.
 */
import { safeStorage } from 'electron';
import { osSecretBox, type SecretBox } from '../host';

export function safeStorageSecretBox(file: string): SecretBox {
  return osSecretBox(
    {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      encryptString: (plain) => safeStorage.encryptString(plain),
      decryptString: (sealed) => safeStorage.decryptString(sealed),
      backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
    },
    file,
  );
}
