// Validates every object of rendered manifests (kubectl kustomize output, a YAML stream on standard input) against
// the Kubernetes API's OpenAPI schemas that the kubernetes-models package ships, in two passes:
//  1. the schema, precompiled by the package: types, required fields, enums, formats;
//  2. unknown fields, which the API's schemas allow (the API server refuses them under strict field validation, but
//     there is no server here): each object is type-checked by the TypeScript compiler against the interfaces the
//     same package generates from the same schemas, and an excess property ("replica:", "readOnlyRootFilesytem:")
//     is an error. The compiler reports the first unknown field of each object.
// Custom resources are checked with the schema of the package that models them (@kubernetes-models/prometheus-operator
// for the ServiceMonitor); an object no package models is an error, never a silent pass. Exits 1 naming every
// invalid object.
//   kubectl kustomize overlays/demo | node validate.mjs overlays/demo
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { parseAllDocuments } from "yaml";

/** Where the model of an apiVersion lives: the core and built-in groups, then the custom resources we use. */
const PACKAGES = ["kubernetes-models", "@kubernetes-models/prometheus-operator"];

/** The module that models an object's kind, such as kubernetes-models/apps/v1, or null. */
async function moduleOf(apiVersion, kind) {
  const version = apiVersion.includes("/") ? apiVersion : "v1";     // the core group is "v1"
  for (const pkg of PACKAGES) {
    try {
      const models = await import(`${pkg}/${version}`);
      if (typeof models[kind] === "function") {
        return { specifier: `${pkg}/${version}`, Model: models[kind] };
      }
    } catch (error) {
      if (error.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED" && error.code !== "ERR_MODULE_NOT_FOUND") {
        throw error;
      }
    }
  }
  return null;
}

/** Pass 2: each object as a TypeScript literal of its kind's interface; one diagnostic list per object. */
function unknownFields(objects) {
  const here = path.dirname(fileURLToPath(import.meta.url));         // node_modules is resolved from here
  const files = new Map();
  objects.forEach(({ object, specifier }, index) => {
    files.set(path.join(here, `__object_${index}.ts`),
      `import type { I${object.kind} } from "${specifier}/${object.kind}";\n`
      + `export const object: I${object.kind} = ${JSON.stringify(object, null, 2)};\n`);
  });
  const options = {
    strict: true, noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.getSourceFile = (file, version, ...rest) =>
    files.has(file) ? ts.createSourceFile(file, files.get(file), version) : getSourceFile(file, version, ...rest);
  const program = ts.createProgram([...files.keys()], options, host);
  const byObject = objects.map(() => []);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const match = /__object_(\d+)\.ts$/.exec(diagnostic.file?.fileName ?? "");
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
    if (match === null) {
      throw new Error(`the type check itself failed: ${text}`);
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const field = diagnostic.file.text.split("\n")[line].trim();
    byObject[Number(match[1])].push(`${text} (at ${field})`);
  }
  return byObject;
}

const source = process.argv[2] ?? "standard input";
const problems = [];
const valid = [];
for (const document of parseAllDocuments(readFileSync(0, "utf8"))) {
  if (document.errors.length > 0) {
    problems.push(`${source}: not YAML: ${document.errors[0].message}`);
    continue;
  }
  const object = document.toJS();
  if (object === null) {
    continue;
  }
  const name = `${object.apiVersion}/${object.kind} ${object.metadata?.name}`;
  const found = await moduleOf(String(object.apiVersion), String(object.kind));
  if (found === null) {
    problems.push(`${name}: no schema for this kind in ${PACKAGES.join(" or ")}`);
    continue;
  }
  try {
    new found.Model(object).validate();
    valid.push({ name, object, specifier: found.specifier });
  } catch (error) {
    problems.push(`${name}: ${error.message}`);
  }
}
const unknown = unknownFields(valid);
valid.forEach(({ name }, index) => unknown[index].forEach((problem) => problems.push(`${name}: ${problem}`)));
if (valid.length === 0 && problems.length === 0) {
  problems.push(`${source}: no object to validate`);
}
for (const problem of problems) {
  console.error(`INVALID ${problem}`);
}
const checked = valid.length - unknown.filter((list) => list.length > 0).length;
console.log(`${source}: ${checked} objects valid against the Kubernetes API schemas, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
