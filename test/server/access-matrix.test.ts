/**
 * Every route of the web application and of the JSON API, asked by every role, against the real
 * report store and case ledger: the status each role gets is written down below, route by route.
 *
 * The routes come from Hono's route table and from the OpenAPI document, so a route added without
 * an entry here fails the test (and so does an entry whose route is gone, and an API route missing
 * from the OpenAPI document). The objects asked about belong to "this" organ (宝山区七星街道办事处,
 * region 黑龙江省/双鸭山市/宝山区 by its division code); the other clerk and the other reviewer belong
 * to 牧野区 (河南省/新乡市/牧野区).
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateReport } from '../../src/model/generate.js';
import { storeRepo } from '../../src/server/store-repo.js';
import type { Backend } from '../../src/server/start.js';
import { openapiDocument } from '../../src/server/openapi.js';
import { createApiToken, createUser, userForApiToken } from '../../src/server/auth.js';
import { createDraft } from '../../src/server/drafts.js';
import { loadFetchSettings } from '../../src/server/fetch-service.js';
import { all } from '../../src/server/sql.js';
import { Ledger, type LedgerDb } from '../../src/ledger/store.js';
import { Register, type RegisterDb } from '../../src/register/store.js';
import { recordSource } from '../../src/fetch/ledger.js';
import { testApp, type TestApp } from './helpers.js';

const ORGAN = '宝山区七星街道办事处';
const OTHER_ORGAN = '牧野区卫北街道办事处';
/** The government over this organ's district, for the calendar's 汇总. */
const GOVERNMENT = '宝山区人民政府';
const REGION_PATH = '黑龙江省/双鸭山市/宝山区';
/** A register document of this organ: its title shows who was given the register. */
const DOC_TITLE = '七星街道政务公开工作规范';
/** Never fetched: an internal address is refused before any connection, so the test stays offline. */
const UNREACHABLE = 'http://127.0.0.1/ndbg/2023.pdf';

const ROLES = ['anon', 'clerk', 'clerkOther', 'reviewer', 'reviewerOther', 'admin'] as const;
type Who = (typeof ROLES)[number];
const ACCOUNTS: Record<Exclude<Who, 'anon'>, [string, 'clerk' | 'reviewer' | 'admin', string?]> = {
  clerk: ['qixing', 'clerk', ORGAN],
  clerkOther: ['weibei', 'clerk', OTHER_ORGAN],
  reviewer: ['shenyue', 'reviewer', '宝山区'],
  reviewerOther: ['muye', 'reviewer', '牧野区'],
  admin: ['root', 'admin'],
};

type Client = Awaited<ReturnType<TestApp['login']>>;

interface Fixtures {
  t: TestApp;
  backend: Backend;
  reportA: string;
  reportA2: string;
  draftA: number;
  caseA: string;
  checkA: string;
  /** Store id of this organ. */
  organA: number;
  /** Register document of this organ. */
  docA: string;
  /** A report of this organ waiting for its clerk to confirm it (import by web address). */
  pendingA: number;
  seq: () => number;
}

interface Ask {
  path: string;
  method?: string;
  form?: Record<string, string>;
  json?: unknown;
  multipart?: FormData;
}

interface Expectation {
  /** The request; a function when each role needs an object of its own (deleting, logging out). */
  ask: Ask | ((f: Fixtures, who: Who) => Ask | Promise<Ask>);
  status: Record<Who, number>;
  /** Each role logs in afresh for this route (the request ends sessions). */
  fresh?: boolean;
  /** What must hold after the request besides its status. */
  then?: (f: Fixtures, who: Who, res: Response, ask: Ask) => Promise<void>;
}

// Shorthands for rows that repeat: the status by role, in the order of ROLES.
const row = (anon: number, clerk: number, clerkOther: number, reviewer: number, reviewerOther: number, admin: number): Record<Who, number> => ({
  anon,
  clerk,
  clerkOther,
  reviewer,
  reviewerOther,
  admin,
});
const everyone = (status: number) => row(status, status, status, status, status, status);
const signedIn = (anon: number, status: number) => row(anon, status, status, status, status, status);

const reportText = (organ: string, year: number, seed: number) => JSON.stringify(generateReport({ seed, layout: '2021', year, agency: organ }));

function csvOfCases(): FormData {
  const fd = new FormData();
  const csv = '\ufeff编号,收到日期,申请方式,申请人类型,申请人,申请内容\nX-1,2024-03-04,当面,自然人,张三,某某文件\n';
  fd.append('file', new File([csv], '台账.csv', { type: 'text/csv' }));
  fd.append('dryRun', '1');
  return fd;
}

function registerCsv(): FormData {
  const fd = new FormData();
  const csv = '\ufeff文号,标题,类型,制发日期\n七政规〔2024〕9号,关于某事的通知,行政规范性文件,2024-02-01\n';
  fd.append('file', new File([csv], '目录.csv', { type: 'text/csv' }));
  fd.append('dryRun', '1');
  return fd;
}

/** A document not yet in any register: its own 文号 and title. */
function newDocument(fx: Fixtures): Record<string, string> {
  const n = fx.seq();
  return { kind: 'normative', docNo: `七政规〔2024〕${n}号`, title: `关于某事的通知（${n}）`, madeOn: '2024-02-01' };
}
const docFields = { kind: 'normative', docNo: '七政规〔2023〕3号', title: DOC_TITLE, madeOn: '2023-05-06', publishedOn: '2023-05-08' };
const o = encodeURIComponent(ORGAN);
const g = encodeURIComponent(GOVERNMENT);

function upload(name: string, text: string): FormData {
  const fd = new FormData();
  fd.append('files', new File([text], name, { type: 'application/json' }));
  return fd;
}

