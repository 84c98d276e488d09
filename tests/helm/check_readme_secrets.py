#!/usr/bin/python3
"""Checks that the README's Kubernetes install steps make exactly the Secrets the chart reads.

Usage: check_readme_secrets.py HELM README.md CHART_DIR
       check_readme_secrets.py --self-test HELM README.md CHART_DIR

Every ```sh block of the README's "Deploy on Kubernetes" section is one way to install: its `kubectl create secret`
commands make Secrets (name -> keys), its `helm install` commands are rendered with `helm template` and the same
arguments. For each install, every Secret key a rendered pod reads (secretKeyRef, secret volumes: their items, or
the files under their mount path that the container's environment, ConfigMaps or arguments name, image pull
Secrets) must be made by the block or by a cert-manager Certificate (or annotated Ingress) of the render; and every
key the block makes must be read by one of its installs, so a wrong key name (`password` for `db-password`) fails.

--self-test changes the README's commands in ways that must fail (a key renamed, a Secret dropped, a key added)
and checks that each is caught. Prints one line per failure, then "N passed, M failed".
"""

import os
import re
import shlex
import subprocess
import sys

import yaml

SECTION = "## Deploy on Kubernetes"
POD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job", "Pod")


def section_blocks(readme_text):
    """The ```sh blocks of the Kubernetes section, each as a list of commands (continuations joined)."""
    start = readme_text.index(SECTION)
    end = readme_text.find("\n## ", start + len(SECTION))
    section = readme_text[start:end if end >= 0 else None]
    blocks = []
    for body in re.findall(r"```sh\n(.*?)```", section, re.S):
        joined = re.sub(r"\\\n", " ", body)
        commands = []
        for line in joined.splitlines():
            tokens = shlex.split(line, comments=True)
            # `a && b` runs two commands.
            while tokens:
                cut = tokens.index("&&") if "&&" in tokens else len(tokens)
                commands.append(tokens[:cut])
                tokens = tokens[cut + 1:]
        blocks.append([c for c in commands if c])
    return blocks


def secret_made(tokens):
    """(name, keys) of a `kubectl create secret ...` command, else None."""
    if not tokens or tokens[0] != "kubectl" or "create" not in tokens or "secret" not in tokens:
        return None
    rest = tokens[tokens.index("secret") + 1:]
    args = []
    skip = False
    for i, t in enumerate(rest):  # drop -n/--namespace NAME, keep the rest in order
        if skip:
            skip = False
            continue
        if t in ("-n", "--namespace"):
            skip = True
            continue
        args.append(t)
    kind, name, options = args[0], args[1], args[2:]
    keys = set()
    if kind == "tls":
        keys = {"tls.crt", "tls.key"}
    elif kind == "docker-registry":
        keys = {".dockerconfigjson"}
    for o in options:
        for flag in ("--from-literal=", "--from-file="):
            if o.startswith(flag):
                value = o[len(flag):]
                if flag == "--from-literal=" or "=" in value:
                    keys.add(value.split("=", 1)[0])
                else:
                    keys.add(os.path.basename(value))
    return name, keys


def helm_args(tokens):
    """`helm template` arguments of a `helm install RELEASE CHART ...` command, else None."""
    if tokens[:2] != ["helm", "install"]:
        return None
    return ["template"] + tokens[2:]


def render(helm, args, root):
    out = subprocess.run([helm] + args, cwd=root, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"helm {' '.join(args)} failed: {out.stderr.strip()}")
    return [d for d in yaml.safe_load_all(out.stdout) if d]


def reads_and_provides(docs):
    """What a render reads ({secret: {keys}}, with "" for a Secret read whole) and the Secrets its cert-manager
    objects write."""
    reads = {}
    provides = set()
    configmaps = {d["metadata"]["name"]: d.get("data") or {} for d in docs if d["kind"] == "ConfigMap"}
    for d in docs:
        kind = d["kind"]
        if kind == "Certificate":
            provides.add(d["spec"]["secretName"])
        if kind == "Ingress":
            annotations = d["metadata"].get("annotations") or {}
            if "cert-manager.io/cluster-issuer" in annotations or "cert-manager.io/issuer" in annotations:
                provides.update(t["secretName"] for t in d["spec"].get("tls") or [] if t.get("secretName"))
            else:
                for t in d["spec"].get("tls") or []:
                    if t.get("secretName"):
                        reads.setdefault(t["secretName"], set()).update({"tls.crt", "tls.key"})
        if kind not in POD_KINDS:
            continue
        pod = d["spec"] if kind == "Pod" else d["spec"]["template"]["spec"]
        for ref in pod.get("imagePullSecrets") or []:
            reads.setdefault(ref["name"], set()).add(".dockerconfigjson")
        volumes = {v["name"]: v["secret"] for v in pod.get("volumes") or [] if "secret" in v}
        for c in (pod.get("initContainers") or []) + (pod.get("containers") or []):
            texts = list(c.get("command") or []) + list(c.get("args") or [])
            for e in c.get("env") or []:
                ref = (e.get("valueFrom") or {}).get("secretKeyRef")
                if ref:
                    reads.setdefault(ref["name"], set()).add(ref["key"])
                elif "value" in e:
                    texts.append(str(e["value"]))
            for source in c.get("envFrom") or []:
                if "configMapRef" in source:
                    texts.extend(str(v) for v in configmaps.get(source["configMapRef"]["name"], {}).values())
                if "secretRef" in source:
                    reads.setdefault(source["secretRef"]["name"], set()).add("")
            for m in c.get("volumeMounts") or []:
                secret = volumes.get(m["name"])
                if secret is None:
                    continue
                keys = reads.setdefault(secret["secretName"], set())
                if secret.get("items"):
                    keys.update(i["key"] for i in secret["items"])
                    continue
                prefix = m["mountPath"].rstrip("/") + "/"
                named = {t[len(prefix):].split()[0] for t in texts if t.startswith(prefix)}
                named |= {w[len(prefix):] for t in texts for w in t.split() if w.startswith(prefix)}
                keys.update(k for k in named if k)
    return reads, provides


