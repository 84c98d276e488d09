#!/usr/bin/python3
"""Checks manifests rendered by `helm template` from the engage-mesh chart.

Usage: check_manifests.py RENDERED.yaml [RENDERED.yaml ...]
       check_manifests.py --self-test RENDERED.yaml


Each file is one render (one set of values) and is checked on its own: pod security, probes (native gRPC probes
on the plaintext health-only port, which no Service or NetworkPolicy exposes), resources, secrets, the migration
hook, and that every selector (NetworkPolicy, Service, PDB, HPA, ServiceMonitor) points at something rendered. Prints one line per failure, then "N passed, M failed"; exits 1 when anything failed.

--self-test takes a render that passes, breaks it in one way at a time, and checks that each break is caught, so
the checks above are known to be able to fail.
"""

import copy
import io
import contextlib
import re
import sys

import yaml

SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|KEY", re.IGNORECASE)
MESH_COMPONENTS = ("gateway", "profile", "connection", "promomats")
MESH_UID = 10001
POD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod")
SERVER_KINDS = ("Deployment", "StatefulSet", "DaemonSet")
MIGRATION_DELETE_POLICY = {"before-hook-creation", "hook-succeeded"}
PROBES = ("readinessProbe", "livenessProbe", "startupProbe")
PROBE_HANDLERS = {"grpc", "tcpSocket", "httpGet", "exec"}


def is_secret_like(name):
    """A variable or ConfigMap key that must never carry a literal value (paths to files are fine)."""
    return bool(SECRET_NAME.search(name)) and not name.upper().endswith("_FILE")


def selector_matches(selector, labels):
    """Kubernetes LabelSelector semantics (matchLabels and matchExpressions); {} matches everything."""
    if selector is None:
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], expr.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def plain_selector_matches(selector, labels):
    """Service selectors are plain maps."""
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


class Workload:
    """A rendered object that carries a pod template."""

    def __init__(self, doc):
        self.doc = doc
        self.kind = doc["kind"]
        self.name = doc["metadata"]["name"]
        spec = doc.get("spec") or {}
        if self.kind == "Pod":
            self.template = {"metadata": doc["metadata"], "spec": spec}
        elif self.kind == "CronJob":
            self.template = spec["jobTemplate"]["spec"]["template"]
        else:
            self.template = spec.get("template") or {}
        self.labels = (self.template.get("metadata") or {}).get("labels") or {}
        self.pod = self.template.get("spec") or {}
        self.component = self.labels.get("app.kubernetes.io/component", "")

    @property
    def ref(self):
        return f"{self.kind}/{self.name}"

    def containers(self):
        for c in self.pod.get("initContainers") or []:
            yield c, True
        for c in self.pod.get("containers") or []:
            yield c, False