const EXPECTATIONS: Record<string, Expectation> = {
  // ---------------------------------------------------------------- public
  'GET /assets/:name': { ask: { path: '/assets/app.css' }, status: everyone(200) },
  'GET /favicon.ico': { ask: { path: '/favicon.ico' }, status: everyone(301) },
  'GET /login': { ask: { path: '/login' }, status: signedIn(200, 303) },
  // Without the login form's own token a login is refused whoever asks (login CSRF).
  'POST /login': { ask: { path: '/login', method: 'POST', form: { username: 'qixing', password: 'x' } }, status: everyone(400) },
  'GET /deadline': { ask: { path: '/deadline?received=2024-03-01' }, status: everyone(200) },
  'GET /api/docs': { ask: { path: '/api/docs' }, status: everyone(200) },
  'GET /api/openapi.json': { ask: { path: '/api/openapi.json' }, status: everyone(200) },

  // ---------------------------------------------------------------- account
  'POST /logout': { ask: { path: '/logout', method: 'POST', form: {} }, status: everyone(303), fresh: true },
  'GET /': { ask: { path: '/' }, status: signedIn(303, 200) },
  'GET /account': { ask: { path: '/account' }, status: signedIn(303, 200) },
  'POST /account/password': {
    // the same password again: the change goes through and the account keeps working
    ask: (f, who): Ask => ({ path: '/account/password', method: 'POST', form: who === 'anon' ? {} : { current: pw(f, who), password: pw(f, who) } }),
    status: signedIn(303, 303),
    fresh: true,
  },
  'POST /account/sessions/end': { ask: { path: '/account/sessions/end', method: 'POST', form: {} }, status: signedIn(303, 303), fresh: true },
  'POST /account/tokens': { ask: { path: '/account/tokens', method: 'POST', form: { name: 'x' } }, status: signedIn(303, 200) },
  'POST /account/tokens/:id/delete': {
    // a token of this organ's clerk: only its owner can revoke it
    ask: async (f) => ({ path: `/account/tokens/${(await tokenOf(f, 'clerk')).id}/delete`, method: 'POST', form: {} }),
    status: signedIn(303, 303),
    then: async (f, who, _res, ask) => {
      const id = Number(/tokens\/(\d+)/.exec(ask.path)![1]);
      const still = await all(f.t.db, 'SELECT 1 FROM web_api_tokens WHERE id = $1', [id]);
      assert.equal(still.length, who === 'clerk' ? 0 : 1, `${who} revoking another's token`);
    },
  },
  'GET /api/me': { ask: { path: '/api/me' }, status: signedIn(401, 200) },
  'GET /api/tokens': { ask: { path: '/api/tokens' }, status: signedIn(401, 200) },
  'POST /api/tokens': { ask: { path: '/api/tokens', method: 'POST', json: { name: 'x' } }, status: signedIn(401, 201) },
  'DELETE /api/tokens/:id': {
    ask: async (f) => ({ path: `/api/tokens/${(await tokenOf(f, 'clerk')).id}`, method: 'DELETE' }),
    status: row(401, 204, 404, 404, 404, 404),
  },
  'GET /api/sessions': { ask: { path: '/api/sessions' }, status: signedIn(401, 200) },
  'DELETE /api/sessions': { ask: { path: '/api/sessions', method: 'DELETE' }, status: signedIn(401, 200), fresh: true },

  // ---------------------------------------------------------------- check (every role, results private to who checked)
  'GET /check': { ask: { path: '/check' }, status: signedIn(303, 200) },
  'POST /check': { ask: (_f, who) => ({ path: '/check', method: 'POST', multipart: upload('r.json', reportText(ORGAN, 2019, 50 + ROLES.indexOf(who))) }), status: signedIn(303, 303) },
  'GET /check/:id': { ask: (f) => ({ path: `/check/${f.checkA}` }), status: row(303, 200, 404, 404, 404, 404) },
  'GET /check/:id/download.json': { ask: (f) => ({ path: `/check/${f.checkA}/download.json` }), status: row(303, 200, 404, 404, 404, 404) },
  'GET /check/:id/download.docx': { ask: (f) => ({ path: `/check/${f.checkA}/download.docx` }), status: row(303, 200, 404, 404, 404, 404) },
  'GET /check/:id/download.html': { ask: (f) => ({ path: `/check/${f.checkA}/download.html` }), status: row(303, 200, 404, 404, 404, 404) },
  'POST /check/:id/draft': { ask: (f) => ({ path: `/check/${f.checkA}/draft`, method: 'POST', form: {} }), status: row(303, 303, 404, 404, 404, 404) },
  'POST /api/check': { ask: { path: '/api/check', method: 'POST', json: { text: '不是年报' } }, status: signedIn(401, 422) },
  'POST /api/render': { ask: { path: '/api/render?format=json', method: 'POST', json: JSON.parse(reportText(ORGAN, 2023, 3)) }, status: signedIn(401, 200) },

  // ---------------------------------------------------------------- drafts: the organ's clerks and admins
  'GET /drafts': { ask: { path: '/drafts' }, status: row(303, 200, 200, 403, 403, 200) },
  'POST /drafts': {
    ask: (f) => ({ path: '/drafts', method: 'POST', form: { year: String(2040 + f.seq()), organ: ORGAN } }),
    status: row(303, 303, 303, 403, 403, 303),
  },
  'GET /drafts/:id': { ask: (f) => ({ path: `/drafts/${f.draftA}` }), status: row(303, 200, 403, 403, 403, 200) },
  'GET /drafts/:id/export.json': { ask: (f) => ({ path: `/drafts/${f.draftA}/export.json` }), status: row(303, 200, 403, 403, 403, 200) },
  'GET /drafts/:id/export.docx': { ask: (f) => ({ path: `/drafts/${f.draftA}/export.docx` }), status: row(303, 200, 403, 403, 403, 200) },
  'GET /drafts/:id/export.html': { ask: (f) => ({ path: `/drafts/${f.draftA}/export.html` }), status: row(303, 200, 403, 403, 403, 200) },
  'POST /drafts/:id/submit': { ask: (f) => ({ path: `/drafts/${f.draftA}/submit`, method: 'POST', form: {} }), status: row(303, 303, 403, 403, 403, 303) },
  'POST /drafts/:id/delete': {
    ask: async (f) => ({ path: `/drafts/${await freshDraft(f)}/delete`, method: 'POST', form: {} }),
    status: row(303, 303, 403, 403, 403, 303),
    then: async (f, who, _res, ask) => {
      const id = Number(/drafts\/(\d+)/.exec(ask.path)![1]);
      const left = await all(f.t.db, 'SELECT 1 FROM web_drafts WHERE id = $1', [id]);
      assert.equal(left.length, who === 'clerk' || who === 'admin' ? 0 : 1, `${who} deleting this organ's draft`);
    },
  },
  'GET /api/drafts': { ask: { path: '/api/drafts' }, status: row(401, 200, 200, 403, 403, 200) },
  'POST /api/drafts': { ask: (f) => ({ path: '/api/drafts', method: 'POST', json: { year: 2040 + f.seq(), organ: ORGAN } }), status: row(401, 201, 201, 403, 403, 201) },
  'GET /api/drafts/:id': { ask: (f) => ({ path: `/api/drafts/${f.draftA}` }), status: row(401, 200, 403, 403, 403, 200) },
  'PUT /api/drafts/:id': {
    ask: (f) => ({ path: `/api/drafts/${f.draftA}`, method: 'PUT', json: { report: JSON.parse(reportText(ORGAN, 2023, 4)) } }),
    status: row(401, 200, 403, 403, 403, 200),
  },
  'DELETE /api/drafts/:id': { ask: async (f) => ({ path: `/api/drafts/${await freshDraft(f)}`, method: 'DELETE' }), status: row(401, 204, 403, 403, 403, 204) },
  'GET /api/drafts/:id/export': { ask: (f) => ({ path: `/api/drafts/${f.draftA}/export?format=json` }), status: row(401, 200, 403, 403, 403, 200) },

  // ---------------------------------------------------------------- stored reports: the organ, its region's reviewers, admins
  'GET /reports/:id': { ask: (f) => ({ path: `/reports/${f.reportA}` }), status: row(303, 200, 404, 200, 404, 200) },
  'POST /reports/:id/review': {
    ask: (f) => ({ path: `/reports/${f.reportA}/review`, method: 'POST', form: { status: 'reviewed', comment: '好' } }),
    status: row(303, 403, 404, 303, 404, 303),
  },
  'GET /api/reports': { ask: { path: '/api/reports' }, status: signedIn(401, 200), then: onlyVisibleReports },
  'POST /api/reports': {
    ask: (_f, who) => ({ path: '/api/reports', method: 'POST', multipart: upload('r.json', reportText(ORGAN, 2010 + ROLES.indexOf(who), 70 + ROLES.indexOf(who))) }),
    // a clerk of another organ cannot file this organ's report: the one file is refused (422)
    status: row(401, 200, 422, 200, 200, 200),
  },
  'GET /api/reports/:id': { ask: (f) => ({ path: `/api/reports/${f.reportA}` }), status: row(401, 200, 404, 200, 404, 200) },
  'GET /api/reports/:id/findings': { ask: (f) => ({ path: `/api/reports/${f.reportA}/findings` }), status: row(401, 200, 404, 200, 404, 200) },
  'GET /api/reports/:id/export': { ask: (f) => ({ path: `/api/reports/${f.reportA}/export?format=json` }), status: row(401, 200, 404, 200, 404, 200) },
  'GET /api/reports/:id/reviews': { ask: (f) => ({ path: `/api/reports/${f.reportA}/reviews` }), status: row(401, 200, 404, 200, 404, 200) },
  'POST /api/reports/:id/reviews': {
    ask: (f) => ({ path: `/api/reports/${f.reportA}/reviews`, method: 'POST', json: { status: 'returned', comment: '请改' } }),
    status: row(401, 403, 404, 201, 404, 201),
  },

  // ---------------------------------------------------------------- review: reviewers (their region) and admins
  'GET /review': { ask: { path: '/review?year=2023' }, status: row(303, 403, 403, 200, 200, 200) },
  'GET /review/similar': { ask: (f) => ({ path: `/review/similar?a=${f.reportA}&b=${f.reportA2}` }), status: row(303, 403, 403, 200, 404, 200) },
  'GET /review/import': { ask: { path: '/review/import' }, status: row(303, 403, 403, 200, 200, 200) },
  'POST /review/import': {
    ask: (_f, who) => ({ path: '/review/import', method: 'POST', multipart: upload('r.json', reportText(ORGAN, 2000 + ROLES.indexOf(who), 90 + ROLES.indexOf(who))) }),
    status: row(303, 403, 403, 200, 200, 200),
  },
  'GET /api/review/overview': { ask: { path: '/api/review/overview?year=2023' }, status: row(401, 403, 403, 200, 200, 200) },
  'GET /api/review/rollup': { ask: { path: '/api/review/rollup?year=2023' }, status: row(401, 403, 403, 200, 200, 200) },
  'GET /api/review/trends': { ask: { path: '/api/review/trends' }, status: row(401, 403, 403, 200, 200, 200) },
  'GET /api/review/duplicates': { ask: { path: '/api/review/duplicates' }, status: row(401, 403, 403, 200, 200, 200) },
  'GET /api/regions': { ask: { path: '/api/regions' }, status: row(401, 403, 403, 200, 200, 200) },

  // ---------------------------------------------------------------- administration: admins only
  'GET /admin': { ask: { path: '/admin' }, status: row(303, 403, 403, 403, 403, 200) },
  'POST /admin/users': {
    ask: (f) => ({ path: '/admin/users', method: 'POST', form: { username: `new${f.seq()}`, role: 'clerk', scope: ORGAN, password: 'password-123' } }),
    status: row(303, 403, 403, 403, 403, 303),
  },
  'POST /admin/users/:id': {
    ask: async (f) => ({ path: `/admin/users/${await throwawayUser(f)}`, method: 'POST', form: { role: 'admin', scope: '' } }),
    status: row(303, 403, 403, 403, 403, 303),
    then: async (f, who, _res, ask) => {
      const id = Number(/users\/(\d+)/.exec(ask.path)![1]);
      const [{ role }] = await all<{ role: string }>(f.t.db, 'SELECT role FROM web_users WHERE id = $1', [id]);
      assert.equal(role, who === 'admin' ? 'admin' : 'clerk', `${who} promoting a user`);
    },
  },
  'POST /admin/organs': { ask: { path: '/admin/organs', method: 'POST', form: { organ: ORGAN, region: '宝山区' } }, status: row(303, 403, 403, 403, 403, 303) },
  'GET /api/users': { ask: { path: '/api/users' }, status: row(401, 403, 403, 403, 403, 200) },
  'POST /api/users': {
    ask: (f) => ({ path: '/api/users', method: 'POST', json: { username: `api${f.seq()}`, role: 'reviewer', region: '宝山区', password: 'password-123' } }),
    status: row(401, 403, 403, 403, 403, 201),
  },
  'PATCH /api/users/:id': { ask: async (f) => ({ path: `/api/users/${await throwawayUser(f)}`, method: 'PATCH', json: { role: 'admin' } }), status: row(401, 403, 403, 403, 403, 200) },
  'GET /api/backup': {
    ask: { path: '/api/backup' },
    status: row(401, 403, 403, 403, 403, 200),
    then: async (_f, who, res) => {
      if (who === 'admin') assert.equal(res.headers.get('content-type'), 'application/gzip');
    },
  },
  'PUT /api/organs/region': { ask: { path: '/api/organs/region', method: 'PUT', json: { organ: ORGAN, region: '宝山区' } }, status: row(401, 403, 403, 403, 403, 200) },

  // ---------------------------------------------------------------- the case ledger: the organ's clerks; admins read (masked); reviewers counts only
  'GET /cases': { ask: { path: '/cases' }, status: row(303, 200, 200, 403, 403, 200) },
  'GET /cases/new': { ask: { path: `/cases/new?organ=${encodeURIComponent(ORGAN)}` }, status: row(303, 200, 200, 403, 403, 403) },
  'POST /cases': {
    ask: { path: '/cases', method: 'POST', form: { channel: '当面', applicantType: '自然人', received: '2024-03-04', name: '李四', content: '某文件' } },
    status: row(303, 303, 303, 403, 403, 403),
  },
  'GET /cases/table3': { ask: { path: `/cases/table3?organ=${encodeURIComponent(ORGAN)}&year=2024` }, status: row(303, 200, 200, 403, 403, 200) },
  'POST /cases/table3': { ask: { path: '/cases/table3', method: 'POST', form: { year: '2024' } }, status: row(303, 303, 303, 403, 403, 403) },
  'GET /cases/import': { ask: { path: '/cases/import' }, status: row(303, 200, 200, 403, 403, 403) },
  'POST /cases/import': { ask: () => ({ path: '/cases/import', method: 'POST', multipart: csvOfCases() }), status: row(303, 200, 200, 403, 403, 403) },
  'GET /cases/export.csv': { ask: { path: `/cases/export.csv?organ=${encodeURIComponent(ORGAN)}` }, status: row(303, 200, 200, 403, 403, 200) },
  'GET /cases/export.xlsx': { ask: { path: `/cases/export.xlsx?organ=${encodeURIComponent(ORGAN)}` }, status: row(303, 200, 200, 403, 403, 200) },
  'GET /cases/deadlines.ics': { ask: { path: `/cases/deadlines.ics?organ=${encodeURIComponent(ORGAN)}` }, status: row(303, 200, 200, 403, 403, 200) },
  'GET /cases/:id{[0-9]+}': { ask: (f) => ({ path: `/cases/${f.caseA}` }), status: row(303, 200, 404, 403, 403, 200) },
  'POST /cases/:id{[0-9]+}/events': {
    ask: (f) => ({ path: `/cases/${f.caseA}/events`, method: 'POST', form: { kind: 'note', date: '2024-03-05', text: '电话沟通' } }),
    status: row(303, 303, 403, 403, 403, 403),
  },
  'GET /api/deadline': { ask: { path: '/api/deadline?received=2024-03-01' }, status: signedIn(401, 200) },
  'GET /api/cases': { ask: { path: `/api/cases?organ=${encodeURIComponent(ORGAN)}` }, status: row(401, 200, 200, 403, 403, 200) },
  'POST /api/cases': {
    ask: { path: '/api/cases', method: 'POST', json: { organ: ORGAN, channel: '当面', applicantType: '自然人', received: '2024-03-04', name: '王五', content: '某文件' } },
    status: row(401, 201, 201, 403, 403, 403),
  },
  'GET /api/cases/due': { ask: { path: `/api/cases/due?organ=${encodeURIComponent(ORGAN)}` }, status: row(401, 200, 200, 403, 403, 200) },
  'GET /api/cases/table3': { ask: { path: `/api/cases/table3?organ=${encodeURIComponent(ORGAN)}&year=2024` }, status: row(401, 200, 200, 200, 403, 200) },
  'GET /api/cases/:id{[0-9]+}': { ask: (f) => ({ path: `/api/cases/${f.caseA}` }), status: row(401, 200, 404, 404, 404, 200) },
  'POST /api/cases/:id{[0-9]+}/events': {
    ask: (f) => ({ path: `/api/cases/${f.caseA}/events`, method: 'POST', json: { kind: 'note', date: '2024-03-06', text: '补充说明' } }),
    status: row(401, 201, 404, 404, 404, 404),
  },

  // ---------------------------------------------------------------- organs: reviewers (their region) and admins correct them
  'GET /review/organs': {
    ask: { path: '/review/organs' },
    status: row(303, 403, 403, 200, 200, 200),
    then: async (_f, who, res) => {
      if (res.status !== 200) return;
      const html = await res.text();
      assert.equal(html.includes(ORGAN), who !== 'reviewerOther', `${who} listing this organ`);
      assert.equal(html.includes(OTHER_ORGAN), who !== 'reviewer', `${who} listing the other organ`);
    },
  },
  'GET /review/organs/:id': { ask: (f) => ({ path: `/review/organs/${f.organA}` }), status: row(303, 403, 403, 200, 404, 200) },
  'POST /review/organs/:id/region': {
    ask: async (f) => ({ path: `/review/organs/${await throwawayOrgan(f, 1)}/region`, method: 'POST', form: { region: '黑龙江省/双鸭山市/尖山区' } }),
    status: row(303, 403, 403, 303, 404, 303),
    then: async (f, who, _res, ask) => {
      const organ = await f.backend.reports!.organ!(`#${/organs\/(\d+)/.exec(ask.path)![1]}`);
      assert.equal(organ.regions.join('/') === '黑龙江省/双鸭山市/尖山区', who === 'reviewer' || who === 'admin', `${who} setting the region of this region's organ`);
    },
  },
  'POST /review/organs/:id/merge': {
    ask: async (f) => {
      const [into, from] = [await throwawayOrgan(f, 1), await throwawayOrgan(f, 1)];
      return { path: `/review/organs/${into}/merge`, method: 'POST', form: { from: String(from) } };
    },
    status: row(303, 403, 403, 303, 404, 303),
    then: async (f, who, _res, ask) => {
      const from = Number(ask.form!.from);
      const left = (await f.backend.reports!.organs()).some((x) => x.id === from);
      assert.equal(left, !(who === 'reviewer' || who === 'admin'), `${who} merging two organs of this region`);
    },
  },
  'POST /review/organs/:id/split': {
    // an organ whose reports were written under two names; the longer one is split off
    ask: async (f) => {
      const id = await throwawayOrgan(f, 2);
      const detail = await f.backend.reports!.organ!(`#${id}`);
      return { path: `/review/organs/${id}/split`, method: 'POST', form: { name: detail.names.map((n) => n.name).sort((a, b) => b.length - a.length)[0] } };
    },
    status: row(303, 403, 403, 303, 404, 303),
    then: async (f, who, _res, ask) => {
      const names = (await f.backend.reports!.organ!(`#${/organs\/(\d+)/.exec(ask.path)![1]}`)).names.length;
      assert.equal(names, who === 'reviewer' || who === 'admin' ? 1 : 2, `${who} splitting a name off this region's organ`);
    },
  },

  // ---------------------------------------------------------------- import by web address: every role, filing only where it may
  'GET /fetch': { ask: { path: '/fetch' }, status: signedIn(303, 200) },
  'POST /fetch': { ask: { path: '/fetch', method: 'POST', form: { addresses: UNREACHABLE } }, status: signedIn(303, 200) },
  'POST /fetch/pending/:id': {
    // each role confirms a report it fetched itself as this organ's: only who may file for this organ can
    ask: async (f, who) => ({ path: `/fetch/pending/${await pending(f, who === 'anon' ? 'clerk' : who)}`, method: 'POST', form: { organ: ORGAN } }),
    status: row(303, 200, 403, 200, 403, 200),
    then: async (f, who, _res, ask) => {
      const left = await all(f.t.db, 'SELECT 1 FROM fetch_pending WHERE id = $1', [Number(/pending\/(\d+)/.exec(ask.path)![1])]);
      assert.equal(left.length, ['clerk', 'reviewer', 'admin'].includes(who) ? 0 : 1, `${who} confirming a report of this organ`);
    },
  },
  'POST /fetch/pending/:id/discard': {
    ask: async (f) => ({ path: `/fetch/pending/${await pending(f, 'clerk')}/discard`, method: 'POST', form: {} }),
    status: row(303, 200, 404, 404, 404, 200),
    then: pendingGoneFor('clerk', 'admin'),
  },
  'POST /fetch/settings': {
    ask: { path: '/fetch/settings', method: 'POST', form: { perRequest: '20', perHour: '300', intervalMs: '1000', timeoutSeconds: '20', retries: '2' } },
    status: row(303, 403, 403, 403, 403, 200),
    then: fetchSettingSaved(300),
  },
  'POST /api/fetch': { ask: { path: '/api/fetch', method: 'POST', json: { addresses: [UNREACHABLE] } }, status: signedIn(401, 200) },
  'GET /api/fetch/pending': {
    ask: { path: '/api/fetch/pending' },
    status: signedIn(401, 200),
    then: async (f, who, res) => {
      if (res.status !== 200) return;
      const ids = ((await res.json()) as { pending: { id: number }[] }).pending.map((p) => p.id);
      assert.equal(ids.includes(f.pendingA), who === 'clerk' || who === 'admin', `${who} seeing the clerk's pending report`);
    },
  },
  'POST /api/fetch/pending/:id': {
    ask: async (f) => ({ path: `/api/fetch/pending/${await pending(f, 'clerk')}`, method: 'POST', json: { organ: ORGAN } }),
    status: row(401, 200, 404, 404, 404, 200),
    then: pendingGoneFor('clerk', 'admin'),
  },
  'DELETE /api/fetch/pending/:id': {
    ask: async (f) => ({ path: `/api/fetch/pending/${await pending(f, 'clerk')}`, method: 'DELETE' }),
    status: row(401, 204, 404, 404, 404, 204),
    then: pendingGoneFor('clerk', 'admin'),
  },
  'GET /api/fetch/published': {
    ask: { path: '/api/fetch/published' },
    status: signedIn(401, 200),
    then: async (_f, who, res) => {
      if (res.status !== 200) return;
      const organs = new Set(((await res.json()) as { reports: { organ: string }[] }).reports.map((r) => r.organ));
      assert.equal(organs.has(ORGAN), ['clerk', 'reviewer', 'admin'].includes(who), `${who} seeing this organ's publication date`);
      assert.equal(organs.has(OTHER_ORGAN), ['clerkOther', 'reviewerOther', 'admin'].includes(who), `${who} seeing the other organ's publication date`);
    },
  },
  'GET /api/fetch/settings': { ask: { path: '/api/fetch/settings' }, status: row(401, 403, 403, 403, 403, 200) },
  'PUT /api/fetch/settings': { ask: { path: '/api/fetch/settings', method: 'PUT', json: { perHour: 400 } }, status: row(401, 403, 403, 403, 403, 200), then: fetchSettingSaved(400) },

  // ---------------------------------------------------------------- the 主动公开 register: the organ's clerks write; its region's reviewers read; admins all
  'GET /register': {
    // a clerk of another organ is shown the own organ's register, whatever organ is asked for
    ask: { path: `/register?organ=${o}&year=2023` },
    status: row(303, 200, 200, 200, 403, 200),
    then: shows(DOC_TITLE, 'clerk', 'reviewer', 'admin'),
  },
  'POST /register/documents': {
    ask: (f) => ({ path: `/register/documents?organ=${o}`, method: 'POST', form: newDocument(f) }),
    status: row(303, 303, 303, 403, 403, 303),
    then: documentFiledUnder(),
  },
  'GET /register/documents/:id{[0-9]+}': { ask: (f) => ({ path: `/register/documents/${f.docA}` }), status: row(303, 200, 404, 200, 404, 200) },
  'POST /register/documents/:id{[0-9]+}': {
    // the same fields again: the document stays as it was
    ask: (f) => ({ path: `/register/documents/${f.docA}`, method: 'POST', form: docFields }),
    status: row(303, 303, 403, 403, 403, 303),
  },
  'POST /register/documents/:id{[0-9]+}/delete': {
    ask: async (f) => ({ path: `/register/documents/${await registerDoc(f)}/delete`, method: 'POST', form: {} }),
    status: row(303, 303, 403, 403, 403, 303),
    then: documentGoneFor('clerk', 'admin'),
  },
  'POST /register/counts': {
    ask: { path: '/register/counts', method: 'POST', form: { organ: ORGAN, year: '2023', licensing: '3', penalty: '1', coercion: '0', feesAmount: '0' } },
    status: row(303, 303, 303, 403, 403, 303),
  },
  'POST /register/import': { ask: () => ({ path: `/register/import?organ=${o}`, method: 'POST', multipart: registerCsv() }), status: row(303, 200, 200, 403, 403, 200) },
  // a clerk writes the own organ's draft; others write drafts through the API
  'POST /register/draft': { ask: { path: '/register/draft', method: 'POST', form: { year: '2024' } }, status: row(303, 303, 303, 403, 403, 403) },
  'GET /register/export.csv': { ask: { path: `/register/export.csv?organ=${o}` }, status: row(303, 200, 200, 200, 403, 200), then: shows(DOC_TITLE, 'clerk', 'reviewer', 'admin') },
  'GET /register/export.xlsx': { ask: { path: `/register/export.xlsx?organ=${o}` }, status: row(303, 200, 200, 200, 403, 200) },
  'GET /api/register/documents': {
    ask: { path: `/api/register/documents?organ=${o}` },
    status: row(401, 200, 200, 200, 403, 200),
    then: shows(DOC_TITLE, 'clerk', 'reviewer', 'admin'),
  },
  'POST /api/register/documents': {
    ask: (f) => ({ path: '/api/register/documents', method: 'POST', json: { ...newDocument(f), organ: ORGAN } }),
    status: row(401, 201, 201, 403, 403, 201),
    then: documentFiledUnder(),
  },
  'GET /api/register/documents/:id{[0-9]+}': { ask: (f) => ({ path: `/api/register/documents/${f.docA}` }), status: row(401, 200, 404, 200, 404, 200) },
  'PUT /api/register/documents/:id{[0-9]+}': { ask: (f) => ({ path: `/api/register/documents/${f.docA}`, method: 'PUT', json: docFields }), status: row(401, 200, 403, 403, 403, 200) },
  'DELETE /api/register/documents/:id{[0-9]+}': {
    ask: async (f) => ({ path: `/api/register/documents/${await registerDoc(f)}`, method: 'DELETE' }),
    status: row(401, 204, 403, 403, 403, 204),
    then: documentGoneFor('clerk', 'admin'),
  },
  'POST /api/register/import': { ask: () => ({ path: `/api/register/import?organ=${o}`, method: 'POST', multipart: registerCsv() }), status: row(401, 200, 200, 403, 403, 200) },
  'GET /api/register/counts': { ask: { path: `/api/register/counts?organ=${o}` }, status: row(401, 200, 200, 200, 403, 200) },
  'PUT /api/register/counts': {
    ask: { path: '/api/register/counts', method: 'PUT', json: { organ: ORGAN, year: 2023, licensing: 3, penalty: 1, coercion: 0, feesAmount: 0 } },
    status: row(401, 200, 200, 403, 403, 200),
  },
  'GET /api/register/table2': { ask: { path: `/api/register/table2?organ=${o}&year=2023` }, status: row(401, 200, 200, 200, 403, 200) },
  'POST /api/register/draft': { ask: { path: '/api/register/draft', method: 'POST', json: { organ: ORGAN, year: 2024 } }, status: row(401, 201, 201, 403, 403, 201) },

  // ---------------------------------------------------------------- publication calendar and 政府汇总: reviewers (their region) and admins
  'GET /calendar': { ask: { path: '/calendar?year=2023' }, status: row(303, 403, 403, 200, 200, 200), then: regionOnly },
  'GET /calendar/remind.csv': { ask: { path: '/calendar/remind.csv?year=2023' }, status: row(303, 403, 403, 200, 200, 200) },
  'GET /calendar/remind.xlsx': { ask: { path: '/calendar/remind.xlsx?year=2023' }, status: row(303, 403, 403, 200, 200, 200) },
  'GET /calendar/export.csv': { ask: { path: '/calendar/export.csv?year=2023' }, status: row(303, 403, 403, 200, 200, 200), then: regionOnly },
  'GET /calendar/export.xlsx': { ask: { path: '/calendar/export.xlsx?year=2023' }, status: row(303, 403, 403, 200, 200, 200) },
  'POST /calendar/kind': {
    ask: { path: '/calendar/kind', method: 'POST', form: { organ: ORGAN, kind: 'township', back: '/calendar?year=2023' } },
    status: row(303, 403, 403, 303, 403, 303),
  },
  'POST /calendar/published': {
    ask: { path: '/calendar/published', method: 'POST', form: { organ: ORGAN, year: '2023', date: '2024-01-20', back: '/calendar?year=2023' } },
    status: row(303, 403, 403, 303, 403, 303),
  },
  'GET /rollup': { ask: { path: `/rollup?government=${g}&year=2023` }, status: row(303, 403, 403, 200, 403, 200) },
  'GET /rollup/draft.docx': { ask: { path: `/rollup/draft.docx?government=${g}&year=2023` }, status: row(303, 403, 403, 200, 403, 200) },
  'POST /rollup/draft': { ask: { path: '/rollup/draft', method: 'POST', form: { government: GOVERNMENT, year: '2023' } }, status: row(303, 403, 403, 303, 403, 303) },
  'GET /api/calendar': { ask: { path: '/api/calendar?year=2023' }, status: row(401, 403, 403, 200, 200, 200), then: regionOnly },
  'GET /api/calendar/remind': { ask: { path: '/api/calendar/remind?year=2023' }, status: row(401, 403, 403, 200, 200, 200) },
  'PUT /api/organs/kind': { ask: { path: '/api/organs/kind', method: 'PUT', json: { organ: ORGAN, kind: 'township' } }, status: row(401, 403, 403, 200, 403, 200) },
  'PUT /api/calendar/published': {
    ask: { path: '/api/calendar/published', method: 'PUT', json: { organ: ORGAN, year: 2023, date: '2024-01-20' } },
    status: row(401, 403, 403, 200, 403, 200),
  },
  'GET /api/rollup-report': { ask: { path: `/api/rollup-report?government=${g}&year=2023` }, status: row(401, 403, 403, 200, 403, 200) },
};

