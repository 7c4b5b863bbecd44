import { readFileSync } from 'node:fs';
import { UnknownTemplateError } from '../errors.js';
import type { DocumentTemplate } from './documentTemplate.js';
import { validateTemplate } from './validateTemplate.js';

/** The templates shipped with the package, one JSON file each under `templates/`. */
export const templateIds = ['residence-card', 'national-id', 'passport-td3'] as const;
export type TemplateId = (typeof templateIds)[number];

const cache = new Map<string, DocumentTemplate>();

/**
 * Loads and validates a shipped template by id; an unknown id is an `UnknownTemplateError`.
 *
 * @example
 * const passport = getTemplate('passport-td3');
 */
export function getTemplate(id: string): DocumentTemplate {
  const cached = cache.get(id);
  if (cached) return cached;
  if (!(templateIds as readonly string[]).includes(id)) throw new UnknownTemplateError(id, templateIds);
  const file = new URL(`../../templates/${id}.json`, import.meta.url);
  const template = validateTemplate(JSON.parse(readFileSync(file, 'utf8')));
  cache.set(id, template);
  return template;
}
