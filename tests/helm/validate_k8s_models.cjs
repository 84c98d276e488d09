#!/usr/bin/env node
// Validates rendered manifests against the Kubernetes API schemas of the pinned npm kubernetes-models (and its
// cert-manager and prometheus-operator companions for the chart's Certificate, Issuer and ServiceMonitor):
// types, required fields, enums and formats of every object, as the API server would check them. An object whose
// apiVersion/kind no pinned package models fails, so nothing the chart renders escapes the check.
//
// Usage: validate_k8s_models.cjs RENDER.json [RENDER.json ...]   (each: a JSON array of the render's objects)
//        validate_k8s_models.cjs --self-test RENDER.json          (breaks a passing render, one way at a time,
//                                                                  and checks that each break is caught)
// The models come from tools/node_modules (ENGAGE_TOOLS_DIR overrides). Prints one line per failure, then
// "N passed, M failed"; exits 1 when anything failed.
"use strict";

const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const toolsDir = process.env.ENGAGE_TOOLS_DIR || path.join(__dirname, "..", "..", "tools");
const toolsRequire = createRequire(path.join(toolsDir, "package.json"));

// Where each API group's models live; the core group ("v1") and the built-in groups are in kubernetes-models.
const PACKAGES = {
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

function modelOf(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const pkg = PACKAGES[group] || "kubernetes-models";
  try {
    return toolsRequire(`${pkg}/${apiVersion}/${kind}`)[kind];
  } catch (e) {
    if (e.code === "MODULE_NOT_FOUND" || e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
    throw e;
  }
}

// Returns the failure messages of one object (empty when valid).
function check(doc) {
  const where = `${doc.kind}/${(doc.metadata || {}).name}`;
  if (!doc.apiVersion || !doc.kind) return [`${where}: no apiVersion or kind`];
  const Model = modelOf(doc.apiVersion, doc.kind);
  if (!Model) return [`${where}: no pinned schema models ${doc.apiVersion} ${doc.kind}`];
  try {
    new Model(doc).validate();
    return [];
  } catch (e) {
    return [`${where} (${doc.apiVersion}): ${e.message}`];
  }
}

function load(file) {
  const docs = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!Array.isArray(docs)) throw new Error(`${file}: expected a JSON array of objects`);
  return docs.filter((d) => d);
}

function validateFiles(files) {
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const docs = load(file);
    const kinds = new Set();
    for (const doc of docs) {
      const errors = check(doc);
      kinds.add(`${doc.apiVersion} ${doc.kind}`);
      if (errors.length === 0) {
        passed++;
      } else {
        failed++;
        for (const e of errors) console.log(`FAIL ${path.basename(file)}: ${e}`);
      }
    }
    console.log(`${path.basename(file)}: ${docs.length} objects of ${kinds.size} kinds validated`);
  }
  return [passed, failed];
}

function find(docs, kind, component) {
  const d = docs.find(
    (o) => o.kind === kind && (!component || ((o.metadata.labels || {})["app.kubernetes.io/component"] === component)),
  );
  if (!d) throw new Error(`no ${kind} ${component || ""} in the render`);
  return d;
}

const podSpec = (docs, component) => find(docs, "Deployment", component).spec.template.spec;

// name -> mutation of a passing render that the API schemas must refuse.
const BREAKS = {
  "replicas as a string": (d) => { find(d, "Deployment", "profile").spec.replicas = "three"; },
  "container without a name": (d) => { delete podSpec(d, "gateway").containers[0].name; },
  "port as a name in containerPort": (d) => { podSpec(d, "connection").containers[0].ports[0].containerPort = "grpc"; },
  "Service port out of type": (d) => { find(d, "Service", "promomats").spec.ports[0].port = "50053x"; },
  "preStop without a handler type": (d) => { podSpec(d, "profile").containers[0].lifecycle.preStop.exec.command = "sleep 5"; },
  "topology spread without maxSkew": (d) => {
    podSpec(d, "gateway").topologySpreadConstraints = [{ topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway" }];
  },
  "NetworkPolicy ingress not a list": (d) => { find(d, "NetworkPolicy", "profile").spec.ingress = {}; },
  "unknown kind": (d) => { d.push({ apiVersion: "engage.example.com/v1", kind: "Mesh", metadata: { name: "x" } }); },
  "Certificate dnsNames not a list": (d) => { find(d, "Certificate", "tls").spec.dnsNames = "engage-gateway"; },
  "Certificate without issuerRef": (d) => { delete find(d, "Certificate", "tls").spec.issuerRef; },
};

function selfTest(file) {
  let passed = 0;
  let failed = 0;
  const [, before] = validateFiles([file]);
  if (before !== 0) {
    console.log(`FAIL self-test: ${file} must pass before it is broken`);
    return [0, 1];
  }
  for (const [name, breakIt] of Object.entries(BREAKS)) {
    const docs = load(file);
    try {
      breakIt(docs);
    } catch (e) {
      failed++;
      console.log(`FAIL self-test "${name}": cannot apply (${e.message})`);
      continue;
    }
    if (docs.some((d) => check(d).length > 0)) {
      passed++;
    } else {
      failed++;
      console.log(`FAIL self-test "${name}": the schemas accepted it`);
    }
  }
  console.log(`${path.basename(file)} self-test: ${Object.keys(BREAKS).length} breaks`);
  return [passed, failed];
}

function main(argv) {
  let result;
  if (argv[0] === "--self-test" && argv.length === 2) {
    result = selfTest(argv[1]);
  } else if (argv.length > 0 && !argv[0].startsWith("-")) {
    result = validateFiles(argv);
  } else {
    console.error("usage: validate_k8s_models.cjs RENDER.json... | --self-test RENDER.json");
    return 2;
  }
  console.log(`${result[0]} passed, ${result[1]} failed`);
  return result[1] === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
