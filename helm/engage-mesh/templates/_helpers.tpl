{{/*
Shared helpers. Every template that renders one object per server ranges over "engage-mesh.components", so a
server is described once here and in values.services.<name>.
*/}}

{{/* The four servers: binary, whether it uses the database, which servers it calls (the ENGAGE_*_TARGET
variables it gets) and which servers may call it (the NetworkPolicy). */}}
{{- define "engage-mesh.components" -}}
gateway:
  binary: engage-gateway
  db: false
  targets: [profile, connection, promomats]
  callers: []
profile:
  binary: engage-profile
  db: true
  targets: [connection]
  callers: [gateway, connection, promomats]
connection:
  binary: engage-connection
  db: true
  targets: [profile, promomats]
  callers: [gateway, profile]
promomats:
  binary: engage-promomats
  db: true
  targets: [profile]
  callers: [gateway, connection]
{{- end }}

{{/* Base name of every object: fullnameOverride or the release name. */}}
{{- define "engage-mesh.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end }}

{{/* Name of a component's objects. Call with (dict "root" $ "name" "profile"). */}}
{{- define "engage-mesh.componentName" -}}
{{- printf "%s-%s" (include "engage-mesh.fullname" .root) .name -}}
{{- end }}

{{- define "engage-mesh.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/* Labels that select the release's pods (all of them). */}}
{{- define "engage-mesh.releaseSelectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels that select one component's pods. Call with (dict "root" $ "name" "profile"). */}}
{{- define "engage-mesh.selectorLabels" -}}
{{ include "engage-mesh.releaseSelectorLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* All labels of a component's objects. Call with (dict "root" $ "name" "profile"). */}}
{{- define "engage-mesh.labels" -}}
{{ include "engage-mesh.selectorLabels" . }}
helm.sh/chart: {{ include "engage-mesh.chart" .root }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: engage-mesh
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "engage-mesh.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end }}

{{- define "engage-mesh.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/* Host of the database: database.host, or the bundled MariaDB (validate says when neither or both are set). */}}
{{- define "engage-mesh.dbHost" -}}
{{- if .Values.mariadb.enabled -}}
{{- include "engage-mesh.componentName" (dict "root" . "name" "mariadb") -}}
{{- else -}}
{{- .Values.database.host -}}
{{- end -}}
{{- end }}

{{/* Every required value that is missing and every inconsistency, collected, then ONE failure naming them all, so
a user fixes their values in one go (the schema checks types and forms only; what is required depends on other
values, which JSON Schema would report as "Must validate then as if was valid"). Rendered by configmap.yaml. */}}
{{- define "engage-mesh.validate" -}}
{{- $v := .Values -}}
{{- $missing := list -}}
{{- $wrong := list -}}
{{- if not $v.database.existingSecret -}}
{{- $missing = append $missing "database.existingSecret (an existing Secret holding the database password)" -}}
{{- end -}}
{{- if and $v.tls.enabled (not $v.tls.existingSecret) -}}
{{- $missing = append $missing "tls.existingSecret (tls.enabled is true: a Secret with tls.crt, tls.key and ca.crt, or the one tls.certManager writes)" -}}
{{- end -}}
{{- if and (eq $v.auth.mode "rs256") (not $v.auth.rs256.existingSecret) -}}
{{- $missing = append $missing "auth.rs256.existingSecret (auth.mode is rs256: an existing Secret holding the JWT public key)" -}}
{{- end -}}
{{- if and (eq $v.auth.mode "hs256") (not $v.auth.hs256.existingSecret) -}}
{{- $missing = append $missing "auth.hs256.existingSecret (auth.mode is hs256: an existing Secret holding the HS256 secret)" -}}
{{- end -}}
{{- if $v.mariadb.enabled -}}
{{- if not $v.mariadb.existingSecret -}}
{{- $missing = append $missing "mariadb.existingSecret (mariadb.enabled is true: an existing Secret holding the root password)" -}}
{{- end -}}
{{- if $v.database.host -}}
{{- $wrong = append $wrong (printf "database.host (%s) is set and mariadb.enabled is true: set mariadb.enabled=false to use that database, or leave database.host empty to use the bundled MariaDB" $v.database.host) -}}
{{- end -}}
{{- else if not $v.database.host -}}
{{- $missing = append $missing "database.host (mariadb.enabled is false: the external MySQL host)" -}}
{{- end -}}
{{- if and $v.smtp.host (not $v.smtp.from) -}}
{{- $missing = append $missing "smtp.from (smtp.host is set: the sender address of e-mail invites)" -}}
{{- end -}}
{{- if and $v.smtp.host $v.networkPolicy.enabled $v.networkPolicy.egress.restrict (not $v.smtp.egressCidrs) -}}
{{- $missing = append $missing "smtp.egressCidrs (smtp.host is set and networkPolicy.egress.restrict is true)" -}}
{{- end -}}
{{- if and $v.ingress.enabled (not $v.ingress.host) -}}
{{- $missing = append $missing "ingress.host (ingress.enabled is true)" -}}
{{- end -}}
{{- if and $v.networkPolicy.enabled $v.networkPolicy.egress.restrict (not $v.mariadb.enabled) (not $v.networkPolicy.egress.databaseCidrs) -}}
{{- $missing = append $missing "networkPolicy.egress.databaseCidrs (networkPolicy.egress.restrict is true and the database is external)" -}}
{{- end -}}
{{- if $v.tls.certManager.enabled -}}
{{- if not $v.tls.enabled -}}
{{- $wrong = append $wrong "tls.certManager.enabled is true but tls.enabled is false" -}}
{{- end -}}
{{- if or (ne $v.tls.certKey "tls.crt") (ne $v.tls.keyKey "tls.key") (ne $v.tls.caKey "ca.crt") -}}
{{- $wrong = append $wrong "tls.certKey/keyKey/caKey must be tls.crt/tls.key/ca.crt with tls.certManager.enabled (the keys cert-manager writes)" -}}
{{- end -}}
{{- end -}}
{{- if eq (int $v.healthPort) (int $v.metricsPort) -}}
{{- $wrong = append $wrong (printf "healthPort (%d) must differ from metricsPort (%d): every server listens on both" (int $v.healthPort) (int $v.metricsPort)) -}}
{{- end -}}
{{- range $name, $_ := include "engage-mesh.components" . | fromYaml -}}
{{- $grpcPort := int (index $v.services $name).grpcPort -}}
{{- if eq (int $v.healthPort) $grpcPort -}}
{{- $wrong = append $wrong (printf "healthPort (%d) must differ from services.%s.grpcPort (%d): the health port is a separate plaintext listener" (int $v.healthPort) $name $grpcPort) -}}
{{- end -}}
{{- if eq (int $v.metricsPort) $grpcPort -}}
{{- $wrong = append $wrong (printf "metricsPort (%d) must differ from services.%s.grpcPort (%d)" (int $v.metricsPort) $name $grpcPort) -}}
{{- end -}}
{{- end -}}
{{- $drainSeconds := div (add (int $v.shutdownDrainMillis) 999) 1000 | int -}}
{{- if le (int $v.terminationGracePeriodSeconds) (add (int $v.preStopSleepSeconds) $drainSeconds (int $v.shutdownGraceSeconds) | int) -}}
{{- $wrong = append $wrong (printf "terminationGracePeriodSeconds (%d) must be greater than preStopSleepSeconds + shutdownDrainMillis (in seconds, rounded up) + shutdownGraceSeconds (%d + %d + %d), or the kubelet kills servers still draining" (int $v.terminationGracePeriodSeconds) (int $v.preStopSleepSeconds) $drainSeconds (int $v.shutdownGraceSeconds)) -}}
{{- end -}}
{{- if or $missing $wrong -}}
{{- $lines := list -}}
{{- if $missing -}}
{{- $lines = append $lines (printf "missing required values: %s" (join "; " $missing)) -}}
{{- end -}}
{{- if $wrong -}}
{{- $lines = append $lines (printf "inconsistent values: %s" (join "; " $wrong)) -}}
{{- end -}}
{{- fail (printf "engage-mesh: %s" (join ". " $lines)) -}}
{{- end -}}
{{- end }}

{{/* Where the secret files are mounted. */}}
{{- define "engage-mesh.tlsDir" -}}/etc/engage/tls{{- end }}
{{- define "engage-mesh.jwtDir" -}}/etc/engage/jwt{{- end }}
{{- define "engage-mesh.serviceTokenDir" -}}/etc/engage/service-token{{- end }}

{{/* Non-secret database environment (ConfigMap data of the database users, inline env of the Job). */}}
{{- define "engage-mesh.dbEnv" -}}
ENGAGE_DB_HOST: {{ include "engage-mesh.dbHost" . | quote }}
ENGAGE_DB_PORT: {{ .Values.database.port | int64 | quote }}
ENGAGE_DB_NAME: {{ .Values.database.name | quote }}
ENGAGE_DB_USER: {{ .Values.database.user | quote }}
ENGAGE_DB_POOL_SIZE: {{ .Values.database.poolSize | int64 | quote }}
ENGAGE_DB_CONNECT_TIMEOUT_SECONDS: {{ .Values.database.connectTimeoutSeconds | int64 | quote }}
ENGAGE_DB_QUERY_TIMEOUT_SECONDS: {{ .Values.database.queryTimeoutSeconds | int64 | quote }}
ENGAGE_DB_POOL_WAIT_MILLIS: {{ .Values.database.poolWaitMillis | int64 | quote }}
{{- end }}

{{/* The ConfigMap data of one server: every non-secret variable it reads. Call with
(dict "root" $ "name" "gateway"). Also hashed into the pod annotation checksum/config. */}}
{{- define "engage-mesh.configData" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $svc := index $v.services .name -}}
{{- $meta := index (include "engage-mesh.components" $root | fromYaml) .name -}}
ENGAGE_GRPC_HOST: {{ $v.grpcHost | quote }}
ENGAGE_GRPC_PORT: {{ $svc.grpcPort | int64 | quote }}
ENGAGE_METRICS_PORT: {{ $v.metricsPort | int64 | quote }}
ENGAGE_HEALTH_PORT: {{ $v.healthPort | int64 | quote }}
ENGAGE_SHUTDOWN_GRACE_SECONDS: {{ $v.shutdownGraceSeconds | int64 | quote }}
ENGAGE_LOG_LEVEL: {{ $v.logLevel | quote }}
ENGAGE_MAX_CONNECTION_AGE_SECONDS: {{ $v.maxConnectionAgeSeconds | int64 | quote }}
ENGAGE_MAX_CONNECTION_AGE_GRACE_SECONDS: {{ $v.maxConnectionAgeGraceSeconds | int64 | quote }}
ENGAGE_SHUTDOWN_DRAIN_MILLIS: {{ $v.shutdownDrainMillis | int64 | quote }}
ENGAGE_MAX_STREAMS_PER_CONNECTION: {{ $v.maxStreamsPerConnection | int64 | quote }}
ENGAGE_MAX_THREADS: {{ $v.maxThreads | int64 | quote }}
{{- if $v.tls.enabled }}
ENGAGE_TLS_CERT_FILE: {{ printf "%s/%s" (include "engage-mesh.tlsDir" $root) $v.tls.certKey | quote }}
ENGAGE_TLS_KEY_FILE: {{ printf "%s/%s" (include "engage-mesh.tlsDir" $root) $v.tls.keyKey | quote }}
{{- if $meta.targets }}
ENGAGE_BACKEND_TLS_CA_FILE: {{ printf "%s/%s" (include "engage-mesh.tlsDir" $root) $v.tls.caKey | quote }}
{{- end }}
{{- end }}
{{- if eq $v.auth.mode "rs256" }}
ENGAGE_JWT_RS256_PUBLIC_KEY_FILE: {{ printf "%s/%s" (include "engage-mesh.jwtDir" $root) $v.auth.rs256.publicKeyKey | quote }}
{{- end }}
{{- with $v.auth.issuer }}
ENGAGE_JWT_ISSUER: {{ . | quote }}
{{- end }}
{{- if and $v.auth.serviceToken.existingSecret $meta.targets (ne .name "gateway") }}
ENGAGE_SERVICE_TOKEN_FILE: {{ printf "%s/%s" (include "engage-mesh.serviceTokenDir" $root) $v.auth.serviceToken.key | quote }}
{{- end }}
{{- with $v.auth.audience }}
ENGAGE_JWT_AUDIENCE: {{ . | quote }}
{{- end }}
{{- if $meta.db }}
{{ include "engage-mesh.dbEnv" $root }}
ENGAGE_CALLER_STATE_TTL_MILLIS: {{ $v.callerStateTtlMillis | int64 | quote }}
ENGAGE_TENANT_CALLS_IN_FLIGHT: {{ $v.database.tenantCallsInFlight | int64 | quote }}
ENGAGE_TENANT_CALL_WAIT_MILLIS: {{ $v.database.tenantCallWaitMillis | int64 | quote }}
{{- end }}
{{- range $meta.targets }}
{{ printf "ENGAGE_%s_TARGET" (upper .) }}: {{ printf "dns:///%s:%d" (include "engage-mesh.componentName" (dict "root" $root "name" .)) (int (index $v.services .).grpcPort) | quote }}
{{- end }}
{{- if has .name (list "profile" "connection" "promomats") }}
ENGAGE_OUTBOX_POLL_MS: {{ $v.outboxPollMillis | int64 | quote }}
ENGAGE_OUTBOX_LEASE_SECONDS: {{ $v.outboxLeaseSeconds | int64 | quote }}
{{- end }}
{{- if and (eq .name "connection") $v.smtp.host }}
ENGAGE_SMTP_HOST: {{ $v.smtp.host | quote }}
ENGAGE_SMTP_PORT: {{ $v.smtp.port | int64 | quote }}
ENGAGE_SMTP_STARTTLS: {{ $v.smtp.starttls | quote }}
ENGAGE_SMTP_FROM: {{ $v.smtp.from | quote }}
ENGAGE_SMTP_TIMEOUT_SECONDS: {{ $v.smtp.timeoutSeconds | int64 | quote }}
{{- end }}
{{- if eq .name "connection" }}
ENGAGE_INVITE_TTL_HOURS: {{ $svc.inviteTtlHours | int64 | quote }}
ENGAGE_INVITE_PREVIEW_PER_MINUTE: {{ $svc.invitePreviewPerMinute | int64 | quote }}
ENGAGE_INVITE_PREVIEW_BURST: {{ $svc.invitePreviewBurst | int64 | quote }}
ENGAGE_INVITE_MAILS_PER_INVITER_PER_DAY: {{ $svc.dailyCaps.inviteMailsPerInviter | int64 | quote }}
ENGAGE_INVITE_MAILS_PER_RECIPIENT_PER_DAY: {{ $svc.dailyCaps.inviteMailsPerRecipient | int64 | quote }}
ENGAGE_SELF_REPORTED_MEETINGS_PER_HCP_PER_DAY: {{ $svc.dailyCaps.selfReportedMeetingsPerHcp | int64 | quote }}
ENGAGE_POST_PROCESSING_INTERVAL_SECONDS: {{ $svc.postProcessingIntervalSeconds | int64 | quote }}
ENGAGE_POST_PROCESSING_LEASE_SECONDS: {{ $svc.postProcessingLeaseSeconds | int64 | quote }}
ENGAGE_MAIL_DISPATCH_INTERVAL_MS: {{ $svc.mail.dispatchIntervalMs | int64 | quote }}
ENGAGE_MAIL_MAX_ATTEMPTS: {{ $svc.mail.maxAttempts | int64 | quote }}
ENGAGE_MAIL_RETRY_FIRST_MS: {{ $svc.mail.retryFirstMs | int64 | quote }}
ENGAGE_MAIL_RETRY_MAX_MS: {{ $svc.mail.retryMaxMs | int64 | quote }}
{{- end }}
{{- if eq .name "promomats" }}
ENGAGE_DISPATCH_INTERVAL_MS: {{ $svc.dispatchIntervalMs | int64 | quote }}
ENGAGE_DELIVERY_MAX_ATTEMPTS: {{ $svc.delivery.maxAttempts | int64 | quote }}
ENGAGE_DELIVERY_RETRY_FIRST_MS: {{ $svc.delivery.retryFirstMs | int64 | quote }}
ENGAGE_DELIVERY_RETRY_MAX_MS: {{ $svc.delivery.retryMaxMs | int64 | quote }}
{{- end }}
{{- if eq .name "profile" }}
ENGAGE_SYNC_WORKERS: {{ $svc.syncWorkers | int64 | quote }}
ENGAGE_SYNC_QUEUE_CAPACITY: {{ $svc.syncQueueCapacity | int64 | quote }}
ENGAGE_SYNC_BATCH_SIZE: {{ $svc.syncBatchSize | int64 | quote }}
ENGAGE_SYNC_SCHEDULER_TICK_SECONDS: {{ $svc.syncSchedulerTickSeconds | int64 | quote }}
ENGAGE_ERASURE_RETRY_TICK_SECONDS: {{ $svc.erasureRetryTickSeconds | int64 | quote }}
ENGAGE_PROFILE_DATA_DISPATCH_INTERVAL_MS: {{ $svc.profileData.dispatchIntervalMs | int64 | quote }}
ENGAGE_PROFILE_DATA_RETRY_FIRST_MS: {{ $svc.profileData.retryFirstMs | int64 | quote }}
ENGAGE_PROFILE_DATA_RETRY_MAX_MS: {{ $svc.profileData.retryMaxMs | int64 | quote }}
ENGAGE_PROFILE_DATA_MAX_ATTEMPTS: {{ $svc.profileData.maxAttempts | int64 | quote }}
ENGAGE_PROFILE_DATA_KEEP_SENT_HOURS: {{ $svc.profileData.keepSentHours | int64 | quote }}
ENGAGE_ENGAGEMENT_TIMEOUT_MS: {{ $svc.engagement.timeoutMs | int64 | quote }}
{{- end }}
{{- if eq .name "gateway" }}
ENGAGE_RATE_LIMIT_PER_SECOND: {{ $svc.rateLimitPerSecond | int64 | quote }}
ENGAGE_RATE_LIMIT_BURST: {{ $svc.rateLimitBurst | int64 | quote }}
ENGAGE_MAX_CONCURRENT_CALLS: {{ $svc.maxConcurrentCalls | int64 | quote }}
ENGAGE_MAX_CONCURRENT_CALLS_PER_TENANT: {{ $svc.maxConcurrentCallsPerTenant | int64 | quote }}
ENGAGE_MAX_CONCURRENT_CALLS_PER_CALLER: {{ $svc.maxConcurrentCallsPerCaller | int64 | quote }}
ENGAGE_TENANT_RATE_LIMIT_PER_SECOND: {{ $svc.tenantRateLimitPerSecond | int64 | quote }}
ENGAGE_TENANT_RATE_LIMIT_BURST: {{ $svc.tenantRateLimitBurst | int64 | quote }}
ENGAGE_REQUEST_MESSAGE_TIMEOUT_MILLIS: {{ $svc.requestMessageTimeoutMillis | int64 | quote }}
ENGAGE_AUTH_FAILURES_PER_PEER_BURST: {{ $svc.authFailuresPerPeerBurst | int64 | quote }}
ENGAGE_AUTH_FAILURES_PER_PEER_PER_SECOND: {{ $svc.authFailuresPerPeerPerSecond | int64 | quote }}
ENGAGE_DEFAULT_DEADLINE_MILLIS: {{ $svc.defaultDeadlineMillis | int64 | quote }}
ENGAGE_MAX_DEADLINE_MILLIS: {{ $svc.maxDeadlineMillis | int64 | quote }}
ENGAGE_PUBLIC_STREAMS_PER_PEER: {{ $svc.publicStreamsPerPeer | int64 | quote }}
ENGAGE_PUBLIC_STREAMS_TOTAL: {{ $svc.publicStreamsTotal | int64 | quote }}
ENGAGE_MAX_MESSAGE_BYTES: {{ $svc.maxMessageBytes | int64 | quote }}
{{- if $v.invitePage.enabled }}
ENGAGE_PAGE_PORT: {{ $v.invitePage.port | int64 | quote }}
ENGAGE_PAGE_REQUESTS_PER_MINUTE_PER_ADDRESS: {{ $v.invitePage.requestsPerMinutePerAddress | int64 | quote }}
ENGAGE_PAGE_BURST_PER_ADDRESS: {{ $v.invitePage.burstPerAddress | int64 | quote }}
{{- $hops := $v.invitePage.trustedProxyHops }}
{{- if kindIs "invalid" $hops }}{{ $hops = ternary 1 0 $v.invitePage.ingress.enabled }}{{ end }}
ENGAGE_PAGE_TRUSTED_PROXY_HOPS: {{ $hops | int64 | quote }}
{{- end }}
{{- end }}
{{- if has .name (list "gateway" "connection") }}
ENGAGE_INVITE_LINK_BASE: {{ $v.invitePage.linkBase | quote }}
{{- end }}
{{- end }}

{{/* The Secrets a server reads, as "name/key" lines (what checksum/secrets hashes). Call with
(dict "root" $ "name" "gateway"). */}}
{{- define "engage-mesh.secretRefs" -}}
{{- $v := .root.Values -}}
{{- $meta := index (include "engage-mesh.components" .root | fromYaml) .name -}}
{{- if $v.tls.enabled }}
{{ $v.tls.existingSecret }}/{{ $v.tls.certKey }}
{{ $v.tls.existingSecret }}/{{ $v.tls.keyKey }}
{{- if $meta.targets }}
{{ $v.tls.existingSecret }}/{{ $v.tls.caKey }}
{{- end }}
{{- end }}
{{- if eq $v.auth.mode "rs256" }}
{{ $v.auth.rs256.existingSecret }}/{{ $v.auth.rs256.publicKeyKey }}
{{- else }}
{{ $v.auth.hs256.existingSecret }}/{{ $v.auth.hs256.secretKey }}
{{- end }}
{{- if $meta.db }}
{{ $v.database.existingSecret }}/{{ $v.database.passwordKey }}
{{- end }}
{{- if and $v.auth.serviceToken.existingSecret $meta.targets (ne .name "gateway") }}
{{ $v.auth.serviceToken.existingSecret }}/{{ $v.auth.serviceToken.key }}
{{- end }}
{{- if and (eq .name "connection") $v.smtp.host $v.smtp.existingSecret }}
{{ $v.smtp.existingSecret }}/{{ $v.smtp.userKey }}
{{ $v.smtp.existingSecret }}/{{ $v.smtp.passwordKey }}
{{- end }}
{{- if and (eq .name "profile") $v.secretKey.existingSecret }}
{{ $v.secretKey.existingSecret }}/{{ $v.secretKey.key }}
{{- with $v.secretKey.previousKey }}
{{ $v.secretKey.existingSecret }}/{{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/* checksum/secrets of a server's pods: its Secret references and, when the chart is installed or upgraded
against a cluster (lookup answers), the resourceVersion of each Secret, so `helm upgrade` after a Secret was
changed (a new password, a renewed certificate) rolls the pods that read it. `helm template` hashes the
references only. Call with (dict "root" $ "name" "gateway"). */}}
{{- define "engage-mesh.secretChecksum" -}}
{{- $root := .root -}}
{{- $refs := include "engage-mesh.secretRefs" . | trim -}}
{{- $versions := list -}}
{{- range $name := splitList "\n" $refs | compact | uniq -}}
{{- $secret := lookup "v1" "Secret" $root.Release.Namespace (splitList "/" $name | first) -}}
{{- if $secret -}}
{{- $versions = append $versions (printf "%s@%s" $name $secret.metadata.resourceVersion) -}}
{{- end -}}
{{- end -}}
{{- printf "%s\n%s" $refs (join "\n" $versions) | sha256sum -}}
{{- end }}

{{/* secretKeyRef env of a server or the Job. Call with (dict "root" $ "db" true "auth" true "secretKey" false);
secretKey: the SEC-10 sealing key (profile_svc only); smtp: the SMTP credentials (connection_svc only, CON-13). */}}
{{- define "engage-mesh.secretEnv" -}}
{{- $v := .root.Values -}}
{{- if .db }}
- name: ENGAGE_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $v.database.existingSecret }}
      key: {{ $v.database.passwordKey }}
{{- end }}
{{- if .auth }}
{{- if eq $v.auth.mode "hs256" }}
- name: ENGAGE_JWT_HS256_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $v.auth.hs256.existingSecret }}
      key: {{ $v.auth.hs256.secretKey }}
{{- end }}
{{- end }}
{{- if and .smtp $v.smtp.host $v.smtp.existingSecret }}
- name: ENGAGE_SMTP_USER
  valueFrom:
    secretKeyRef:
      name: {{ $v.smtp.existingSecret }}
      key: {{ $v.smtp.userKey }}
- name: ENGAGE_SMTP_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $v.smtp.existingSecret }}
      key: {{ $v.smtp.passwordKey }}
{{- end }}
{{- if and .secretKey $v.secretKey.existingSecret }}
- name: ENGAGE_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.secretKey.existingSecret }}
      key: {{ $v.secretKey.key }}
{{- if $v.secretKey.previousKey }}
- name: ENGAGE_SECRET_KEY_PREVIOUS
  valueFrom:
    secretKeyRef:
      name: {{ $v.secretKey.existingSecret }}
      key: {{ $v.secretKey.previousKey }}
{{- end }}
{{- end }}
{{- end }}

{{/* startup, readiness and liveness probes of a server: native gRPC probes (grpc.health.v1 Check, service "") on
the plaintext health-only port, which works with TLS on the gRPC port. The kubelet's gRPC probe takes a number
only, not a port name. */}}
{{- define "engage-mesh.probes" -}}
{{- $port := .Values.healthPort | int64 -}}
{{- range $kind := list "startup" "readiness" "liveness" }}
{{- $p := index $.Values.probes $kind }}
{{ $kind }}Probe:
  grpc:
    port: {{ $port }}
  periodSeconds: {{ $p.periodSeconds }}
  timeoutSeconds: {{ $p.timeoutSeconds }}
  failureThreshold: {{ $p.failureThreshold }}
{{- end }}
{{- end }}

{{/* The /tmp emptyDir of every pod. */}}
{{- define "engage-mesh.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end }}

{{- define "engage-mesh.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}