// ---------------------------------------------------------------- fixtures

let f: Fixtures;
const clients = new Map<Who, Client>();

function pw(fx: Fixtures, who: Who): string {
  return fx.t.users[ACCOUNTS[who as Exclude<Who, 'anon'>][0]].password;
}

async function tokenOf(fx: Fixtures, who: Exclude<Who, 'anon'>) {
  return createApiToken(fx.t.db, fx.t.users[ACCOUNTS[who][0]].id, 'matrix');
}

async function freshDraft(fx: Fixtures): Promise<number> {
  const d = await createDraft(fx.t.db as never, ORGAN, 1900 + fx.seq(), generateReport({ seed: 5, layout: '2021', year: 2023, agency: ORGAN }), null as never);
  return d.id;
}

async function throwawayUser(fx: Fixtures): Promise<number> {
  return (await createUser(fx.t.db, { username: `tmp${fx.seq()}`, role: 'clerk', organ: ORGAN, password: 'password-123' })).id;
}

/** A new organ of this region, its reports written under one name or under two (with and without the city). */
async function throwawayOrgan(fx: Fixtures, names: 1 | 2): Promise<number> {
  const n = fx.seq();
  const short = `宝山区试${n}局`;
  const spellings = names === 1 ? [short] : [short, `双鸭山市${short}`];
  let organ = '';
  for (const [i, name] of spellings.entries()) {
    organ = (await fx.backend.reports!.importFile(new TextEncoder().encode(reportText(name, 2022 + i, 300 + n)), `${name}.json`)).organ;
  }
  return (await fx.backend.reports!.organ!(organ)).id;
}