def check_readme(helm, readme_text, root):
    """Returns (passed, failures)."""
    passed = 0
    failures = []
    blocks = section_blocks(readme_text)
    installs_seen = 0
    for number, commands in enumerate(blocks, 1):
        made = {}
        installs = []
        for tokens in commands:
            secret = secret_made(tokens)
            if secret:
                made.setdefault(secret[0], set()).update(secret[1])
            args = helm_args(tokens)
            if args:
                installs.append(args)
        if not installs:
            continue
        read_anywhere = {}
        for args in installs:
            installs_seen += 1
            where = f"block {number}: helm {' '.join(args)}"
            try:
                docs = render(helm, args, root)
            except RuntimeError as e:
                failures.append(f"{where}: {e}")
                continue
            reads, provides = reads_and_provides(docs)
            for name, keys in reads.items():
                read_anywhere.setdefault(name, set()).update(keys)
                if name in provides:
                    continue
                if name not in made:
                    failures.append(f"{where}: reads Secret {name} ({', '.join(sorted(keys))}), which the README "
                                    f"does not create")
                    continue
                missing = {k for k in keys if k and k not in made[name]}
                if missing:
                    failures.append(f"{where}: reads {', '.join(sorted(missing))} of Secret {name}; the README "
                                    f"creates only {', '.join(sorted(made[name]))}")
                else:
                    passed += 1
        for name, keys in made.items():
            unread = keys - read_anywhere.get(name, set())
            if name not in read_anywhere:
                failures.append(f"block {number}: the README creates Secret {name}, which no install reads")
            elif unread and "" not in read_anywhere[name]:
                failures.append(f"block {number}: the README puts {', '.join(sorted(unread))} in Secret {name}, "
                                f"which the chart never reads (it reads {', '.join(sorted(read_anywhere[name]))})")
            else:
                passed += 1
    if installs_seen == 0:
        failures.append(f"no `helm install` found in the README's {SECTION!r} section")
    return passed, failures


# name -> (text to replace in the README, replacement); each must make check_readme fail.
BREAKS = {
    "db key renamed": ("--from-literal=db-password=", "--from-literal=password="),
    "public key file key renamed": ("--from-file=jwt-public.pem=jwt-public.pem", "--from-file=public.pem=jwt-public.pem"),
    "no ca.crt": ("--from-file=tls.key --from-file=ca.crt", "--from-file=tls.key"),
    "service token Secret dropped": ("kubectl -n engage create secret generic engage-service-token", "true"),
    "extra key": ("--from-literal=secret-key=", "--from-literal=unused=x --from-literal=secret-key="),
}


def main(argv):
    self_test = argv[:1] == ["--self-test"]
    if self_test:
        argv = argv[1:]
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2])
        return 2
    helm, readme_path, chart = argv
    root = os.path.dirname(os.path.abspath(readme_path))
    with open(readme_path, encoding="utf-8") as f:
        text = f.read()
    if not self_test:
        passed, failures = check_readme(helm, text, root)
        for f in failures:
            print(f"FAIL {f}")
        print(f"README Secret commands against chart {os.path.basename(chart.rstrip('/'))}")
        print(f"{passed} passed, {len(failures)} failed")
        return 1 if failures else 0
    passed = failed = 0
    for name, (old, new) in BREAKS.items():
        if old not in text:
            failed += 1
            print(f"FAIL self-test {name!r}: the README no longer has {old!r}")
            continue
        _, failures = check_readme(helm, text.replace(old, new), root)
        if failures:
            passed += 1
        else:
            failed += 1
            print(f"FAIL self-test {name!r}: not caught")
    print(f"README self-test: {len(BREAKS)} breaks")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
