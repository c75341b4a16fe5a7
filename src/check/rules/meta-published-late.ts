/** PUB-01/02: the report is dated no later than its organ's due date (条例第四十九条). */
import { dueDate, inferOrganKind, organKindLabel } from '../../register/organ-kind.js';
import type { Rule } from '../rule.js';

const zh = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export const publishedLate: Rule = {
  meta: {
    id: 'meta.published-late',
    severity: 'warning',
    title: '报告落款日期不晚于公布期限（政府部门、乡镇街道1月31日，县级以上人民政府3月31日）',
    basis:
      '《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前提交并向社会公布上一年度年度报告；县级以上地方人民政府的年度报告在每年3月31日前向社会公布。机关类型按名称推断，落款日期不一定是公布日期，故为警告',
    scope: 'one',
  },
  check({ report }) {
    const { published, agency, year } = report.meta;
    if (!published || !agency || year === null) return [];
    const kind = inferOrganKind(agency);
    const due = dueDate(kind, year);
    if (!due || published <= due) return [];
    return [
      {
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `报告落款日期为${zh(published)}，晚于${organKindLabel(kind)}${year}年度报告的公布期限${zh(due)}（条例第四十九条）`,
        expected: due,
        actual: published,
      },
    ];
  },
};