class Checker:
    def __init__(self, label, docs):
        self.label = label
        self.docs = docs
        self.passed = 0
        self.failed = 0
        self.workloads = [Workload(d) for d in docs if d["kind"] in POD_KINDS]
        self.configmaps = {d["metadata"]["name"]: d.get("data") or {} for d in docs if d["kind"] == "ConfigMap"}

    def check(self, ok, where, message):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL [{self.label}] {where}: {message}")
        return ok

    def of_kind(self, kind):
        return [d for d in self.docs if d["kind"] == kind]

    # ---------------------------------------------------------------- pods

    def env_of(self, container):
        """NAME -> literal value, resolving ConfigMap references; secret references map to None."""
        env = {}
        for source in container.get("envFrom") or []:
            ref = source.get("configMapRef")
            if ref:
                for key, value in self.configmaps.get(ref["name"], {}).items():
                    env[source.get("prefix", "") + key] = str(value)
        for var in container.get("env") or []:
            if "value" in var:
                env[var["name"]] = str(var["value"])
            elif "configMapKeyRef" in (var.get("valueFrom") or {}):
                ref = var["valueFrom"]["configMapKeyRef"]
                env[var["name"]] = self.configmaps.get(ref["name"], {}).get(ref["key"])
            else:
                env[var["name"]] = None
        return env

    def check_pods(self):
        self.check(bool(self.workloads), "render", "no pod templates rendered")
        for w in self.workloads:
            pod = w.pod
            sc = pod.get("securityContext") or {}
            self.check(sc.get("runAsNonRoot") is True, w.ref, "pod securityContext.runAsNonRoot must be true")
            uid = sc.get("runAsUser")
            self.check(isinstance(uid, int) and uid > 0, w.ref, f"pod securityContext.runAsUser must be non-zero, is {uid}")
            if w.component in MESH_COMPONENTS + ("migrate", "test"):
                self.check(uid == MESH_UID, w.ref, f"mesh pods run as uid {MESH_UID}, not {uid}")
            self.check(isinstance(sc.get("fsGroup"), int), w.ref, "pod securityContext.fsGroup must be set")
            self.check((sc.get("seccompProfile") or {}).get("type") == "RuntimeDefault", w.ref,
                       "pod securityContext.seccompProfile.type must be RuntimeDefault")
            self.check(pod.get("automountServiceAccountToken") is False, w.ref,
                       "automountServiceAccountToken must be false")
            self.check(not pod.get("hostNetwork") and not pod.get("hostPID") and not pod.get("hostIPC"), w.ref,
                       "must not use host namespaces")
            volumes = {v["name"]: v for v in pod.get("volumes") or []}
            self.check(all("hostPath" not in v for v in volumes.values()), w.ref, "must not mount hostPath volumes")

            for c, is_init in w.containers():
                where = f"{w.ref} container {c['name']}"
                res = c.get("resources") or {}
                for part in ("requests", "limits"):
                    for resource in ("cpu", "memory"):
                        self.check(resource in (res.get(part) or {}), where, f"resources.{part}.{resource} missing")
                csc = c.get("securityContext") or {}
                self.check(csc.get("readOnlyRootFilesystem") is True, where, "readOnlyRootFilesystem must be true")
                self.check(csc.get("allowPrivilegeEscalation") is False, where, "allowPrivilegeEscalation must be false")
                self.check("ALL" in ((csc.get("capabilities") or {}).get("drop") or []), where,
                           "capabilities.drop must contain ALL")
                self.check(not (csc.get("capabilities") or {}).get("add"), where, "must not add capabilities")
                self.check(csc.get("privileged") is not True, where, "must not be privileged")
                self.check(csc.get("runAsUser", 1) != 0, where, "must not run as root")
                tmp = [m for m in c.get("volumeMounts") or [] if m.get("mountPath") == "/tmp"]
                self.check(bool(tmp) and "emptyDir" in volumes.get(tmp[0]["name"], {}), where,
                           "needs an emptyDir at /tmp (the root filesystem is read-only)")
                self.check(not str(c.get("image", "")).endswith(":latest") and ":" in str(c.get("image", "")), where,
                           f"image must carry a fixed tag: {c.get('image')}")
                self.check_env(c, where)
                if w.kind in SERVER_KINDS and not is_init:
                    self.check_server(w, c, where)
            if w.kind in SERVER_KINDS and w.component in MESH_COMPONENTS:
                self.check_grace(w)

    def check_env(self, container, where):
        for var in container.get("env") or []:
            if is_secret_like(var["name"]):
                self.check("value" not in var, where,
                           f"env {var['name']} looks secret but has a literal value; use secretKeyRef")
        for source in container.get("envFrom") or []:
            ref = source.get("configMapRef")
            if ref:
                self.check(ref["name"] in self.configmaps, where, f"envFrom ConfigMap {ref['name']} is not rendered")
        for var in container.get("env") or []:
            ref = (var.get("valueFrom") or {}).get("configMapKeyRef")
            if ref:
                self.check(ref["key"] in self.configmaps.get(ref["name"], {}), where,
                           f"env {var['name']} refers to missing ConfigMap key {ref['name']}/{ref['key']}")

    def check_server(self, w, c, where):
        ports = {p.get("name"): p["containerPort"] for p in c.get("ports") or []}
        for probe in PROBES:
            p = c.get(probe)
            if not self.check(bool(p), where, f"long-running server needs a {probe}"):
                continue
            if "grpc" in p:
                self.check(p["grpc"].get("port") in ports.values(), where,
                           f"{probe} gRPC port {p['grpc'].get('port')} is not a container port")
            elif "tcpSocket" in p:
                port = p["tcpSocket"]["port"]
                self.check(port in ports or port in ports.values(), where, f"{probe} port {port} is not a container port")
        if w.component in MESH_COMPONENTS:
            env = self.env_of(c)
            self.check("grpc" in ports and "metrics" in ports, where, "container ports must be named grpc and metrics")
            self.check(env.get("ENGAGE_GRPC_PORT") == str(ports.get("grpc")), where,
                       f"ENGAGE_GRPC_PORT {env.get('ENGAGE_GRPC_PORT')} != container port grpc {ports.get('grpc')}")
            self.check(env.get("ENGAGE_METRICS_PORT") == str(ports.get("metrics")), where,
                       f"ENGAGE_METRICS_PORT {env.get('ENGAGE_METRICS_PORT')} != container port metrics")
            # The invite page (CON-12): ENGAGE_PAGE_PORT is the gateway's container port named page.
            if "ENGAGE_PAGE_PORT" in env or "page" in ports:
                self.check(env.get("ENGAGE_PAGE_PORT") == str(ports.get("page")), where,
                           f"ENGAGE_PAGE_PORT {env.get('ENGAGE_PAGE_PORT')} != container port page {ports.get('page')}")
            has_rs = "ENGAGE_JWT_RS256_PUBLIC_KEY_FILE" in env
            has_hs = "ENGAGE_JWT_HS256_SECRET" in env
            self.check(has_rs != has_hs, where, "exactly one of ENGAGE_JWT_RS256_PUBLIC_KEY_FILE / ENGAGE_JWT_HS256_SECRET")
            self.check(("ENGAGE_TLS_CERT_FILE" in env) == ("ENGAGE_TLS_KEY_FILE" in env), where,
                       "ENGAGE_TLS_CERT_FILE and ENGAGE_TLS_KEY_FILE come together")
            # The kubelet's gRPC probe speaks plaintext only, so every probe goes to the plaintext health-only
            # port (ENGAGE_HEALTH_PORT), never to the gRPC port (TLS by default); no TCP or exec fallback.
            health = ports.get("health")
            self.check(health is not None and health not in (ports.get("grpc"), ports.get("metrics")), where,
                       f"needs a container port named health, apart from grpc and metrics (is {health})")
            for probe in PROBES:
                p = c.get(probe) or {}
                self.check(health is not None and set(p) & PROBE_HANDLERS == {"grpc"}
                           and p["grpc"].get("port") == health, where,
                           f"{probe} must be a native gRPC probe on the container port named health ({health}), "
                           f"is {sorted(set(p) & PROBE_HANDLERS)} {p.get('grpc') or p.get('tcpSocket') or ''}")
            self.check(health is not None and env.get("ENGAGE_HEALTH_PORT") == str(health), where,
                       f"ENGAGE_HEALTH_PORT {env.get('ENGAGE_HEALTH_PORT')} != container port health {health}")
            for name, value in env.items():
                if value is not None and re.fullmatch(r"-?[0-9.]+e[+-][0-9]+", value):
                    self.check(False, where, f"{name}={value} is in float notation")
            if w.component != "gateway":
                self.check(env.get("ENGAGE_DB_PASSWORD", "") is None, where,
                           "ENGAGE_DB_PASSWORD must come from a secretKeyRef")

    def check_grace(self, w):
        c = (w.pod.get("containers") or [{}])[0]
        grace = self.env_of(c).get("ENGAGE_SHUTDOWN_GRACE_SECONDS")
        period = w.pod.get("terminationGracePeriodSeconds", 30)
        # The preStop pause (endpoints drain before SIGTERM) counts against the same period.
        command = (((c.get("lifecycle") or {}).get("preStop") or {}).get("exec") or {}).get("command") or []
        pause = int(command[1]) if len(command) == 2 and command[0] == "/bin/sleep" and command[1].isdigit() else None
        self.check(pause is not None, w.ref, f"needs a preStop pause [/bin/sleep N] before SIGTERM, has {command}")
        self.check(grace is not None and int(period) > int(grace) + (pause or 0), w.ref,
                   f"terminationGracePeriodSeconds ({period}) must exceed the preStop pause ({pause}) + "
                   f"ENGAGE_SHUTDOWN_GRACE_SECONDS ({grace})")
        # The ConfigMap is read through envFrom and Secrets through references: neither change is in the pod
        # spec, so these annotations must be there to roll the pods.
        annotations = (self.template_metadata(w).get("annotations") or {})
        for key in ("checksum/config", "checksum/secrets"):
            self.check(re.fullmatch(r"[0-9a-f]{64}", str(annotations.get(key, ""))) is not None, w.ref,
                       f"pod template needs a {key} annotation (sha256)")

    @staticmethod
    def template_metadata(w):
        return w.template.get("metadata") or {}

    # ---------------------------------------------------------------- secrets and config

    def check_secrets(self):
        for d in self.of_kind("Secret"):
            self.check(not d.get("data") and not d.get("stringData"), f"Secret/{d['metadata']['name']}",
                       "the chart must not render Secrets with data; reference existing Secrets")
        for name, data in self.configmaps.items():
            for key in data:
                self.check(not is_secret_like(key), f"ConfigMap/{name}", f"key {key} looks secret")
        self.check(True, "render", "secrets")

    # ---------------------------------------------------------------- hooks

    def check_migration(self):
        jobs = [w for w in self.workloads if w.kind == "Job" and w.component == "migrate"]
        if not self.check(len(jobs) == 1, "render", "exactly one migration Job (component migrate) expected"):
            return
        job = jobs[0]
        ann = job.doc["metadata"].get("annotations") or {}
        hooks = set((ann.get("helm.sh/hook") or "").split(","))
        bundled_db = any(w.component == "mariadb" for w in self.workloads)
        first = "post-install" if bundled_db else "pre-install"
        self.check(hooks == {first, "pre-upgrade"}, job.ref, f"helm.sh/hook must be {first},pre-upgrade, is {sorted(hooks)}")
        self.check("helm.sh/hook-weight" in ann, job.ref, "helm.sh/hook-weight missing")
        policy = set((ann.get("helm.sh/hook-delete-policy") or "").split(","))
        self.check(policy == MIGRATION_DELETE_POLICY, job.ref,
                   f"helm.sh/hook-delete-policy must be before-hook-creation,hook-succeeded, is {sorted(policy)}")
        commands = [" ".join(c.get("command") or []) for c, _ in job.containers()]
        self.check(any(cmd.endswith("engage-migrate") for cmd in commands), job.ref, "must run engage-migrate")
        self.check(not any(e.get("configMapRef") for c, _ in job.containers() for e in c.get("envFrom") or []), job.ref,
                   "a pre-install hook cannot use the release's ConfigMaps (they do not exist yet)")
        sa = job.pod.get("serviceAccountName")
        hook_sas = [d for d in self.of_kind("ServiceAccount") if d["metadata"]["name"] == sa
                    and "helm.sh/hook" in (d["metadata"].get("annotations") or {})]
        self.check(sa in (None, "default") or bool(hook_sas), job.ref,
                   f"ServiceAccount {sa} must be a hook too, or it does not exist when the Job runs")
        for t in (w for w in self.workloads if w.component == "test"):
            self.check((t.doc["metadata"].get("annotations") or {}).get("helm.sh/hook") == "test", t.ref,
                       "test pod needs helm.sh/hook: test")

    # ---------------------------------------------------------------- selectors

    def pods_matching(self, selector):
        return [w for w in self.workloads if selector_matches(selector, w.labels)]

    @staticmethod
    def health_ports(workloads):
        """Numbers of the containers' ports named health (the plaintext probe port)."""
        return {cp["containerPort"] for w in workloads for c, _ in w.containers() for cp in c.get("ports") or []
                if cp.get("name") == "health"}

    def check_network_policies(self):
        policies = self.of_kind("NetworkPolicy")
        if not policies:
            return
        deny = [p for p in policies if "Ingress" in (p["spec"].get("policyTypes") or []) and not p["spec"].get("ingress")]
        self.check(bool(deny), "render", "a default-deny ingress NetworkPolicy is expected")
        for w in self.workloads:
            self.check(any(selector_matches(p["spec"]["podSelector"], w.labels) for p in deny), w.ref,
                       "not covered by the default-deny ingress policy")
        for p in policies:
            where = f"NetworkPolicy/{p['metadata']['name']}"
            spec = p["spec"]
            self.check(bool(self.pods_matching(spec.get("podSelector"))), where,
                       f"podSelector {spec.get('podSelector')} matches no rendered pod")
            peers = [peer for rule in spec.get("ingress") or [] for peer in rule.get("from") or []]
            peers += [peer for rule in spec.get("egress") or [] for peer in rule.get("to") or []]
            for peer in peers:
                if "podSelector" in peer and "namespaceSelector" not in peer:
                    self.check(bool(self.pods_matching(peer["podSelector"])), where,
                               f"peer podSelector {peer['podSelector']} matches no rendered pod")
            targets = self.pods_matching(spec.get("podSelector"))
            named = {cp.get("name") for w in targets for c, _ in w.containers() for cp in c.get("ports") or []}
            health = self.health_ports(targets)
            for rule in spec.get("ingress") or []:
                for port in rule.get("ports") or []:
                    if isinstance(port.get("port"), str):
                        self.check(port["port"] in named, where, f"port name {port['port']} is no container port")
                    self.check(port.get("port") not in health | {"health"}, where,
                               f"opens the health port {port.get('port')}: only the kubelet probes it")

    def check_services(self):
        for s in self.of_kind("Service"):
            where = f"Service/{s['metadata']['name']}"
            selector = s["spec"].get("selector") or {}
            targets = [w for w in self.workloads if w.kind in ("Deployment", "StatefulSet")
                       and plain_selector_matches(selector, w.labels)]
            if not self.check(bool(targets), where, f"selector {selector} matches no Deployment or StatefulSet"):
                continue
            ports = s["spec"].get("ports") or []
            if any(w.kind == "Deployment" for w in targets):
                self.check(any(p.get("name") == "grpc" for p in ports), where, "needs a port named grpc")
                self.check(any(p.get("name") == "metrics" for p in ports), where, "needs a port named metrics")
            named = {cp.get("name") for w in targets for c, _ in w.containers() for cp in c.get("ports") or []}
            health = self.health_ports(targets)
            for p in ports:
                if isinstance(p.get("targetPort"), str):
                    self.check(p["targetPort"] in named, where, f"targetPort {p['targetPort']} is no container port")
                self.check(p.get("targetPort", p.get("port")) not in health | {"health"}, where,
                           f"exposes the health port {p.get('targetPort', p.get('port'))}: only the kubelet probes it")
            component = selector.get("app.kubernetes.io/component")
            if component in MESH_COMPONENTS and component != "gateway":
                self.check(s["spec"].get("clusterIP") == "None", where,
                           "backend Services are headless so dns:/// balancing sees every pod")

    def check_other_refs(self):
        deployments = {d["metadata"]["name"]: d for d in self.of_kind("Deployment")}
        for h in self.of_kind("HorizontalPodAutoscaler"):
            target = h["spec"]["scaleTargetRef"]["name"]
            where = f"HorizontalPodAutoscaler/{h['metadata']['name']}"
            if self.check(target in deployments, where, f"scaleTargetRef {target} is not rendered"):
                self.check("replicas" not in deployments[target]["spec"], f"Deployment/{target}",
                           "replicas must be left to the HPA")
        for p in self.of_kind("PodDisruptionBudget"):
            self.check(bool(self.pods_matching(p["spec"]["selector"])), f"PodDisruptionBudget/{p['metadata']['name']}",
                       "selector matches no rendered pod")
        services = self.of_kind("Service")
        for m in self.of_kind("ServiceMonitor"):
            where = f"ServiceMonitor/{m['metadata']['name']}"
            matched = [s for s in services if selector_matches(m["spec"]["selector"], s["metadata"].get("labels") or {})]
            self.check(bool(matched), where, "selector matches no rendered Service")
            for e in m["spec"].get("endpoints") or []:
                self.check(all(any(p.get("name") == e.get("port") for p in s["spec"]["ports"]) for s in matched), where,
                           f"endpoint port {e.get('port')} missing on a selected Service")
        for i in self.of_kind("Ingress"):
            where = f"Ingress/{i['metadata']['name']}"
            names = {s["metadata"]["name"]: s for s in services}
            ann = i["metadata"].get("annotations") or {}
            backend_ports = {path["backend"]["service"]["port"].get("name")
                             for rule in i["spec"].get("rules") or [] for path in rule["http"]["paths"]}
            if backend_ports == {"page"}:
                # The invite landing page (CON-12) speaks HTTP(S), not gRPC.
                self.check(ann.get("nginx.ingress.kubernetes.io/backend-protocol") in ("HTTP", "HTTPS"), where,
                           "needs nginx.ingress.kubernetes.io/backend-protocol HTTP or HTTPS to the page port")
            else:
                self.check(ann.get("nginx.ingress.kubernetes.io/backend-protocol") in ("GRPC", "GRPCS"), where,
                           "needs nginx.ingress.kubernetes.io/backend-protocol GRPC or GRPCS")
            for rule in i["spec"].get("rules") or []:
                for path in rule["http"]["paths"]:
                    svc = path["backend"]["service"]
                    self.check(svc["name"] in names, where, f"backend Service {svc['name']} is not rendered")
        accounts = {d["metadata"]["name"]: d for d in self.of_kind("ServiceAccount")}
        for a in accounts.values():
            self.check(a.get("automountServiceAccountToken") is False, f"ServiceAccount/{a['metadata']['name']}",
                       "automountServiceAccountToken must be false")
        for w in self.workloads:
            sa = w.pod.get("serviceAccountName")
            if sa:
                self.check(sa in accounts, w.ref, f"serviceAccountName {sa} is not rendered")
            # A spread constraint counts the pods its selector matches: it must match this workload's own pods.
            for c in w.pod.get("topologySpreadConstraints") or []:
                self.check(selector_matches(c.get("labelSelector"), w.labels), w.ref,
                           f"topologySpreadConstraints ({c.get('topologyKey')}) labelSelector does not match its pods")
        for c in self.of_kind("Certificate"):
            where = f"Certificate/{c['metadata']['name']}"
            if c["spec"].get("isCA"):
                continue
            names = set(c["spec"].get("dnsNames") or [])
            for s in services:
                if (s["metadata"].get("labels") or {}).get("app.kubernetes.io/component") in MESH_COMPONENTS:
                    self.check(s["metadata"]["name"] in names, where, f"dnsNames lack Service {s['metadata']['name']}")

    def run(self):
        self.check_pods()
        self.check_secrets()
        self.check_migration()
        self.check_network_policies()
        self.check_services()
        self.check_other_refs()