/** A report of this organ fetched by `owner` and waiting for them to confirm its organ. */
async function pending(fx: Fixtures, owner: Exclude<Who, 'anon'>): Promise<number> {
  const n = fx.seq();
  const address = `http://www.example.gov.cn/ndbg/${n}.json`;
  const [row] = await all<{ id: number }>(
    fx.t.db,
    `INSERT INTO fetch_pending (user_id, address, source_url, source_page, name, content, sha256, published_on, fetched_at, agency, year, candidates)
     VALUES ($1, $2, $2, $2, $3, $4, $5, '2024-01-25', now(), $6, 2016, $7) RETURNING id`,
    [
      fx.t.users[ACCOUNTS[owner][0]].id, address, `${n}.json`, Buffer.from(reportText(ORGAN, 2016, 400 + n)), `sha-${n}`, ORGAN,
      JSON.stringify([{ organ: ORGAN, region: REGION_PATH, confidence: 0.6, basis: '名称相近', known: true }]),
    ],
  );
  return Number(row.id);
}

function pendingGoneFor(...allowed: Who[]) {
  return async (fx: Fixtures, who: Who, _res: Response, ask: Ask) => {
    const left = await all(fx.t.db, 'SELECT 1 FROM fetch_pending WHERE id = $1', [Number(/pending\/(\d+)/.exec(ask.path)![1])]);
    assert.equal(left.length, allowed.includes(who) ? 0 : 1, `${who} answering the clerk's pending report`);
  };
}

