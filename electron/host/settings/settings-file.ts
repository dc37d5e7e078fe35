/**
 * The user's settings file: one JSON document, `{"version": 1, "broker": {…}, "dataDirChange": {…}}`,
 * in the per-user app data folder (`settings.json` beside `data/`), or nowhere (`null`: kept in
 * memory for this run, as tests and embedders that pass no file get).
 *
 * Written atomically (atomic-file.ts), so a crash leaves the old settings or the new ones, never
 * half of them. A file that cannot be read as
 * settings (not JSON, not this shape) is never overwritten silently and never stops the app: it is
 * copied aside to `settings.json.corrupt-<time>`, the defaults are used, and `problem` says what
 * happened and where the copy is, for the settings page to show.
 */
import { copyFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { dataDirChangeModeSchema } from '../../contract';
import { writeFileAtomically } from '../atomic-file';

export const SETTINGS_FILE_NAME = 'settings.json';

const storedSettingsSchema = z.object({
  version: z.literal(1),
  broker: z
    .object({
      port: z.number().int().min(1).max(65535).optional(),
      listenAddress: z.string().optional(),
      dataDir: z.string().min(1).optional(),
      config: z.record(z.string(), z.string()).optional(),
    })
    .default({}),
  /** The last data directory change: a move still to do (`done` false), or what became of the old one. */
  dataDirChange: z
    .object({
      from: z.string(),
      to: z.string(),
      mode: dataDirChangeModeSchema,
      done: z.boolean(),
      /** Why a move failed (the broker stayed on `from`, and the setting was put back). */
      failure: z.string().optional(),
    })
    .nullable()
    .optional(),
});
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

export const emptySettings = (): StoredSettings => ({ version: 1, broker: {}, dataDirChange: null });

export interface LoadedSettings {
  settings: StoredSettings;
  /** Why the file was not used, and where its copy is; null when it was read (or did not exist). */
  problem: string | null;
}

export async function loadSettings(file: string | null, now: () => number = Date.now): Promise<LoadedSettings> {
  if (file === null) return { settings: emptySettings(), problem: null };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: emptySettings(), problem: null };
    return { settings: emptySettings(), problem: `could not read the settings file ${file} (${(error as Error).message}); using the defaults, and saving will try to write it again` };
  }
  let reason: string;
  try {
    const parsed = storedSettingsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { settings: { ...parsed.data, dataDirChange: parsed.data.dataDirChange ?? null }, problem: null };
    reason = `not Eddy's settings (${parsed.error.issues[0]?.path.join('.') || 'the document'}: ${parsed.error.issues[0]?.message ?? 'unexpected shape'})`;
  } catch (error) {
    reason = `not valid JSON (${(error as Error).message})`;
  }
  const backup = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
  try {
    copyFileSync(file, backup);
    return { settings: emptySettings(), problem: `the settings file ${file} is ${reason}; it was copied to ${backup} and the defaults are used until you save` };
  } catch (copyError) {
    return { settings: emptySettings(), problem: `the settings file ${file} is ${reason}, and could not be copied aside (${(copyError as Error).message}); the defaults are used until you save` };
  }
}

/** Replaces the file with `settings`, atomically; rejects (leaving the old file) if that fails. */
export async function saveSettings(file: string | null, settings: StoredSettings): Promise<void> {
  if (file === null) return;
  await writeFileAtomically(file, `${JSON.stringify(settings, null, 2)}\n`);
}
