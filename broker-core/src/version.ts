/** The product version, reported by the console and in ApiVersions' software name/version. */
export const BROKER_VERSION = '0.1.0';