function fetchSettingSaved(perHour: number) {
  return async (fx: Fixtures, who: Who) => {
    assert.equal((await loadFetchSettings(fx.t.db)).perHour === perHour, who === 'admin', `${who} changing the fetch settings`);
  };
}

/** The answer names `text` for these roles and for no others. */
function shows(text: string, ...allowed: Who[]) {
  return async (_fx: Fixtures, who: Who, res: Response) => {
    if (res.status !== 200) return;
    assert.equal((await res.text()).includes(text), allowed.includes(who), `${who} shown “${text}”`);
  };
}

/** This region's units for its reviewer, the other region's for the other, every region for an admin. */
async function regionOnly(_fx: Fixtures, who: Who, res: Response) {
  if (res.status !== 200) return;
  const text = await res.text();
  assert.equal(text.includes(ORGAN), who !== 'reviewerOther', `${who} shown this organ`);
  assert.equal(text.includes(OTHER_ORGAN), who !== 'reviewer', `${who} shown the other organ`);
}

async function registerDoc(fx: Fixtures): Promise<string> {
  const d = await new Register(fx.t.db as unknown as RegisterDb).addDocument(
    { name: 'test', role: 'operator' },
    { ...docFields, organ: ORGAN, kind: 'normative', docNo: '', title: `待删文件${fx.seq()}`, endKind: null, endedOn: null, amendedOn: null, replaces: null, note: null },
  );
  return d.id;
}

