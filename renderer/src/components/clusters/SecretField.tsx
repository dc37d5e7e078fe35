/**
 * A secret's field (password, token, client secret, private key): never filled from the host.
 * When one is stored it says so ("stored — leave empty to keep"); an empty field then keeps it.
 */
interface SecretFieldProps {
  label: string;
  value: string;
  stored: boolean;
  problem: string | null;
  testId: string;
  /** A PEM key: a textarea rather than a one-line field. */
  multiline?: boolean;
  onChange(value: string): void;
}

export function SecretField({ label, value, stored, problem, testId, multiline = false, onChange }: SecretFieldProps) {
  const placeholder = stored ? 'stored — leave empty to keep' : multiline ? '-----BEGIN PRIVATE KEY-----' : '';
  const className = `${multiline ? 'input input--mono textarea' : 'input'}${problem ? ' input--invalid' : ''}`;
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      {multiline ? (
        <textarea className={className} rows={4} value={value} placeholder={placeholder} spellCheck={false} autoComplete="off" aria-invalid={problem ? true : undefined} onChange={(event) => onChange(event.target.value)} data-testid={testId} />
      ) : (
        <input className={className} type="password" value={value} placeholder={placeholder} autoComplete="new-password" aria-invalid={problem ? true : undefined} onChange={(event) => onChange(event.target.value)} data-testid={testId} />
      )}
      {problem ? (
        <span className="field__problem" data-testid={`${testId}-problem`}>
          {problem}
        </span>
      ) : (
        stored && <span className="field__help">Stored. Type a new one to replace it.</span>
      )}
    </label>
  );
}
