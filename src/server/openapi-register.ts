/** The register, publication calendar and 汇总 operations of the OpenAPI document (src/server/openapi.ts). */
import type { Op } from './openapi.js';

const q = (name: string, description: string, schema: object = { type: 'string' }, required = false) => ({ name, in: 'query' as const, schema, description, required });
const idParam = { name: 'id', in: 'path' as const, required: true, schema: { type: 'string' }, description: '文件编号' };
const organ = q('organ', '机关（填报人总是本机关）');
const year = q('year', '年度', { type: 'integer' });

const documentSchema = {
  type: 'object',
  required: ['kind', 'title', 'madeOn'],
  properties: {
    organ: { type: 'string', description: '仅管理员；填报人总是本机关' },
    kind: { type: 'string', enum: ['regulation', 'normative'], description: '也可写“规章”“行政规范性文件”' },
    docNo: { type: 'string', description: '文号' },
    title: { type: 'string' },
    madeOn: { type: 'string', format: 'date', description: '制发（成文、印发）日期' },
    publishedOn: { type: 'string', format: 'date' },
    endKind: { type: 'string', enum: ['inForce', 'repealed', 'revised', 'expired'], description: '状态：现行有效、废止、修订（被新文本替代）、失效' },
    endedOn: { type: 'string', format: 'date', description: '废止、修订或失效日期' },
    amendedOn: { type: 'string', format: 'date', description: '修正日期（继续有效，不影响件数）' },
    replaces: { type: 'string', description: '修订时被替代的原文件文号' },
    note: { type: 'string' },
  },
};

export const REGISTER_OPS: Record<string, Record<string, Op>> = {
  '/api/register/documents': {
    get: { summary: '主动公开台账：本机关的规章和行政规范性文件', tags: ['主动公开台账'], params: [organ, q('on', '只列出该日现行有效的文件（YYYY-MM-DD）'), q('kind', 'regulation 或 normative')] },
    post: { summary: '登记一件文件', tags: ['主动公开台账'], body: 'json', bodySchema: documentSchema, responses: { '201': '已登记', '422': '内容有误（如文号重复、废止日期早于制发日期）' } },
  },
  '/api/register/documents/{id}': {
    get: { summary: '一件文件', tags: ['主动公开台账'], params: [idParam] },
    put: { summary: '修改文件（登记废止、修订、修正）', tags: ['主动公开台账'], params: [idParam], body: 'json', bodySchema: documentSchema },
    delete: { summary: '删除登记错误的文件', tags: ['主动公开台账'], params: [idParam], responses: { '204': '已删除' } },
  },
  '/api/register/import': {
    post: {
      summary: '导入文件目录或年度数字（CSV 或 XLSX）',
      tags: ['主动公开台账'],
      params: [organ],
      description: 'multipart/form-data：file（CSV 或 XLSX），what（documents 或 counts），kind（目录没有“类型”列时整个目录的类型），dryRun（1 只检查）。返回可导入行数、新增、更新和逐行的无法导入原因（rejected: [{line, reason}]），有无法导入的行时为 422。',
      body: 'multipart',
      responses: { '200': '全部导入', '422': '有无法导入的行，或文件无法读取' },
    },
  },
  '/api/register/counts': {
    get: { summary: '年度数字：行政许可、处罚、强制处理决定数量和行政事业性收费金额', tags: ['主动公开台账'], params: [organ, year] },
    put: {
      summary: '录入年度数字',
      tags: ['主动公开台账'],
      body: 'json',
      bodySchema: { type: 'object', required: ['year'], properties: { organ: { type: 'string' }, year: { type: 'integer' }, licensing: { type: 'integer' }, penalty: { type: 'integer' }, coercion: { type: 'integer' }, feesAmount: { type: 'number', description: '万元' } } },
    },
  },
  '/api/register/table2': {
    get: { summary: '由台账生成的表二及每个数字的来源（计入的文件、年度数字）', tags: ['主动公开台账'], params: [organ, { ...year, required: true }] },
  },
  '/api/register/draft': {
    post: {
      summary: '写入年报草稿：表二来自主动公开台账，表三和信息处理费来自依申请公开台账',
      tags: ['主动公开台账'],
      body: 'json',
      bodySchema: { type: 'object', required: ['year'], properties: { organ: { type: 'string', description: '仅管理员' }, year: { type: 'integer', minimum: 2021 } } },
      responses: { '201': '草稿（新建或更新）', '409': '草稿刚被他人修改' },
    },
  },
  '/api/calendar': {
    get: {
      summary: '公布日历：地区、年度各单位按时、逾期、未公布',
      tags: ['公布日历'],
      params: [q('region', '地区（审阅人总是本地区）'), year, q('today', '按哪一天判断（默认今天）')],
      description: '公布期限按机关类型：政府部门、乡镇/街道次年1月31日，县级以上人民政府次年3月31日（条例第四十九条）。公布日期依次取登记日期、获取报告时网页上的发布日期、报告落款日期、导入日期（dateSource: entered、portal、report、imported）。',
    },
  },
  '/api/calendar/remind': {
    get: { summary: '未公布提醒名单', tags: ['公布日历'], params: [q('region', '地区'), year, q('format', '输出格式', { type: 'string', enum: ['json', 'csv', 'xlsx'], default: 'json' })] },
  },
  '/api/calendar/published': {
    put: {
      summary: '登记报告的实际公布日期',
      tags: ['公布日历'],
      body: 'json',
      bodySchema: { type: 'object', required: ['organ', 'year', 'date'], properties: { organ: { type: 'string' }, year: { type: 'integer' }, date: { type: 'string', format: 'date' } } },
    },
  },
  '/api/organs/kind': {
    put: {
      summary: '修改机关类型（决定公布期限）',
      tags: ['公布日历'],
      body: 'json',
      bodySchema: { type: 'object', required: ['organ', 'kind'], properties: { organ: { type: 'string' }, kind: { type: 'string', enum: ['department', 'township', 'government', 'other'] } } },
    },
  },
  '/api/rollup-report': {
    get: {
      summary: '人民政府年度报告汇总：所属单位、各表之和、与政府报告的差异（rollup.mismatch）、汇总草稿',
      tags: ['政府汇总'],
      params: [q('government', '人民政府名称', { type: 'string' }, true), { ...year, required: true }],
    },
  },
};
