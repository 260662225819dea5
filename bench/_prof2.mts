import { readCatalogue } from "../src/catalogue/excel-read.js";
import { inspectUpload, DEFAULT_UPLOAD_LIMITS } from "../src/catalogue/upload-guard.js";
import { loadCatalogueKnowledge } from "../src/catalogue/knowledge.js";
import { writeReport } from "../src/catalogue/report.js";
import { writeCatalogue } from "../src/catalogue/excel-write.js";
import { validateCatalogue } from "../src/catalogue/validate.js";
import ExcelJS from "exceljs";
import fs from "node:fs";
const knowledge = loadCatalogueKnowledge("knowledge");
const xlsx = fs.readFileSync("/tmp/big10k.xlsx");
const t=async(n:string,f:()=>any)=>{ const a=performance.now(); const r=await f(); console.log(n,(performance.now()-a).toFixed(0)); return r;};
for (let i=0;i<3;i++){
  const g = await t("guard", ()=>inspectUpload(xlsx, DEFAULT_UPLOAD_LIMITS));
  await t("load-guarded", async()=>{const wb=new ExcelJS.Workbook(); await wb.xlsx.load(g);});
  await t("load-orig", async()=>{const wb=new ExcelJS.Workbook(); await wb.xlsx.load(xlsx as any);});
  const {catalogue}=await t("read", ()=>readCatalogue(xlsx,{knowledge}));
  const f = validateCatalogue(catalogue, knowledge);
  await t("writeCatalogue", ()=>writeCatalogue(catalogue,{knowledge}));
  await t("report", ()=>writeReport(catalogue,f,{knowledge}));
  console.log("findings", f.length);
}
