#!/usr/bin/python3
"""Prints the environment the engage-mesh chart gives one container, as NAME=VALUE lines.

Usage: chart_env.py RENDERED SERVICE [--mounts]

RENDERED is the output of `helm template` (a file, or a directory of .yaml files, or - for stdin); SERVICE is
gateway | profile | connection | promomats | migrate. ConfigMap references (envFrom configMapRef and
configMapKeyRef) are resolved from the rendered ConfigMaps; values the chart takes from existing Secrets are
printed as NAME=<secret:SECRET_NAME/KEY> so a test harness can substitute local values. Later definitions win,
as in Kubernetes (env over envFrom). Lines are sorted by name.

With --mounts, the container's mounted Secrets follow as comment lines
"# mount PATH <secret:SECRET_NAME>" (PATH is where the *_FILE variables point into).

Exits 2 with a message when the service or a referenced ConfigMap key is not in the render.
"""

import os
import signal
import sys

import yaml

SERVICES = ("gateway", "profile", "connection", "promomats", "migrate")
COMPONENT_LABEL = "app.kubernetes.io/component"


def load_docs(path):
    if path == "-":
        texts = [sys.stdin.read()]
    elif os.path.isdir(path):
        texts = []
        for root, _, files in sorted(os.walk(path)):
            for name in sorted(files):
                if name.endswith((".yaml", ".yml")):
                    with open(os.path.join(root, name), encoding="utf-8") as f:
                        texts.append(f.read())
    else:
        with open(path, encoding="utf-8") as f:
            texts = [f.read()]
    return [d for text in texts for d in yaml.safe_load_all(text) if d]


def pod_template(doc):
    kind = doc.get("kind")
    if kind == "Pod":
        return doc
    if kind == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "Job"):
        return doc["spec"]["template"]
    return None


def find_container(docs, service):
    kinds = ("Job", "CronJob") if service == "migrate" else ("Deployment", "StatefulSet", "DaemonSet")
    for doc in docs:
        if doc.get("kind") not in kinds:
            continue
        template = pod_template(doc)
        labels = (template.get("metadata") or {}).get("labels") or {}
        if labels.get(COMPONENT_LABEL) == service:
            return template["spec"], template["spec"]["containers"][0]
    raise LookupError(f"no {'/'.join(kinds)} with label {COMPONENT_LABEL}={service} in the render")


def resolve_env(docs, container):
    configmaps = {d["metadata"]["name"]: d.get("data") or {} for d in docs if d.get("kind") == "ConfigMap"}

    def configmap(name):
        if name not in configmaps:
            raise LookupError(f"ConfigMap {name} is not in the render")
        return configmaps[name]

    env = {}
    for source in container.get("envFrom") or []:
        prefix = source.get("prefix", "")
        if "configMapRef" in source:
            for key, value in configmap(source["configMapRef"]["name"]).items():
                env[prefix + key] = str(value)
        elif "secretRef" in source:
            # The keys of an external Secret are unknown here: say so instead of guessing.
            print(f"chart_env: envFrom secretRef {source['secretRef']['name']} not expanded", file=sys.stderr)
    for var in container.get("env") or []:
        name = var["name"]
        if "value" in var:
            env[name] = str(var["value"])
            continue
        source = var.get("valueFrom") or {}
        if "configMapKeyRef" in source:
            ref = source["configMapKeyRef"]
            data = configmap(ref["name"])
            if ref["key"] not in data:
                if ref.get("optional"):
                    continue
                raise LookupError(f"ConfigMap {ref['name']} has no key {ref['key']} (env {name})")
            env[name] = str(data[ref["key"]])
        elif "secretKeyRef" in source:
            ref = source["secretKeyRef"]
            env[name] = f"<secret:{ref['name']}/{ref['key']}>"
        elif "fieldRef" in source:
            env[name] = f"<field:{source['fieldRef']['fieldPath']}>"
        elif "resourceFieldRef" in source:
            env[name] = f"<resource:{source['resourceFieldRef']['resource']}>"
        else:
            env[name] = ""
    return env


def secret_mounts(pod, container):
    volumes = {v["name"]: v for v in pod.get("volumes") or []}
    for mount in container.get("volumeMounts") or []:
        secret = (volumes.get(mount["name"]) or {}).get("secret")
        if secret:
            yield mount["mountPath"], secret["secretName"]


def main(argv):
    args = [a for a in argv[1:] if a != "--mounts"]
    if len(args) != 2 or args[1] not in SERVICES:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        docs = load_docs(args[0])
        pod, container = find_container(docs, args[1])
        env = resolve_env(docs, container)
    except (OSError, yaml.YAMLError, LookupError, KeyError) as e:
        print(f"chart_env: {e}", file=sys.stderr)
        return 2
    for name in sorted(env):
        print(f"{name}={env[name]}")
    if "--mounts" in argv:
        for path, secret in secret_mounts(pod, container):
            print(f"# mount {path} <secret:{secret}>")
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` is not an error
    sys.exit(main(sys.argv))
