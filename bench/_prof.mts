import path from "node:path";
import ExcelJS from "exceljs";
import { readCatalogue } from "/work/main/src/catalogue/excel-read.js";
import { writeCatalogue } from "/work/main/src/catalogue/excel-write.js";
import { loadCatalogueKnowledge } from "/work/main/src/catalogue/knowledge.js";
import { writeReport } from "/work/main/src/catalogue/report.js";
import { validateCatalogue } from "/work/main/src/catalogue/validate.js";
import { ELEMENT_KEYS } from "/work/main/src/catalogue/schema.js";
const knowledge = loadCatalogueKnowledge("/work/main/knowledge");
const NATIONAL = ["拟征收土地告知", "拟征收土地现状调查", "拟征地听证", "征地报批材料", "征地批准文件", "征收土地公告", "征地补偿登记", "征地补偿安置方案公告", "征地补偿安置方案听证", "征地补偿费用支付"];
const rows:any[]=[];
for (let i = 0; i < 10000; i++) { const k = i % 5;
 rows.push({ seq: i + 1, level1: ["征地前期准备", "征地审查报批", "征地组织实施"][Math.floor(i / 8) % 3], level2: i % 7 === 0 ? `${NATIONAL[i % 10]}书` : `${NATIONAL[i % 10]}（第${Math.floor(i / 10) + 1}批）`,
 content: ["拟征收土地的范围、征收目的", "补偿标准", `安置途径${i % 7}`], basis: k === 1 ? ["《中华人民共和国政府信息公开条例》（国务院令第492号）"] : ["《中华人民共和国土地管理法》", "《信息公开条例》"],
 timeLimit: k === 2 ? "及时公开" : "信息形成或变更之日起20个工作日内", subject: k === 3 ? "相关部门" : "县自然资源局",
 channels: k === 4 ? ["两微一端", "其他"] : ["政府网站", "征地信息公开平台", "社区/企事业单位/村公示栏（电子屏）"],
 audience: i % 11 === 0 ? { kind: "特定群体", group: "被征地农户" } : { kind: "全社会" }, mode: i % 13 === 0 ? "依申请" : "主动", levels: i % 3 === 0 ? ["县级", "乡级"] : ["县级"] }); }
const cat:any = { title: "x", field: "农村集体土地征收", columns: [...ELEMENT_KEYS], extraColumns: [], rows };
const xlsx = await writeCatalogue(cat, { knowledge }); (await import("node:fs")).writeFileSync("/tmp/big10k.xlsx", xlsx); process.exit(0);
const t=async(n:string,f:()=>any)=>{ const a=performance.now(); const r=await f(); console.log(n,(performance.now()-a).toFixed(0)); return r;};
for (let rep=0;rep<3;rep++){
await t("floor", async()=>{const wb=new ExcelJS.Workbook(); await wb.xlsx.load(xlsx as any); await wb.xlsx.writeBuffer();});
await t("load", async()=>{const wb=new ExcelJS.Workbook(); await wb.xlsx.load(xlsx as any);});
const {catalogue:read}=await t("read", ()=>readCatalogue(xlsx,{knowledge}));
const f=await t("validate", ()=>validateCatalogue(read,knowledge));
await t("report", ()=>writeReport(read,f,{knowledge}));
}