function documentGoneFor(...allowed: Who[]) {
  return async (fx: Fixtures, who: Who, _res: Response, ask: Ask) => {
    const left = await all(fx.t.db, 'SELECT 1 FROM register_documents WHERE id = $1', [Number(/documents\/(\d+)/.exec(ask.path)![1])]);
    assert.equal(left.length, allowed.includes(who) ? 0 : 1, `${who} deleting this organ's document`);
  };
}

/** A new document lands in this organ's register (clerk, admin), the own organ's (other clerk) or nowhere. */
function documentFiledUnder() {
  return async (fx: Fixtures, who: Who, _res: Response, ask: Ask) => {
    const title = (ask.form ?? (ask.json as Record<string, string>)).title;
    const rows = await all<{ organ: string }>(fx.t.db, 'SELECT organ FROM register_documents WHERE title = $1', [title]);
    const expected = who === 'clerk' || who === 'admin' ? [ORGAN] : who === 'clerkOther' ? [OTHER_ORGAN] : [];
    assert.deepEqual(rows.map((r) => r.organ), expected, `${who} adding a document to this organ's register`);
  };
}

async function onlyVisibleReports(_fx: Fixtures, who: Who, res: Response) {
  if (res.status !== 200) return;
  const organs = new Set(((await res.json()) as { reports: { organ: string }[] }).reports.map((r) => r.organ));
  if (who === 'clerk' || who === 'reviewer') assert.deepEqual([...organs], [ORGAN], `${who} sees this organ only`);
  if (who === 'clerkOther' || who === 'reviewerOther') assert.ok(!organs.has(ORGAN), `${who} does not see this organ`);
  if (who === 'admin') assert.ok(organs.has(ORGAN) && organs.has(OTHER_ORGAN), 'an admin sees every organ');
}