def load(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d]


def _first(docs, kind, component=None):
    for d in docs:
        if d["kind"] != kind:
            continue
        labels = d["metadata"].get("labels") or {}
        if component is None or labels.get("app.kubernetes.io/component") == component:
            return d
    raise LookupError(f"no {kind} {component or ''} in the render")


def _container(docs, kind="Deployment", component="profile"):
    return Workload(_first(docs, kind, component)).pod["containers"][0]


def _pod(docs, kind="Deployment", component="profile"):
    return Workload(_first(docs, kind, component)).pod


# name -> (mutation of the docs, text expected in a failure line)
MUTATIONS = {
    "probe removed": (lambda d: _container(d).pop("readinessProbe"), "needs a readinessProbe"),
    "startup probe removed": (lambda d: _container(d, component="gateway").pop("startupProbe"), "needs a startupProbe"),
    "limits removed": (lambda d: _container(d, "Job", "migrate")["resources"].pop("limits"), "resources.limits.cpu"),
    "requests removed": (lambda d: _container(d, "Pod", "test")["resources"].pop("requests"), "resources.requests"),
    "root pod": (lambda d: _pod(d)["securityContext"].update(runAsNonRoot=False), "runAsNonRoot"),
    "no fsGroup": (lambda d: _pod(d)["securityContext"].pop("fsGroup"), "fsGroup"),
    "no seccomp": (lambda d: _pod(d, "Job", "migrate")["securityContext"].pop("seccompProfile"), "seccompProfile"),
    "writable root": (lambda d: _container(d)["securityContext"].update(readOnlyRootFilesystem=False),
                      "readOnlyRootFilesystem"),
    "escalation": (lambda d: _container(d)["securityContext"].update(allowPrivilegeEscalation=True),
                   "allowPrivilegeEscalation"),
    "capabilities kept": (lambda d: _container(d)["securityContext"]["capabilities"].update(drop=[]), "drop must"),
    "no /tmp": (lambda d: _container(d).update(volumeMounts=[]), "emptyDir at /tmp"),
    "token mounted": (lambda d: _pod(d).update(automountServiceAccountToken=True), "automountServiceAccountToken"),
    "secret rendered": (lambda d: d.append({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "leak"},
                                            "stringData": {"password": "x"}}), "must not render Secrets"),
    "literal password": (lambda d: _container(d).setdefault("env", []).append(
        {"name": "ENGAGE_DB_PASSWORD", "value": "hunter2"}), "has a literal value"),
    "secret in ConfigMap": (lambda d: _first(d, "ConfigMap", "gateway")["data"].update(
        ENGAGE_JWT_HS256_SECRET="x"), "looks secret"),
    "hook removed": (lambda d: _first(d, "Job", "migrate")["metadata"]["annotations"].pop("helm.sh/hook"),
                     "helm.sh/hook must be"),
    "hook kept": (lambda d: _first(d, "Job", "migrate")["metadata"]["annotations"].update(
        {"helm.sh/hook-delete-policy": "before-hook-creation"}), "hook-delete-policy"),
    "policy peer dangling": (lambda d: _first(d, "NetworkPolicy", "profile")["spec"]["ingress"][0]["from"].append(
        {"podSelector": {"matchLabels": {"app.kubernetes.io/component": "nope"}}}), "matches no rendered pod"),
    "policy target dangling": (lambda d: _first(d, "NetworkPolicy", "connection")["spec"]["podSelector"]
                               ["matchLabels"].update({"app.kubernetes.io/component": "nope"}),
                               "matches no rendered pod"),
    "service dangling": (lambda d: _first(d, "Service", "promomats")["spec"]["selector"].update(
        {"app.kubernetes.io/component": "nope"}), "matches no Deployment"),
    "grpc port renamed": (lambda d: _first(d, "Service", "profile")["spec"]["ports"][0].update(name="rpc"),
                          "port named grpc"),
    "backend not headless": (lambda d: _first(d, "Service", "connection")["spec"].pop("clusterIP"), "headless"),
    "probe on the TLS port": (lambda d: _container(d)["readinessProbe"]["grpc"].update(port=50051),
                              "native gRPC probe on the container port named health"),
    "TCP probe fallback": (lambda d: _container(d, component="gateway").update(
        livenessProbe={"tcpSocket": {"port": "grpc"}, "periodSeconds": 10}),
        "native gRPC probe on the container port named health"),
    "health port unnamed": (lambda d: [p.update(name="probe") for p in _container(d, component="promomats")["ports"]
                                       if p["name"] == "health"], "container port named health"),
    "health env differs": (lambda d: _first(d, "ConfigMap", "connection")["data"].update(ENGAGE_HEALTH_PORT="8087"),
                           "ENGAGE_HEALTH_PORT 8087 != container port health"),
    "health env missing": (lambda d: _first(d, "ConfigMap", "gateway")["data"].pop("ENGAGE_HEALTH_PORT"),
                           "ENGAGE_HEALTH_PORT None != container port health"),
    "health port opened": (lambda d: _first(d, "NetworkPolicy", "profile")["spec"]["ingress"][0]["ports"].append(
        {"port": "health", "protocol": "TCP"}), "opens the health port"),
    "health port on Service": (lambda d: _first(d, "Service", "gateway")["spec"]["ports"].append(
        {"name": "health", "port": 8086, "targetPort": 8086}), "exposes the health port"),
    "page env differs": (lambda d: _first(d, "ConfigMap", "gateway")["data"].update(ENGAGE_PAGE_PORT="8081"),
                         "ENGAGE_PAGE_PORT 8081 != container port page"),
    "grace too short": (lambda d: _pod(d).update(terminationGracePeriodSeconds=5), "must exceed"),
    "spread counts other pods": (lambda d: _pod(d).update(topologySpreadConstraints=[{
        "maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway",
        "labelSelector": {"matchLabels": {"app.kubernetes.io/component": "gateway"}}}]),
        "labelSelector does not match its pods"),
    "grace eaten by the pause": (lambda d: _container(d)["lifecycle"]["preStop"]["exec"].update(
        command=["/bin/sleep", "30"]), "must exceed the preStop pause (30)"),
    "no preStop pause": (lambda d: _container(d, component="gateway").pop("lifecycle"), "needs a preStop pause"),
    "no config checksum": (lambda d: Workload(_first(d, "Deployment", "connection")).template["metadata"]
                           ["annotations"].pop("checksum/config"), "checksum/config annotation"),
    "no secrets checksum": (lambda d: Workload(_first(d, "Deployment", "promomats")).template["metadata"]
                            ["annotations"].pop("checksum/secrets"), "checksum/secrets annotation"),
}


