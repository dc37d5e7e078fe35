/**
 * A broker's ApiVersions answer against what this console's client speaks, in words: each API the
 * broker offers only below the client's lowest version ("the cluster supports Fetch up to v11;
 * this console needs v12 (Kafka 2.7 or later)"), each required API it does not offer, and the
 * features that will be missing when only a non-core API is too old.
 */
import type { ApiVersionsAnswer } from './api-versions-probe';
import { CLIENT_API_VERSIONS, kafkaReleaseFor, REQUIRED_API_KEYS } from './client-protocol-minimums';

export interface ApiVersionsVerdict {
  ok: boolean;
  detail: string;
  /** The core APIs the broker offers too old (or not at all), one phrase each. */
  tooOld: string[];
  /** Non-core APIs too old: the features that use them will not work. */
  limited: string[];
}

const SASL_API_KEYS = [17, 36];

const UNSUPPORTED_VERSION = 35;

export function judgeApiVersions(answer: ApiVersionsAnswer, options: { sasl: boolean }): ApiVersionsVerdict {
  const offered = new Map(answer.apis.map((api) => [api.key, api]));
  if (answer.errorCode === UNSUPPORTED_VERSION && !offered.has(3)) {
    // A broker that no longer takes ApiVersions v0 answers with its ApiVersions range only.
    const range = offered.get(18);
    if (range && range.max >= 3) {
      return {
        ok: true,
        tooOld: [],
        limited: [],
        detail: `The cluster does not list its versions for ApiVersions v0 (it takes ApiVersions v${range.min}–v${range.max}, which this console's client speaks); the client negotiates the rest itself.`,
      };
    }
    return { ok: false, tooOld: [], limited: [], detail: `The cluster refused Kafka's ApiVersions request (UNSUPPORTED_VERSION) without saying which versions it takes.` };
  }
  if (answer.errorCode !== 0 && answer.errorCode !== UNSUPPORTED_VERSION) {
    return { ok: false, tooOld: [], limited: [], detail: `The cluster answered Kafka's ApiVersions request with error code ${answer.errorCode}.` };
  }
  const tooOld: string[] = [];
  const limited: string[] = [];
  for (const need of CLIENT_API_VERSIONS) {
    const core = need.core || (options.sasl && SASL_API_KEYS.includes(need.key));
    const broker = offered.get(need.key);
    if (!broker) {
      if (REQUIRED_API_KEYS.includes(need.key) || (options.sasl && SASL_API_KEYS.includes(need.key))) {
        tooOld.push(`the cluster does not offer ${need.name} at all; this console needs v${need.min} or later`);
      }
      continue;
    }
    if (broker.max < need.min) {
      const phrase = `the cluster supports ${need.name} up to v${broker.max}; this console needs v${need.min} (${kafkaReleaseFor(need.name, need.min)})`;
      (core ? tooOld : limited).push(phrase);
    } else if (broker.min > need.max) {
      const phrase = `the cluster supports ${need.name} from v${broker.min} only; this console speaks up to v${need.max}`;
      (core ? tooOld : limited).push(phrase);
    }
  }
  const summary = (name: string) => {
    const key = CLIENT_API_VERSIONS.find((api) => api.name === name)!.key;
    const broker = offered.get(key);
    return broker ? `${name} up to v${broker.max}` : undefined;
  };
  const highlights = ['ApiVersions', 'Metadata', 'Fetch', 'Produce'].map(summary).filter((text) => text !== undefined);
  if (tooOld.length > 0) {
    return {
      ok: false,
      tooOld,
      limited,
      detail: `The cluster's Kafka version is too old for this console (made for Kafka 3.5 and later): ${tooOld.join('; ')}.`,
    };
  }
  const missingFeatures = limited.length > 0 ? ` Some features will not work: ${limited.join('; ')}.` : '';
  return {
    ok: true,
    tooOld,
    limited,
    detail: `The cluster's protocol versions suit this console (${highlights.join(', ')}; ${answer.apis.length} APIs offered).${missingFeatures}`,
  };
}
