/**
 * Results of the 核查 page, kept in memory for a while so the result page can be reloaded and
 * its downloads fetched. Nothing here is stored: a check is a sandbox until the user imports.
 */
import { randomToken } from './auth.js';
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';

export interface CheckResult {
  id: string;
  userId: number;
  file: string;
  report?: Report;
  findings: Finding[];
  error?: string;
  form?: string;
  at: number;
}

export class CheckCache {
  private items = new Map<string, CheckResult>();
  constructor(
    private max = 2000,
    private ttlMs = 4 * 60 * 60 * 1000,
  ) {}

  put(r: Omit<CheckResult, 'id' | 'at'>): CheckResult {
    const item = { ...r, id: randomToken(12), at: Date.now() };
    this.items.set(item.id, item);
    while (this.items.size > this.max) this.items.delete(this.items.keys().next().value!);
    return item;
  }

  get(id: string, userId: number): CheckResult | undefined {
    const item = this.items.get(id);
    if (!item || item.userId !== userId) return undefined;
    if (Date.now() - item.at > this.ttlMs) {
      this.items.delete(id);
      return undefined;
    }
    return item;
  }
}
