/**
 * The `settings.*` domain of the contract: the broker's settings as the user keeps them, per user,
 * across launches: its port, listen address, data directory and broker configs by Kafka name.
 *
 * Each value says where it comes from: Eddy's `default`, the user's `settings`, or a command-line
 * `flag` (`--port`, `--data-dir`, `--config name=value`), which always wins and cannot be changed
 * here. An update is validated whole before anything is saved: any invalid field answers with
 * per-field errors and nothing is applied. A saved change the running broker does not use yet is
 * listed in `pendingRestart` until the broker is (re)started.
 */
import { z } from 'zod';

export const settingSourceSchema = z.enum(['default', 'settings', 'flag']);
export type SettingSource = z.infer<typeof settingSourceSchema>;

/** One setting's effective value and where it came from. */
const settingValue = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    source: settingSourceSchema,
    /** The flag that set it (`--port`, `--config log.retention.ms=…`) when `source` is `flag`. */
    flag: z.string().nullable(),
  });

/** A data directory change: move the data there, or start fresh there (the old one kept as it is). */
export const dataDirChangeModeSchema = z.enum(['move', 'fresh']);
export type DataDirChangeMode = z.infer<typeof dataDirChangeModeSchema>;

export const brokerConfigSettingSchema = settingValue(z.string()).extend({
  name: z.string(),
  default: z.string(),
  doc: z.string(),
  /** What a value may be, e.g. `an integer from -1 to 9223372036854775807`. */
  allowed: z.string(),
  /** A secret (a password, a private key): its value is never sent, `value` is '' (see `source` for whether one is set). */
  sensitive: z.boolean(),
});
export type BrokerConfigSetting = z.infer<typeof brokerConfigSettingSchema>;

/** The field names errors and `pendingRestart` refer to: `port`, `listenAddress`, `dataDir`, `config.<name>`. */
export type SettingsField = 'port' | 'listenAddress' | 'dataDir' | `config.${string}`;

export const settingsViewSchema = z.object({
  /** Where the settings are saved; null when this run keeps them in memory only. */
  file: z.string().nullable(),
  /** Why the saved file could not be used (corrupt), and where its copy was kept; null if it was fine. */
  loadProblem: z.string().nullable(),
  /** 1–65535; a flag may also say 0 (any free port). */
  port: settingValue(z.number().int().min(0).max(65535)),
  /** '' = loopback (127.0.0.1 and ::1); otherwise one address of this machine, or 0.0.0.0 / :: for all. */
  listenAddress: settingValue(z.string()),
  dataDir: settingValue(z.string()),
  configs: z.array(brokerConfigSettingSchema),
  /** The last data directory change and what happened to the old directory, in words; null if none. */
  dataDirNote: z.string().nullable(),
  /** Saved fields the running broker does not use yet (a restart applies them); empty when none. */
  pendingRestart: z.array(z.string()),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/**
 * What to change; an absent field is left as it is, `null` returns it to Eddy's default. Values are
 * checked by the host (not by this schema), so a bad one comes back as a field error.
 */
export const settingsChangesSchema = z.strictObject({
  port: z.number().nullable().optional(),
  listenAddress: z.string().max(255).nullable().optional(),
  dataDir: z.strictObject({ path: z.string().max(4096), mode: dataDirChangeModeSchema }).nullable().optional(),
  /** Broker configs by Kafka name; `null` removes the setting (back to the default). */
  config: z.record(z.string().max(255), z.string().max(4096).nullable()).optional(),
});
export type SettingsChanges = z.infer<typeof settingsChangesSchema>;

export const settingsUpdateResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    settings: settingsViewSchema,
    /** Whether the running broker must restart to use what was saved. */
    restartNeeded: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    /** By field (`port`, `listenAddress`, `dataDir`, `config.<name>`): what is wrong and what is allowed. */
    errors: z.record(z.string(), z.string()),
  }),
]);
export type SettingsUpdateResult = z.infer<typeof settingsUpdateResultSchema>;

export const settingsMethods = {
  'settings.get': {
    request: z.strictObject({}),
    response: settingsViewSchema,
  },
  /** Validates every change first; saves them all atomically, or none (answering with field errors). */
  'settings.update': {
    request: settingsChangesSchema,
    response: settingsUpdateResultSchema,
  },
  /** A port free right now on the loopback addresses, above the current one; nothing is saved. */
  'settings.pickFreePort': {
    request: z.strictObject({}),
    response: z.object({ port: z.number().int().min(1).max(65535) }),
  },
} as const;

export const settingsEvents = {
  /** The whole view, after a save and after each broker start (which changes `pendingRestart`). */
  'settings.changed': settingsViewSchema,
} as const;
