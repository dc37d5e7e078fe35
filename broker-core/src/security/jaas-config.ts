/**
 * Kafka's `sasl.jaas.config` value, one JAAS login module entry:
 *
 *   org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required
 *     unsecuredValidatorRequiredScope="kafka" unsecuredValidatorAllowableClockSkewMs="3000";
 *
 * a login module class, a control flag (required, requisite, sufficient, optional), options as
 * `name=value` (the value quoted, or a word without spaces), and a closing `;`. Eddy reads only
 * OAUTHBEARER's from it (`listener.name.<listener>.oauthbearer.sasl.jaas.config`,
 * oauthbearer-options.ts). A malformed value throws an Error saying where.
 */

export interface JaasEntry {
  loginModule: string;
  flag: 'required' | 'requisite' | 'sufficient' | 'optional';
  options: Map<string, string>;
}

const FLAGS = ['required', 'requisite', 'sufficient', 'optional'] as const;

export function parseJaasConfig(text: string): JaasEntry {
  const tokenPattern = /\s*(?:("(?:[^"\\]|\\.)*")|([^\s=;"]+)|(=)|(;))/y;
  const tokens: { kind: 'word' | 'quoted' | '=' | ';'; text: string }[] = [];
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    tokenPattern.lastIndex = at;
    const match = tokenPattern.exec(text);
    if (!match) throw new Error(`cannot read it at "${text.slice(at).trim().slice(0, 30)}" (expected: LoginModuleClass required name="value" …;)`);
    at = tokenPattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'quoted', text: match[1].slice(1, -1).replace(/\\(.)/g, '$1') });
    else if (match[2] !== undefined) tokens.push({ kind: 'word', text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: '=', text: '=' });
    else tokens.push({ kind: ';', text: ';' });
  }
  const [module, flag, ...rest] = tokens;
  if (!module || module.kind !== 'word') throw new Error('it does not start with a login module class');
  if (!flag || flag.kind !== 'word' || !(FLAGS as readonly string[]).includes(flag.text.toLowerCase())) {
    throw new Error(`the login module ${module.text} needs a control flag (${FLAGS.join(', ')})`);
  }
  const options = new Map<string, string>();
  let index = 0;
  while (index < rest.length && rest[index].kind !== ';') {
    const [name, equals, value] = rest.slice(index, index + 3);
    if (name?.kind !== 'word' || equals?.kind !== '=' || !value || (value.kind !== 'word' && value.kind !== 'quoted')) {
      throw new Error(`expected name="value" options after "${module.text} ${flag.text}"`);
    }
    options.set(name.text, value.text);
    index += 3;
  }
  if (rest[index]?.kind !== ';') throw new Error('it must end with ";"');
  if (index + 1 < rest.length) throw new Error('it holds more than one login module (one is allowed per mechanism)');
  return { loginModule: module.text, flag: flag.text.toLowerCase() as JaasEntry['flag'], options };
}
