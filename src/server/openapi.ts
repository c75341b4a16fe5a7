/** The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json. */
import { z } from 'zod';
import { reportSchema } from '../model/report.js';
import { findingSchema } from '../model/findings.js';
import { REGISTER_OPS } from './openapi-register.js';

export type Op = {
  summary: string;
  description?: string;
  tags: string[];
  params?: { name: string; in: 'query' | 'path'; required?: boolean; schema: object; description?: string }[];
  body?: 'json' | 'multipart' | 'report' | 'check';
  bodySchema?: object;
  responses?: Record<string, string>;
  binary?: boolean;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = (desc = '编号') => ({ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' }, description: desc });
const q = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query' as const, schema, description });
const formatParam = q('format', '导出格式', { type: 'string', enum: ['docx', 'html', 'json'], default: 'docx' });

const OPS: Record<string, Record<string, Op>> = {
  '/api/me': { get: { summary: '当前用户', tags: ['账号'], description: '返回当前用户；用会话登录时还返回 csrf（写操作须放在 X-CSRF-Token 请求头）。' } },
  '/api/check': {
    post: {
      summary: '核查报告（不入库）',
      tags: ['核查'],
      description:
        '三种请求体：multipart/form-data（字段 files 可多个，字段 text 为粘贴的全文）；JSON {"text": "…"}；JSON 形式的报告（nianbao/report@1，或 {"report": …}）。返回 nianbao/findings@1，每份报告附解析出的 report。',
      body: 'check',
      responses: { '200': '核查结果', '413': '文件过大或过多', '422': '没有一份能读取' },
    },
  },
  '/api/render': {
    post: { summary: '把报告 JSON 生成 Word / 网页', tags: ['核查'], params: [formatParam], body: 'report', binary: true },
  },
  '/api/drafts': {
    get: { summary: '草稿列表', tags: ['填报'], description: '填报人只看到本机关的草稿。' },
    post: {
      summary: '新建草稿（或取回已有的）',
      tags: ['填报'],
      body: 'json',
      bodySchema: {
        type: 'object',
        required: ['year'],
        properties: { year: { type: 'integer' }, organ: { type: 'string', description: '仅管理员；填报人总是本机关' }, fromPrevious: { type: 'boolean', default: true, description: '从上年报告开始：上年结转取上年的结转下年度' } },
      },
      responses: { '201': '已新建', '200': '已有草稿' },
    },
  },
  '/api/drafts/{id}': {
    get: { summary: '草稿及其核查结果', tags: ['填报'], params: [idParam()] },
    put: {
      summary: '保存草稿',
      tags: ['填报'],
      params: [idParam()],
      body: 'json',
      bodySchema: { type: 'object', required: ['report'], properties: { report: ref('Report'), version: { type: 'integer', description: '读取时的版本号；他人已保存时返回 409' } } },
      responses: { '200': '已保存，附核查结果', '409': '版本冲突', '422': '不是合法的报告 JSON' },
    },
    delete: { summary: '删除草稿', tags: ['填报'], params: [idParam()], responses: { '204': '已删除' } },
  },
  '/api/drafts/{id}/export': { get: { summary: '导出草稿', tags: ['填报'], params: [idParam(), formatParam], binary: true } },
  '/api/reports': {
    get: { summary: '报告库中的报告', tags: ['报告库'], params: [q('region', '地区'), q('organ', '机关'), q('year', '年度', { type: 'integer' })] },
    post: {
      summary: '报送 / 导入报告',
      tags: ['报告库'],
      description: 'multipart/form-data，字段 files 可多个。同一文件重复导入得到同一份报告。填报人只能报送本机关的报告。',
      body: 'multipart',
    },
  },
  '/api/reports/{id}': { get: { summary: '一份报告：内容、核查结果、审阅记录', tags: ['报告库'], params: [idParam()] } },
  '/api/reports/{id}/findings': { get: { summary: '一份报告的核查结果（nianbao/findings@1）', tags: ['报告库'], params: [idParam()] } },
  '/api/reports/{id}/export': { get: { summary: '导出报告', tags: ['报告库'], params: [idParam(), formatParam], binary: true } },
  '/api/reports/{id}/reviews': {
    get: { summary: '审阅记录', tags: ['审阅'], params: [idParam()] },
    post: {
      summary: '登记审阅',
      tags: ['审阅'],
      params: [idParam()],
      body: 'json',
      bodySchema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['reviewed', 'returned'] }, comment: { type: 'string', maxLength: 4000 } } },
      description: '审阅记在“机关 + 年度”上，重新导入、重新核查后仍然保留。',
    },
  },
  '/api/review/overview': {
    get: { summary: '地区、年度的报送与核查概况', tags: ['审阅'], params: [q('region', '地区（审阅人总是本地区）'), q('year', '年度', { type: 'integer' }), q('status', 'missing|errors|warnings|clean|duplicates|unreviewed|reviewed'), q('q', '机关名称关键字')] },
  },
  '/api/review/rollup': { get: { summary: '地区汇总表', tags: ['审阅'], params: [q('region', '地区'), q('year', '年度', { type: 'integer' })] } },
  '/api/review/trends': { get: { summary: '历年趋势', tags: ['审阅'], params: [q('region', '地区')] } },
  '/api/review/duplicates': { get: { summary: '内容雷同的报告对及雷同段落', tags: ['审阅'], params: [q('region', '地区'), q('year', '年度', { type: 'integer' })] } },
  '/api/tokens': {
    get: { summary: '我的接口令牌', tags: ['账号'] },
    post: { summary: '新建接口令牌（只返回一次）', tags: ['账号'], body: 'json', bodySchema: { type: 'object', properties: { name: { type: 'string' } } } },
  },
  '/api/sessions': {
    get: { summary: '我的登录会话', tags: ['账号'], description: 'current 标出本次请求所用的会话。' },
    delete: { summary: '退出所有设备的登录', tags: ['账号'], description: '结束本账号的全部会话（含本浏览器）；接口令牌不受影响，须逐个撤销。返回结束的会话数 ended。' },
  },
  '/api/tokens/{id}': { delete: { summary: '撤销接口令牌', tags: ['账号'], params: [idParam()] } },
  '/api/users': {
    get: { summary: '用户列表（管理员）', tags: ['管理'] },
    post: {
      summary: '新建用户（管理员）',
      tags: ['管理'],
      body: 'json',
      bodySchema: {
        type: 'object',
        required: ['username', 'role', 'password'],
        properties: { username: { type: 'string' }, displayName: { type: 'string' }, role: { type: 'string', enum: ['admin', 'reviewer', 'clerk'] }, organ: { type: 'string' }, region: { type: 'string' }, password: { type: 'string', minLength: 8 } },
      },
    },
  },
  '/api/users/{id}': {
    patch: {
      summary: '修改用户（管理员）',
      tags: ['管理'],
      params: [idParam()],
      body: 'json',
      bodySchema: { type: 'object', properties: { displayName: { type: 'string' }, role: { type: 'string', enum: ['admin', 'reviewer', 'clerk'] }, organ: { type: 'string' }, region: { type: 'string' }, disabled: { type: 'boolean' }, password: { type: 'string' } } },
    },
  },
  '/api/fetch': {
    post: {
      summary: '按网址导入：获取网页上的年度报告并入库',
      tags: ['报告库'],
      description:
        '网址可以是文章页（正文即报告，或附有 PDF、Word、ZIP 附件）、报告文件本身，或“政府信息公开年报”栏目页（自动翻页）。找到的报告经读取、核查后入库，记下网址、获取时间和页面上的发布日期；已获取过的网址不再获取。机关把握不足的报告不入库，返回 pendingId，待确认。只接受 http(s)；内部网络地址默认拒绝（管理员可在设置中允许）。每次、每小时的网址数有上限。',
      body: 'json',
      bodySchema: {
        type: 'object',
        required: ['addresses'],
        properties: {
          addresses: { oneOf: [{ type: 'array', items: { type: 'string', format: 'uri' } }, { type: 'string', description: '每行一个网址' }] },
          years: { type: 'array', items: { type: 'integer' }, description: '只要这些年度的报告' },
          column: { type: 'boolean', description: '这些网址都是栏目页' },
        },
      },
      responses: { '200': '每个网址的结果（outcome：imported、duplicate、done-before、skipped、column、unconfirmed、failed，附 reason）与汇总', '400': '网址为空或超过每次上限', '429': '超过每小时上限，或上一批尚未完成' },
    },
  },
  '/api/fetch/pending': { get: { summary: '待确认机关的报告', tags: ['报告库'], description: '本人提交的（管理员看全部），每份附候选机关及把握。' } },
  '/api/fetch/pending/{id}': {
    post: { summary: '确认机关并入库', tags: ['报告库'], params: [idParam()], body: 'json', bodySchema: { type: 'object', required: ['organ'], properties: { organ: { type: 'string', description: '候选之一或其他机关全称' } } }, responses: { '200': '已入库', '403': '无权导入该机关的报告', '404': '没有这份待确认的报告' } },
    delete: { summary: '放弃待确认的报告', tags: ['报告库'], params: [idParam()], responses: { '204': '已放弃' } },
  },
  '/api/fetch/published': {
    get: { summary: '报告的发布日期（发布日历）', tags: ['报告库'], params: [q('year', '报告年度', { type: 'integer' })], description: '从网站获取的报告及其页面上写明的发布日期（published，YYYY-MM-DD）、来源网址，按发布日期排列；只列当前用户能看到的报告。' },
  },
  '/api/fetch/settings': {
    get: { summary: '获取设置（管理员）', tags: ['管理'] },
    put: {
      summary: '修改获取设置（管理员）',
      tags: ['管理'],
      body: 'json',
      bodySchema: {
        type: 'object',
        properties: {
          allowInternal: { type: 'boolean', description: '允许内部网络地址（默认 false）' },
          allowHosts: { type: 'array', items: { type: 'string' }, description: '逐个允许的内网主机（主机名或 主机名:端口）' },
          perRequest: { type: 'integer', minimum: 1, maximum: 500 },
          perHour: { type: 'integer', minimum: 1 },
          intervalMs: { type: 'integer', minimum: 0, maximum: 60000, description: '同一网站两次请求的最小间隔' },
          timeoutSeconds: { type: 'integer', minimum: 1, maximum: 300 },
          retries: { type: 'integer', minimum: 0, maximum: 5 },
        },
      },
    },
  },
  '/api/deadline': {
    get: {
      summary: '依申请公开答复期限计算',
      tags: ['台账'],
      params: [q('received', '收到申请之日 YYYY-MM-DD'), q('extend', '延长的工作日数（可多个）', { type: 'integer' }), q('pause', '暂停区间 起:止（可多个）'), q('restart', '重新起算之日')],
      responses: { '200': '答复期限及推算步骤', '422': '日期有误' },
    },
  },
  '/api/cases': {
    get: {
      summary: '依申请公开台账：案件列表',
      tags: ['台账'],
      description: '填报人只看本机关的案件；管理员看到的个人信息已遮盖；审阅人无权查看案件。reveal=1 时（仅本机关填报人）显示完整个人信息，并记入审计。',
      params: [q('organ', '机关（填报人总是本机关）'), q('status', 'open|waitingApplicant|paused|closed|unclosed'), q('year', '年度', { type: 'integer' }), q('q', '关键字'), q('reveal', '1 显示完整个人信息'), q('limit', '条数', { type: 'integer' }), q('offset', '起始', { type: 'integer' })],
    },
    post: { summary: '登记申请（仅本机关填报人）', tags: ['台账'], body: 'json', responses: { '201': '已登记', '422': '内容有误' } },
  },
  '/api/cases/due': { get: { summary: '临近期限和逾期的案件', tags: ['台账'], params: [q('organ', '机关'), q('today', '以哪天为今天'), q('within', '几个工作日内到期', { type: 'integer' })] } },
  '/api/cases/table3': {
    get: { summary: '由台账生成年报表三', tags: ['台账'], params: [q('organ', '机关'), q('year', '年度', { type: 'integer' })], responses: { '200': '表三', '422': '缺少机关或年度' } },
  },
  '/api/cases/{id}': { get: { summary: '一件案件：经过与期限推算', tags: ['台账'], params: [idParam('案件编号'), q('reveal', '1 显示完整个人信息')] } },
  '/api/cases/{id}/events': {
    post: { summary: '记录案件事件（补正、征求意见、延期、答复等）', tags: ['台账'], params: [idParam('案件编号')], body: 'json', responses: { '201': '已记录', '422': '内容有误' } },
  },
  '/api/backup': {
    get: {
      summary: '下载整个报告库的备份（管理员）',
      tags: ['管理'],
      description: '一致的快照，gzip 压缩的 JSON 行（nianbao/backup@1）；用 nianbao restore 恢复。',
      binary: true,
    },
  },
  '/api/regions': { get: { summary: '地区与机关', tags: ['管理'] } },
  '/api/organs/region': {
    put: { summary: '改机关所属地区（管理员）', tags: ['管理'], body: 'json', bodySchema: { type: 'object', required: ['organ', 'region'], properties: { organ: { type: 'string' }, region: { type: 'string' } } } },
  },
  ...REGISTER_OPS,
};

