/**
 * `HostRefusal`: what a host service throws to decline a call by a domain rule (an illegal topic
 * name, an offset past the high watermark, the broker not running). The dispatcher turns it into
 * a `REFUSED` result carrying `reason` and the message as they are, and does not report it as a
 * host failure: the caller asked for something the domain does not allow, nothing broke.
 */
export class HostRefusal extends Error {
  constructor(
    /** The domain's code, e.g. Kafka's error name INVALID_TOPIC_EXCEPTION, or BROKER_NOT_RUNNING. */
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HostRefusal';
  }
}
