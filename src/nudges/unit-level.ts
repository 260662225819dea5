import type { Deadline } from "./deadlines.js";

/**
 * Administrative levels of the 基层 units the nudges serve: 县级 (county: the county or district
 * government and its departments, a county-level city) and 乡级 (township: 乡, 镇, 街道).
 * A deadline may apply to one level only (e.g. 条例第四十九条 binds 县级以上 governments and
 * departments; the quarterly township report binds 乡镇).
 */
export type UnitLevel = "县级" | "乡级";

export const UNIT_LEVELS: readonly UnitLevel[] = ["县级", "乡级"];

// The last administrative word of a name decides: 青山镇人民政府 → 镇 → 乡级; 某市某区某街道办事处 → 街道.
// 城乡/乡村/乡镇 (in department names such as 县城乡建设局) are not a township; 社区 is below a township.
const NOT_A_UNIT = /城乡|乡村|乡镇|乡土|农村|县域|区域|地区|辖区|园区|市场|城市|市民|市政|市容/g;
const LEVEL_WORDS: [RegExp, UnitLevel][] = [
  [/街道|镇|乡|苏木|社区/g, "乡级"],
  [/县|区|市|旗/g, "县级"],
];

/** The level a unit's name implies (the last administrative word), or undefined when it does not say. */
export function inferUnitLevel(name: string | undefined): UnitLevel | undefined {
  if (!name) return undefined;
  const text = name.replace(NOT_A_UNIT, (m) => "·".repeat(m.length));
  // The word ending last wins; on a tie (社区 / 区) the township word, listed first.
  let best: { end: number; level: UnitLevel } | undefined;
  for (const [re, level] of LEVEL_WORDS) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (!best || end > best.end) best = { end, level };
    }
  }
  return best?.level;
}

/** Levels an official may write after the name, read as the two the nudges know. */
const STATED_LEVELS: Record<string, UnitLevel> = { 县级: "县级", 区级: "县级", 县区级: "县级", 乡级: "乡级", 乡镇级: "乡级", 镇级: "乡级", 街道级: "乡级" };

/**
 * "/subscribe 青山镇人民政府 乡级": the unit name and a level stated after it (县级 / 乡级, also
 * 乡镇级, 区级 …); `error` when the level written is none of a 基层 unit's (城关镇 省级).
 */
export function parseUnitArg(arg: string): { name: string; level?: UnitLevel; error?: string } {
  const m = /^(.*?)[\s\u3000]*[（(]?([\u4e00-\u9fff]{1,3}级)[）)]?$/.exec(arg.trim());
  if (!m) return { name: arg.trim() };
  const level = STATED_LEVELS[m[2]!];
  if (!level && (m[1] ?? "").trim() === "") return { name: arg.trim() };
  if (!level) return { name: (m[1] ?? "").trim(), error: `单位层级只能是县级或乡级，“${m[2]}”不是基层单位的层级。请发送 /subscribe 单位名称 县级（或 乡级），也可以不写层级。` };
  return { name: (m[1] ?? "").trim(), level };
}

/** The level a subscription's nudges follow: the one stated at /subscribe, else the name's. */
export function subscriptionLevel(sub: { unitName?: string; unitLevel?: UnitLevel } | undefined): UnitLevel | undefined {
  return sub?.unitLevel ?? inferUnitLevel(sub?.unitName);
}

/** Whether a deadline binds a unit of `level` (a deadline without a level binds both; an unknown level gets all). */
export function appliesTo(deadline: Pick<Deadline, "level">, level: UnitLevel | undefined): boolean {
  return !deadline.level || !level || deadline.level === level;
}
