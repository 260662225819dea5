/**
 * Rule metadata: id, default severity, what it checks, and the passage of the official
 * documents it rests on (document name + quoted wording). Messages are built by each rule.
 */
import type { RuleId, Severity } from "../schema.js";

export interface RuleMeta {
  id: RuleId;
  /** Default severity; R01 (warning on merged cells), R08, R10 (info notes), R15 and R22 choose per finding. */
  severity: Severity;
  /** Short Chinese description of what the rule checks. */
  title: string;
  /** "document：“passage”" */
  source: string;
}

const YUNNAN = "《云南省全面推进基层政务公开标准化规范化工作培训》（云南省标准化研究院）";
const GUANGDONG = "《广东省人民政府办公厅关于切实做好基层政务公开标准化规范化工作的通知》附件1《基层政务公开事项标准目录编制答疑》";
const JIAYU = "嘉鱼县《政务公开事项标准目录格式模板》备注";
const REGULATION = "《中华人民共和国政府信息公开条例》（国务院令第711号）";
const LAND = "《自然资源部办公厅关于印发农村集体土地征收基层政务公开标准指引的通知》（自然资办函〔2019〕1105号）";

const cite = (document: string, passage: string): string => `${document}：“${passage}”`;

export const RULES: Record<RuleId, RuleMeta> = {
  R01: {
    id: "R01", severity: "error", title: "要素缺失或为空",
    source: cite(YUNNAN, "目录至少应包括公开事项的名称、内容、依据、时限、主体、方式、渠道、公开对象等要素。"),
  },
  R02: {
    id: "R02", severity: "error", title: "序号不是从1起连续的正整数",
    source: cite(YUNNAN, "注：序号为对应二级事项产生的编号。"),
  },
  R03: {
    id: "R03", severity: "error", title: "一级事项与二级事项重复",
    source: cite(YUNNAN, "依据权责清单和公共服务事项清单进行全面梳理，并按条目方式逐项细化分类，确保公开事项分类科学、名称规范、指向明确。"),
  },
  R04: {
    id: "R04", severity: "warning", title: "公开依据列出了具体条款",
    source: cite(YUNNAN, "注：公开或履行该事项所依据的国家政策法规名称，不需要给出具体条款。"),
  },
  R05: {
    id: "R05", severity: "warning", title: "公开依据不是具名的法规政策文件",
    source: cite(YUNNAN, "注：公开或履行该事项所依据的国家政策法规名称，不需要给出具体条款。"),
  },
  R06: {
    id: "R06", severity: "warning", title: "公开依据引用了已修订的2007年版政府信息公开条例",
    source: cite(
      "《中华人民共和国政府信息公开条例》",
      "2007年4月5日 中华人民共和国国务院令第492号公布 2019年4月3日 中华人民共和国国务院令第711号修订 2019年5月15日 施行",
    ),
  },
  R07: {
    id: "R07", severity: "warning", title: "公开时限未写明具体期限",
    source: cite(YUNNAN, "注：逐项明确各事项的法定公开时限，注明于事项发生或信息形成起XX个工作日内公开。"),
  },
  R08: {
    id: "R08", severity: "error", title: "主动公开事项的公开时限超过20个工作日",
    source: cite(
      JIAYU,
      "《中华人民共和国政府信息公开条例》规定属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内予以公开，法律法规对政府信息公开的期限另有规定的，从其规定。",
    ),
  },
  R09: {
    id: "R09", severity: "warning", title: "公开主体表述模糊",
    source: cite(GUANGDONG, "基层政府应按照“谁批准、谁公开，谁实施、谁公开，谁制作、谁公开”的原则，结合本级实际情况，尽可能将事项相应的公开主体在目录中明确表述清楚。"),
  },
  R10: {
    id: "R10", severity: "warning", title: "公开渠道不在模板选项中",
    source: cite(YUNNAN, "根据法律法规及事项特点、群众需求，选择具有针对性的公开方式在表格选项中以 标出，如有特殊渠道和载体的，可在“其他”中写明。"),
  },
  R11: {
    id: "R11", severity: "error", title: "勾选了“其他”但未写明渠道",
    source: cite(YUNNAN, "如有特殊渠道和载体的，可在“其他”中写明。"),
  },
  R12: {
    id: "R12", severity: "warning", title: "公开渠道未包括政府网站",
    source: cite(JIAYU, "公开渠道和载体：县政府门户网站为信息发布第一平台，其余平台或场所可根据实际情况选择。"),
  },
  R13: {
    id: "R13", severity: "error", title: "特定群体未写明具体群体",
    source: cite(YUNNAN, "注：公开对象包括全社会及特定群体两类，公开对象为特定群体的，应写明具体群体。"),
  },
  R14: {
    id: "R14", severity: "error", title: "公开对象应在全社会与特定群体中选且只选一项",
    source: cite(YUNNAN, "注：公开对象包括全社会及特定群体两类，公开对象为特定群体的，应写明具体群体。"),
  },
  R15: {
    id: "R15", severity: "error", title: "公开方式未标注或同时标注主动与依申请",
    source: cite(YUNNAN, "注：对应具体事项，标注出主动公开还是依申请公开。"),
  },
  R16: {
    id: "R16", severity: "error", title: "公开层级未标注",
    source: cite(YUNNAN, "注：对应具体事项，标注出是“县（市、区）”、还是“镇乡（街道）”公开。"),
  },
  R17: {
    id: "R17", severity: "warning", title: "二级事项名称与国家标准指引表述不一致",
    source: cite(GUANGDONG, "相关名称表述（不论是类目名称的表述还是事项名称表述）均应以国务院部门印发的指引中的表述为准，不应自行改动。"),
  },
  R18: {
    id: "R18", severity: "warning", title: "缺少国家标准指引中的二级事项",
    source: cite(GUANGDONG, "原则上不减少二级事项，如存在部分基层政府已完成工作或者已取消事项等特殊情况的，应当在“公开依据”中说明情况并注明依据"),
  },
  R19: {
    id: "R19", severity: "error", title: "表头缺少列",
    source: `${cite(GUANGDONG, "可对表格所列的类目视情况增加，但不要删减")}；${cite(YUNNAN, "目录至少应包括公开事项的名称、内容、依据、时限、主体、方式、渠道、公开对象等要素。")}`,
  },
  R20: {
    id: "R20", severity: "warning", title: "标题不符合“XX领域基层政务公开标准目录”",
    source: cite(YUNNAN, "注：标准目录为表格形式，表头共十四列，10个要素，标题为“XX领域基层政务公开标准目录”。"),
  },
  R21: {
    id: "R21", severity: "warning", title: "领域或一级事项名称与国家标准指引表述不一致",
    source: cite(GUANGDONG, "相关名称表述（不论是类目名称的表述还是事项名称表述）均应以国务院部门印发的指引中的表述为准，不应自行改动。"),
  },
  R22: {
    id: "R22", severity: "warning", title: "公开内容涉及个人隐私",
    source: cite(REGULATION, "第十五条 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。"),
  },
  R23: {
    id: "R23", severity: "warning", title: "公开依据的文件名称不全或有误",
    // The note on the 公开依据 column: it holds the names of the laws and policies, so a title cut short or
    // misquoted is not the document's name. (The Pingtan notice cited before only says to follow the regulation.)
    source: cite(YUNNAN, "注：公开或履行该事项所依据的国家政策法规名称，不需要给出具体条款。"),
  },
  R24: {
    id: "R24", severity: "warning", title: "缺少领域指引要求的公开平台",
    source: cite(LAND, "征收前期准备、征地审查报批、征地组织实施等一级公开事项和10个二级公开事项政府信息生成后，应通过政府网站、征地信息公开平台、村公示栏等渠道，及时主动公开。"),
  },
  R25: {
    id: "R25", severity: "warning", title: "单元格中留有占位文字",
    source: cite(YUNNAN, "依据权责清单和公共服务事项清单进行全面梳理，并按条目方式逐项细化分类，确保公开事项分类科学、名称规范、指向明确。"),
  },
};

/**
 * Rules about the whole catalogue (national items missing, header, title): reports list them
 * under 【全表】, not at an item, whatever sheet row they are anchored to.
 */
export const WHOLE_CATALOGUE_RULES: readonly RuleId[] = ["R18", "R19", "R20"];

/** Source passage of the 20-working-day rule in the regulation itself (for messages). */
export const REGULATION_ARTICLE_26 = cite(
  REGULATION,
  "第二十六条 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。法律、法规对政府信息公开的期限另有规定的，从其规定。",
);
