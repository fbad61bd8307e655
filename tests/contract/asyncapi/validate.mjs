// Parse an AsyncAPI document with the official parser and print its diagnostics as JSON.
// Usage: node validate.mjs <file>; exit 0 when the document has no error-severity diagnostic.
import { readFile } from "node:fs/promises";
import { Parser } from "@asyncapi/parser";

const file = process.argv[2];
const parser = new Parser();
const { document, diagnostics } = await parser.parse(await readFile(file, "utf8"));
const errors = diagnostics.filter((d) => d.severity === 0);
const report = diagnostics.map((d) => ({
  severity: ["error", "warning", "info", "hint"][d.severity],
  code: d.code,
  message: d.message,
  path: d.path.join("."),
}));
console.log(JSON.stringify({ parsed: document !== undefined, errors: errors.length, diagnostics: report }, null, 2));
process.exit(document !== undefined && errors.length === 0 ? 0 : 1);