async function login(who: Who): Promise<Client | undefined> {
  if (who === 'anon') return undefined;
  const c = await f.t.login(ACCOUNTS[who][0]);
  assert.equal(c.status, 303, `${who} logs in`);
  return c;
}

async function send(client: Client | undefined, ask: Ask): Promise<Response> {
  const init: RequestInit & { headers: Record<string, string> } = { method: ask.method ?? 'GET', headers: {} };
  if (ask.form) {
    init.headers['content-type'] = 'application/x-www-form-urlencoded';
    init.body = new URLSearchParams(ask.form).toString();
  } else if (ask.json !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(ask.json);
  } else if (ask.multipart) init.body = ask.multipart;
  return client ? client.request(ask.path, init) : f.t.app.request(ask.path, init);
}

before(async () => {
  const backend = await storeRepo({ dataDir: 'memory://' });
  const t = await testApp({ db: backend.db, reports: backend.reports });
  for (const [, [name, role, scope]] of Object.entries(ACCOUNTS)) await t.user(name, role, scope);
  const imported = [];
  for (const [organ, year, seed] of [[ORGAN, 2023, 1], [ORGAN, 2022, 2], [OTHER_ORGAN, 2023, 3]] as const) {
    imported.push(await backend.reports!.importFile(new TextEncoder().encode(reportText(organ, year, seed)), `${organ}${year}.json`));
  }
  await backend.reports!.setOrganRegion!(ORGAN, REGION_PATH);
  await backend.reports!.setOrganRegion!(OTHER_ORGAN, '河南省/新乡市/牧野区');
  // both organs' reports as fetched from their portals, with the date the page gives
  for (const r of [imported[0], imported[2]]) {
    await recordSource(backend.db as never, r.id, { url: `http://www.example.gov.cn/${r.id}.pdf`, page: 'http://www.example.gov.cn/ndbg/', fetchedAt: '2024-02-01T00:00:00Z', published: '2024-01-25' });
  }
  const doc = await new Register(backend.db as unknown as RegisterDb).addDocument(
    { name: 'test', role: 'operator' },
    { ...docFields, organ: ORGAN, kind: 'normative', endKind: null, endedOn: null, amendedOn: null, replaces: null, note: null },
  );
  const draft = await createDraft(backend.db as never, ORGAN, 2023, generateReport({ seed: 11, layout: '2021', year: 2023, agency: ORGAN }), null as never);
  const ledger = new Ledger(backend.db as unknown as LedgerDb);
  const made = await ledger.createCase({ name: 'test', role: 'operator' }, {
    organ: ORGAN,
    channel: 'inPerson',
    submittedOn: '2024-03-01',
    applicant: { type: 'natural', name: '张三', idNumber: null, phone: null, address: null, email: null },
    content: '某某文件',
    form: null,
  });
  let n = 0;
  f = {
    t, backend, reportA: imported[0].id, reportA2: imported[1].id, draftA: draft.id, caseA: String(made.record.id), checkA: '', seq: () => ++n,
    organA: (await backend.reports!.organ!(ORGAN)).id, docA: doc.id, pendingA: 0,
  };
  f.pendingA = await pending(f, 'clerk');
  for (const who of ROLES) {
    const c = await login(who);
    if (c) clients.set(who, c);
  }
  // a check result of this organ's clerk, for a year without a draft
  const checked = await send(clients.get('clerk'), { path: '/check', method: 'POST', multipart: upload('c.json', reportText(ORGAN, 2021, 21)) });
  assert.equal(checked.status, 303);
  f.checkA = /\/check\/([^/?]+)/.exec(checked.headers.get('location')!)![1];
});