function operation(op: Op): object {
  const out: Record<string, unknown> = { summary: op.summary, tags: op.tags };
  if (op.description) out.description = op.description;
  if (op.params) out.parameters = op.params;
  if (op.body === 'report') out.requestBody = { required: true, content: { 'application/json': { schema: ref('Report') } } };
  if (op.body === 'json') out.requestBody = { required: true, content: { 'application/json': { schema: op.bodySchema ?? { type: 'object' } } } };
  if (op.body === 'multipart' || op.body === 'check') {
    const multipart = { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } }, text: { type: 'string' } } } };
    out.requestBody = {
      required: true,
      content:
        op.body === 'check'
          ? { 'multipart/form-data': multipart, 'application/json': { schema: { oneOf: [ref('Report'), { type: 'object', properties: { text: { type: 'string' }, name: { type: 'string' } } }] } } }
          : { 'multipart/form-data': multipart },
    };
  }
  const responses: Record<string, object> = {};
  for (const [code, text] of Object.entries(op.responses ?? { '200': '成功' })) {
    responses[code] = code.startsWith('2')
      ? op.binary
        ? { description: text, content: { 'application/octet-stream': {} } }
        : { description: text, content: { 'application/json': {} } }
      : { description: text, content: { 'application/json': { schema: ref('Error') } } };
  }
  responses['401'] = { description: '未登录或令牌无效', content: { 'application/json': { schema: ref('Error') } } };
  responses['403'] = { description: '无权操作或 CSRF 校验失败', content: { 'application/json': { schema: ref('Error') } } };
  out.responses = responses;
  return out;
}

let cached: object | undefined;

export function openapiDocument(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const [path, ops] of Object.entries(OPS)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(ops)) paths[path][method] = operation(op);
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: '年报通 JSON 接口',
      version: '1.0.0',
      description:
        '政府信息公开工作年度报告的核查、填报、审阅接口。认证：请求头 Authorization: Bearer <接口令牌>（在“我的账号”中创建），或浏览器会话 Cookie 加 X-CSRF-Token 请求头（写操作）。上传限制：单个文件 20 MB，每次 30 个文件。',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [], csrf: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: '接口令牌 nb_…' },
        session: { type: 'apiKey', in: 'cookie', name: 'nb_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
      schemas: {
        Report: z.toJSONSchema(reportSchema),
        Finding: z.toJSONSchema(findingSchema),
        Error: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'string' } } } },
      },
    },
    paths,
  };
  return cached;
}

export function operationsForDocs(): { method: string; path: string; op: Op }[] {
  const out: { method: string; path: string; op: Op }[] = [];
  for (const [path, ops] of Object.entries(OPS)) for (const [method, op] of Object.entries(ops)) out.push({ method: method.toUpperCase(), path, op });
  return out;
}