def self_test(path):
    good = load(path)
    checker = Checker(path, copy.deepcopy(good))
    with contextlib.redirect_stdout(io.StringIO()):
        checker.run()
    if checker.failed:
        print(f"FAIL self-test: {path} must pass before it can be broken ({checker.failed} failures)")
        return 0, 1
    passed = failed = 0
    for name, (mutate, expected) in MUTATIONS.items():
        docs = copy.deepcopy(good)
        try:
            mutate(docs)
        except (LookupError, KeyError, IndexError) as e:
            print(f"FAIL self-test '{name}': cannot apply to this render ({e!r})")
            failed += 1
            continue
        out = io.StringIO()
        checker = Checker(f"{path} with {name}", docs)
        with contextlib.redirect_stdout(out):
            checker.run()
        if checker.failed and expected in out.getvalue():
            passed += 1
        else:
            failed += 1
            print(f"FAIL self-test '{name}': not caught (expected a failure mentioning '{expected}')")
    print(f"{path} self-test: {passed} passed, {failed} failed ({len(MUTATIONS)} breaks)")
    return passed, failed


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        passed, failed = self_test(argv[2])
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    passed = failed = 0
    for path in argv[1:]:
        try:
            docs = load(path)
        except (OSError, yaml.YAMLError) as e:
            print(f"FAIL [{path}] cannot read: {e}")
            failed += 1
            continue
        checker = Checker(path, docs)
        checker.run()
        print(f"{path}: {checker.passed} passed, {checker.failed} failed ({len(docs)} objects)")
        passed += checker.passed
        failed += checker.failed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