after(async () => {
  await f?.backend.close();
});

/** `GET /api/drafts/:id` for a route table path `/api/drafts/{id}` of the OpenAPI document. */
function fromOpenapi(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
const bare = (key: string) => key.replace(/\{\[[^}]*\]\+?\}/g, '');

test('every route of the app and of the OpenAPI document has an access expectation, and every expectation a route', () => {
  const routes = new Set<string>();
  for (const r of f.t.app.routes) if (r.method !== 'ALL') routes.add(`${r.method} ${r.path}`);
  const doc = openapiDocument() as { paths: Record<string, Record<string, unknown>> };
  const documented = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths)) for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${fromOpenapi(path)}`);
  const expected = new Set(Object.keys(EXPECTATIONS));
  const missing = [...routes, ...documented].filter((k) => !expected.has(k) && ![...expected].some((e) => bare(e) === k));
  assert.deepEqual(missing, [], 'routes without an access expectation (add them to EXPECTATIONS)');
  const gone = [...expected].filter((k) => !routes.has(k));
  assert.deepEqual(gone, [], 'expectations of routes that no longer exist');
  const apiRoutes = [...routes].filter((k) => k.split(' ')[1].startsWith('/api/') && !['GET /api/docs', 'GET /api/openapi.json'].includes(k));
  const undocumented = apiRoutes.filter((k) => !documented.has(bare(k)));
  assert.deepEqual(undocumented, [], 'API routes missing from the OpenAPI document');
  const phantom = [...documented].filter((k) => !routes.has(k) && ![...routes].some((r) => bare(r) === k));
  assert.deepEqual(phantom, [], 'OpenAPI operations without a route');
});

test('each role gets the status written down for each route', async () => {
  const wrong: string[] = [];
  for (const [route, e] of Object.entries(EXPECTATIONS)) {
    for (const who of ROLES) {
      const client = e.fresh ? await login(who) : clients.get(who);
      const ask = typeof e.ask === 'function' ? await e.ask(f, who) : e.ask;
      const res = await send(client, ask);
      if (res.status !== e.status[who]) wrong.push(`${route} as ${who}: ${res.status}, expected ${e.status[who]}`);
      else if (e.then) await e.then(f, who, res, ask);
      if (!res.bodyUsed) await res.arrayBuffer();
      // ending sessions (password change, log out everywhere) ends the role's standing session too
      if (e.fresh && who !== 'anon') clients.set(who, (await login(who))!);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the API answers a token as it answers the session of the same user', async () => {
  // a sample of the matrix through Authorization: Bearer — the same user, the same answer
  const sample = [
    'GET /api/drafts/:id', 'GET /api/reports/:id', 'GET /api/review/overview', 'GET /api/users', 'GET /api/cases/:id{[0-9]+}',
    'GET /api/register/documents/:id{[0-9]+}', 'GET /api/calendar', 'GET /api/rollup-report', 'GET /api/fetch/settings',
  ];
  for (const who of ROLES.filter((w): w is Exclude<Who, 'anon'> => w !== 'anon')) {
    const { token } = await tokenOf(f, who);
    assert.ok(await userForApiToken(f.t.db, token));
    for (const route of sample) {
      const e = EXPECTATIONS[route];
      const ask = typeof e.ask === 'function' ? await e.ask(f, who) : e.ask;
      const res = await f.t.app.request(ask.path, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, e.status[who], `${route} as ${who} with a token`);
    }
  }
});

test('a reviewer without a region is shown no region’s calendar, overview, roll-up or trends', async () => {
  // an administrator can turn a clerk into a reviewer, or blank a reviewer's region through the API:
  // no region must not mean every region
  await f.t.user('noregion', 'reviewer');
  await createUser(f.t.db, { username: 'blankregion', role: 'reviewer', region: ' ', password: 'password-123' });
  for (const [name, password] of [['noregion', undefined], ['blankregion', 'password-123']] as const) {
    const c = await f.t.login(name, password);
    assert.equal(c.status, 303);
    for (const path of ['/calendar?year=2023', '/calendar/export.csv?year=2023', '/api/calendar?year=2023', '/api/calendar/remind?year=2023']) {
      const res = await c.request(path);
      assert.equal(res.status, 403, `${name} ${path}`);
      assert.ok(!(await res.text()).includes(ORGAN), `${name} ${path}`);
    }
    for (const path of ['/review?year=2023', '/api/review/overview?year=2023', '/api/review/rollup?year=2023', '/api/review/trends', '/api/review/duplicates?year=2023']) {
      const res = await c.request(path);
      assert.ok(!(await res.text()).includes(ORGAN), `${name} ${path}: ${res.status}`);
    }
  }
});
