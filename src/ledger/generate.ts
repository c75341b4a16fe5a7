/**
 * Random but valid case histories, for property tests, benchmarks and demo data. Deterministic:
 * the same options give the same cases. Every event goes through `appendEvent`, so the histories
 * obey the ledger's own rules (dates in order, at most 20 days of extension, one fee method, …).
 */
import { rng } from '../model/generate.js';
import type { WorkCalendar } from './calendar.js';
import {
  APPLICANT_TYPES, CHANNELS, appendEvent, defaultSettings, validateIntake,
  type CaseRecord, type LedgerSettings, type NewEvent,
} from './cases.js';
import { addDays, daysBetween, type IsoDate } from './dates.js';
import { DECISION_TYPES } from './decisions.js';

export interface GenerateCasesOptions {
  seed: number;
  count: number;
  organ?: string;
  /** First and last possible received date. */
  from: IsoDate;
  to: IsoDate;
  /** No event after this date: cases still running then stay open. */
  horizon: IsoDate;
  settings?: LedgerSettings;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '军', '杰', '娟'];
const ORGS = ['某某商贸有限公司', '某某科技研究院', '某某公益基金会', '某某律师事务所', '某某业主委员会'];
const TOPICS = ['征收补偿方案', '规划许可证', '财政预算执行情况', '环境影响评价批复', '行政处罚决定书', '会议纪要', '项目审批文件'];

export function generateCases(options: GenerateCasesOptions, cal: WorkCalendar): CaseRecord[] {
  const r = rng(options.seed);
  const settings = options.settings ?? defaultSettings();
  const organ = options.organ ?? '示例区人民政府办公室';
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const span = daysBetween(options.from, options.to);
  const out: CaseRecord[] = [];
  // a few repeat applicants, so that 按件 ordinals above 10 occur
  const regulars = Array.from({ length: 3 }, (_, i) => ({ name: `${SURNAMES[i]}${GIVEN[i]}${GIVEN[i + 3]}`, id: `11010119800101${String(1000 + i)}` }));
  for (let i = 0; i < options.count; i++) {
    const received = addDays(options.from, int(0, span));
    const typeRoll = r();
    const type = typeRoll < 0.7 ? 'natural' : APPLICANT_TYPES[int(1, 5)].key;
    const regular = type === 'natural' && r() < 0.3 ? pick(regulars) : null;
    const name = type === 'natural' ? (regular?.name ?? `${pick(SURNAMES)}${pick(GIVEN)}${r() < 0.5 ? pick(GIVEN) : ''}`) : `${pick(['东城', '西城', '南湖', '北山'])}${ORGS[int(0, ORGS.length - 1)]}`;
    const channel = pick(CHANNELS).key;
    const field = CHANNELS.find((c) => c.key === channel)!.field;
    const intake = validateIntake({
      organ,
      channel,
      [field]: received,
      ...(channel === 'post' || channel === 'letter' ? { submittedOn: addDays(received, -int(1, 4)) } : {}),
      applicant: {
        type,
        name,
        idNumber: regular?.id ?? (type === 'natural' ? `1101011990${String(int(1000, 9999))}${String(int(1000, 9999))}` : null),
        phone: `13${String(int(100000000, 999999999))}`,
        address: `${pick(['东城', '西城', '南湖', '北山'])}区${pick(['人民路', '解放路', '中山路'])}${int(1, 300)}号`,
      },
      content: `申请公开${pick(TOPICS)}`,
    });
    let c: CaseRecord = { ...intake, id: `c${options.seed}-${i + 1}`, caseNo: `${received.slice(0, 4)}-${String(i + 1).padStart(4, '0')}`, events: [] };
    let cursor = received;
    const step = (a: number, b: number) => {
      cursor = addDays(cursor, int(a, b));
      return cursor;
    };
    const add = (ev: NewEvent): boolean => {
      if (ev.date > options.horizon) return false;
      try {
        c = appendEvent(c, { actor: '经办人', ...ev }, cal, settings).record;
        return true;
      } catch {
        return false;
      }
    };
    let closed = false;
    const close = (decision: string, date: IsoDate) => {
      closed = add(decision === 'withdrawn' ? { kind: 'withdrawal', date } : { kind: 'decision', date, data: { decision } });
    };
    // 补正
    if (r() < 0.2) {
      if (add({ kind: 'correctionNotice', date: step(1, 9) })) {
        if (r() < 0.75) {
          add({ kind: 'correctionReceived', date: step(2, 20) });
        } else {
          close('noCorrection', step(22, 40));
        }
      }
    }
    if (!closed && r() < 0.1 && add({ kind: 'thirdPartyConsult', date: step(1, 10), data: { party: '第三方企业' } })) {
      if (r() < 0.7) add({ kind: 'thirdPartyReply', date: step(3, 25) });
    }
    if (!closed && r() < 0.08 && add({ kind: 'organConsult', date: step(1, 10), data: { organ: '市自然资源局' } })) {
      add({ kind: 'organReply', date: step(2, 15) });
    }
    if (!closed && r() < 0.12) add({ kind: 'extension', date: step(10, 25), data: { days: int(5, 20), approver: '办公室主任' } });
    if (!closed && r() < 0.08) {
      const volume = r() < 0.5;
      const ok = add({
        kind: 'feeNotice', date: step(1, 10),
        data: volume ? { mode: 'volume', pages: int(20, 320) } : { mode: 'piece', ordinal: int(8, 45) },
      });
      if (ok) {
        if (r() < 0.7) add({ kind: 'feePaid', date: step(1, 25) });
        else closed = add({ kind: 'feeLapsed', date: step(32, 45) });
      }
    }
    if (!closed) {
      if (r() < 0.05) close('withdrawn', step(1, 15));
      else {
        const roll = r();
        const decision = roll < 0.45 ? 'granted' : roll < 0.55 ? 'alreadyPublic' : roll < 0.65 ? 'partial' : pick(DECISION_TYPES).key;
        close(decision === 'feeLapsed' ? 'other' : decision, step(1, 30));
      }
    }
    out.push(c);
  }
  return out;
}
