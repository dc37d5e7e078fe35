/**
 * Produce templates saved per topic, in one JSON file in the host's state directory
 * (`produce-templates.json`): `{"version": 1, "topics": {"<topic>": [template, …]}}`, each
 * template as the contract's `ProduceTemplate` (name, template record, settings, savedAt),
 * sorted by name. A save under an existing name replaces it.
 *
 * Written atomically (a temp file beside it, fsynced, renamed over it, the folder fsynced), so a
 * crash leaves the old file or the new one, never half of one. Writes are serialized. A file that
 * cannot be read as templates is moved aside (`.unreadable-<time>`) rather than overwritten, and
 * the store starts empty; entries that do not match the contract's schema are dropped.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { templateSchema, type BulkTemplate, type ProduceSettings, type ProduceTemplate } from '../../contract';
import { HostRefusal } from '../host-refusal';

export const TEMPLATES_FILE = 'produce-templates.json';
const MAX_TEMPLATES_PER_TOPIC = 1000;

type TemplatesByTopic = Map<string, ProduceTemplate[]>;

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class TemplateStore {
  private loaded: Promise<TemplatesByTopic> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  readonly file: string;

  constructor(stateDir: string) {
    this.file = join(stateDir, TEMPLATES_FILE);
  }

  async list(topic: string): Promise<ProduceTemplate[]> {
    return [...((await this.load()).get(topic) ?? [])];
  }

  save(topic: string, name: string, template: BulkTemplate, settings: ProduceSettings): Promise<ProduceTemplate[]> {
    return this.change(topic, (templates) => {
      const others = templates.filter((saved) => saved.name !== name);
      if (others.length >= MAX_TEMPLATES_PER_TOPIC) throw new HostRefusal('TOO_MANY_TEMPLATES', `topic "${topic}" has ${MAX_TEMPLATES_PER_TOPIC} templates: delete one before saving another`);
      return [...others, { name, template, settings, savedAt: Date.now() }].sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  delete(topic: string, name: string): Promise<ProduceTemplate[]> {
    return this.change(topic, (templates) => {
      if (!templates.some((saved) => saved.name === name)) throw new HostRefusal('UNKNOWN_TEMPLATE', `topic "${topic}" has no template named "${name}"`);
      return templates.filter((saved) => saved.name !== name);
    });
  }

  private change(topic: string, edit: (templates: ProduceTemplate[]) => ProduceTemplate[]): Promise<ProduceTemplate[]> {
    const work = async () => {
      const byTopic = await this.load();
      const next = edit(byTopic.get(topic) ?? []);
      const updated = new Map(byTopic);
      if (next.length === 0) updated.delete(topic);
      else updated.set(topic, next);
      await this.write(updated);
      this.loaded = Promise.resolve(updated);
      return [...next];
    };
    const result = this.chain.then(work, work);
    this.chain = result.catch(() => {});
    return result;
  }

  private load(): Promise<TemplatesByTopic> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  private async read(): Promise<TemplatesByTopic> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as { version?: unknown; topics?: Record<string, unknown[]> };
      if (parsed.version !== 1 || typeof parsed.topics !== 'object' || parsed.topics === null) throw new Error('not a version 1 templates file');
      const byTopic: TemplatesByTopic = new Map();
      for (const [topic, entries] of Object.entries(parsed.topics)) {
        const valid = (Array.isArray(entries) ? entries : []).flatMap((entry) => {
          const checked = templateSchema.safeParse(entry);
          return checked.success ? [checked.data] : [];
        });
        if (valid.length > 0) byTopic.set(topic, valid);
      }
      return byTopic;
    } catch {
      await rename(this.file, `${this.file}.unreadable-${Date.now()}`).catch(() => {});
      return new Map();
    }
  }

  private async write(byTopic: TemplatesByTopic): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const content = JSON.stringify({ version: 1, topics: Object.fromEntries(byTopic) }, null, 1);
    await writeFile(temp, content, 'utf8');
    fsyncPath(temp);
    await rename(temp, this.file);
    try {
      fsyncPath(dirname(this.file));
    } catch {
      // Some platforms (Windows) cannot open a folder to fsync it; the rename is still atomic.
    }
  }
}
